/**
 * cellsim's public API (0.x, experimental: it may change until the frameworks work lands;
 * CHANGELOG.md records every breaking change). Run experiments from code, and extend cellsim
 * with your own architectures, placement and allocation policies, workload sources and figure
 * kinds. The guide
 * is docs/extending.md; `z` is zod 4 re-exported, so plug-in schemas use cellsim's own copy.
 *
 * @packageDocumentation
 */

// Running experiments.
export { simulate, runExperiment, runExperimentShard, mergeExperimentShards } from "./api.js";
export type {
  SimulateOptions,
  RunExperimentOptions,
  RunExperimentResult,
  RunExperimentShardOptions,
  MergeExperimentShardsOptions,
} from "./api.js";
export type { Shard } from "./experiment/shard-spec.js";
export type { RunShardResult } from "./experiment/shards.js";
export type { MergeResult } from "./experiment/merge.js";
export type { PlanOverrides } from "./experiment/overrides.js";
export type { RunAllResult } from "./experiment/run-all.js";
export type { ProgressReporter } from "./experiment/progress.js";
export { IncompleteError, InputError } from "./engine/errors.js";

// Plug-ins.
export {
  definePlugin,
  defineArchitecture,
  definePlacement,
  defineAllocation,
  defineWorkloadSource,
  defineFigure,
  PLUGIN_API,
} from "./plugins/define.js";
export type {
  Plugin,
  PluginInput,
  ArchitectureDefinition,
  ArchitectureEntry,
  PlacementEntry,
  AllocationDefinition,
  AllocationEntry,
  WorkloadSourceDefinition,
  WorkloadSourceEntry,
  WorkloadContext,
  FigureEntry,
  ExperimentFacts,
  Finding,
  FailoverTargets,
} from "./plugins/define.js";
export type { Registry, RegistryAxis } from "./plugins/registry.js";
export { loadPlugin, registryOf } from "./plugins/load.js";
export type { LoadedPlugin, PluginFile } from "./plugins/load.js";

// What an architecture sees and uses.
export type { Architecture, SchedulerInfo } from "./cluster/architecture.js";
export { MASTER } from "./cluster/architecture.js";
export type { ArchitectureHost, TaskShape } from "./cluster/host.js";
export type { AllocationPolicy, AllocationHost } from "./allocation/types.js";
export type { Plan as AllocationPlan, Observed as ObservedJob } from "./quasar/policy.js";
export type { Allocation as NodeAllocation } from "./quasar/perf.js";
export type { Prediction, AxisErrors } from "./quasar/classifier.js";
export type { PlannedMachines } from "./quasar/perf-cell.js";
export type { MachineType, TypeCount } from "./quasar/machine-types.js";
export type { MisSizing } from "./quasar/scenario.js";
export type { QuasarJobSpec as PerformanceModel, ResourceShape } from "./quasar/job-spec.js";
export type { PerfCell } from "./quasar/perf-cell.js";
export type { QuasarScenario } from "./quasar/scenario.js";
export { EventKind, EVENT_PRIORITY } from "./cluster/events.js";
export type { ArchitectureEventKindId, EventKindId } from "./cluster/events.js";
export type { SimEvent } from "./engine/event.js";
export type { SimTime } from "./engine/time.js";
export { JobPhase, JobState } from "./cluster/job-state.js";
export type { JobPhaseId } from "./cluster/job-state.js";
export { WORKLOAD_KINDS } from "./cluster/job.js";
export type { JobSpec, TaskRun, TaskRunEnd, WorkloadKind } from "./cluster/job.js";
export type { FrameworkJob, Locality, ScaleEvent } from "./cluster/job.js";
export type { FrameworkJobState, LocalityState } from "./cluster/frameworks/job-state.js";
export type { RestartQueue } from "./cluster/failures/restart-queue.js";
export type { TaskRunCursor, RerunCause } from "./cluster/task-replay.js";
export type { PreemptableTasks, PreemptableGroup, Victim } from "./cluster/preemptable.js";
export type { SchedulingOptions } from "./cluster/scheduling.js";
export type { CellState } from "./cluster/cell-state.js";
export type { CellView } from "./cluster/cell-view.js";
export { FIT_EPSILON, fitsTasks, fitsExtra, tasksThatFitOn } from "./cluster/cell-view.js";
export { extraAmounts } from "./cluster/resources.js";
export type { ExtraAmounts, ExtraDimension } from "./cluster/resources.js";
export { RangeView, SnapshotView } from "./cluster/views.js";
export { ChangeTracker } from "./cluster/change-tracker.js";
export { commit } from "./cluster/commit.js";
export type { ClaimSet, CommitModes, CommitResult, ConflictMode, TransactionMode } from "./cluster/commit.js";
export { beginAttempt, finishAttempt } from "./cluster/attempt.js";
export type { AttemptResult } from "./cluster/attempt.js";
export { thinkTimeUs, shouldAbandon } from "./cluster/decision.js";
export type { DecisionTime, RetryRule } from "./cluster/decision.js";
export type { SchedulingObserver, AttemptOutcomeId } from "./cluster/observer.js";
export { AttemptOutcome } from "./cluster/observer.js";
export { JobQueue } from "./cluster/job-queue.js";
export { QueueScheduler } from "./policies/queue-scheduler.js";
export type { QueueSchedulerSetup } from "./policies/queue-scheduler.js";
export type { RandomStream, RngFactory } from "./engine/rng.js";

// Placement.
export type { Place, PlacementPolicy, TaskRequest } from "./policies/placement/types.js";
export { taskRequest } from "./policies/placement/types.js";
export { enforceGang } from "./policies/placement/place-request.js";

// Config pieces plug-in schemas may reuse (with cellsim's own zod, re-exported as `z`).
/** zod 4, the same copy cellsim validates with: write plug-in schemas with it. */
export { z } from "zod";
export { duration, positiveDuration } from "./experiment/schema-parts.js";
export {
  decisionTimesSchema,
  displayName,
  perKindCount,
  kindsWithoutScheduler,
} from "./architectures/common.js";
export type { DecisionTimes } from "./architectures/common.js";

// Config blocks as written in experiment files.
export type { ArchitectureBlock } from "./experiment/config.js";
export type { ConfigBlock, NamedBlock } from "./experiment/block-schema.js";

// Workloads.
export type { Workload } from "./workloads/source.js";
export { workloadFromList } from "./workloads/source.js";
export { defineFramework } from "./frameworks/types.js";
export type { FrameworkBehaviour, FrameworkContext, FrameworkEntry } from "./frameworks/types.js";

// Results and figures.
export type { ResultsFile, RunRecord, ResultsExperiment } from "./experiment/results-types.js";
export { RESULTS_SCHEMA_VERSION } from "./experiment/results-types.js";
export type {
  RunSummary,
  CellSummary,
  CellSeries,
  MachineSeries,
  SchedulerSummary,
  WorkloadSummary,
  DistributionSummary,
  TaskTimeline,
  JobRecords,
  JobOutcome,
  TimelineTask,
  SchedulerSeries,
  SchedulerWindowSeries,
  FailureSummary,
  FrameworksSummary,
  FrameworkSummary,
  FrameworkSpread,
} from "./metrics/summary.js";
export type {
  PerformanceSummary,
  QuasarJobOutcome,
  AxisError as QuasarAxisError,
  Distribution as QuasarDistribution,
} from "./quasar/summary.js";
export type { JobKind as QuasarJobKind } from "./quasar/latent-classes.js";
export { AXES as QUASAR_AXES } from "./quasar/classifier.js";
export type { Axis as QuasarAxis } from "./quasar/classifier.js";
export type { FigureKind, FigureSpec, FigureTable, FigureCheckContext, TableCell } from "./report/types.js";
export type {
  FigureAxes,
  FigureAxisRules,
  SweptAxisRule,
  FigureRequest,
  FigureEntryInput,
} from "./plugins/figure-axes.js";
