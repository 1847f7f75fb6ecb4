import type { Architecture } from "../cluster/architecture.js";
import { CellState } from "../cluster/cell-state.js";
import { extraAmounts } from "../cluster/resources.js";
import { commit } from "../cluster/commit.js";
import { isGang, type JobSpec } from "../cluster/job.js";
import { ClusterModel } from "../cluster/model.js";
import { combineHooks, type ModelHooks } from "../cluster/model-hooks.js";
import { RngFactory } from "../engine/rng.js";
import { MachineSampler } from "../metrics/machine-sampler.js";
import { RunMetrics, type CellFacts } from "../metrics/run-metrics.js";
import type { RunSummary } from "../metrics/summary.js";
import { TimelineRecorder } from "../metrics/task-timeline.js";
import type { Place } from "../policies/placement/index.js";
import { taskRequest } from "../policies/placement/types.js";
import { enforceGang } from "../policies/placement/place-request.js";
import { BUILTIN_REGISTRY } from "../plugins/builtin.js";
import type { Registry } from "../plugins/registry.js";
import type { Workload } from "../workloads/source.js";
import { loadWorkload } from "./load-workload.js";
import { machineFailuresOf, type RunConfig } from "./config.js";
import { PerformanceSide, performanceSide } from "./performance-side.js";
import { FailureModel } from "../cluster/failures/failure-model.js";
import type { MachineEvent } from "../cluster/machine-event.js";
import { FailureStats } from "../metrics/failure-stats.js";
import { failureSetup } from "./failure-setup.js";
import { runMachineEvents } from "./machine-events.js";
import { schedulerFailurePlans } from "./failover-plans.js";
import { withSchedulerDownTimes } from "../metrics/failover-summary.js";

/** Options that do not change results. */
export interface RunOptions {
  /** Check after every event that no machine is over-committed (slow; tests). */
  checkInvariants?: boolean;
  /** Architectures, placements and workload sources by name (default: the built-ins only). */
  registry?: Registry;
  /** Debugging hooks on the model (the event log); they observe without changing the run. */
  hooks?: ModelHooks;
}

/**
 * Runs one simulation: a pure function of (config, seed). Async only because trace workloads
 * and machine-events traces are streamed from disk before the (synchronous) event loop starts.
 * `machineEvents`: a failure schedule (used when `config.failures` is set); absent, the one
 * `config.failures.events` names is read, if any.
 */
export async function runOne(
  config: RunConfig,
  seed: number,
  options: RunOptions = {},
  machineEvents?: readonly MachineEvent[],
): Promise<RunSummary> {
  // One macrotask turn before the synchronous event loop, so that callers running many runs
  // (Promise.all, test files) let their event loop breathe between runs; vitest's worker RPC, for
  // one, times out after 60 s without a turn.
  await new Promise<void>((resolve) => setImmediate(resolve));
  const rng = new RngFactory(seed);
  const totalCpus = config.cluster.machines * config.cluster.cpus;
  const workload = await loadWorkload(config, totalCpus, rng, options.registry);
  // Read per run, like a trace workload: a cache by path would go stale when the file changes
  // between runs of one process (a resumed experiment), and the file is small beside a run.
  const events = machineEvents ?? (await runMachineEvents(config));
  return simulateWorkload(config, workload, rng, options, events);
}

/**
 * Runs the event loop of one simulation on an already loaded workload (synchronous). `rng` must
 * be the factory the workload was drawn from (or a fresh one for a list workload).
 * `machineEvents`: a failure schedule read from a trace (used when `config.failures` is set);
 * `config.failures.events` is not read here (runOne reads it).
 */
export function simulateWorkload(
  config: RunConfig,
  workload: Workload,
  rng: RngFactory,
  options: RunOptions = {},
  machineEvents: readonly MachineEvent[] = [],
): RunSummary {
  const c = config.cluster;
  const side: PerformanceSide | undefined = c.types
    ? performanceSide(c.types, rng, config.horizonUs, c.resources)
    : undefined;
  const cell = side ? side.cell : CellState.homogeneous(c.machines, c.cpus, c.memGb, c.resources);
  const metrics = new RunMetrics(
    config.horizonUs,
    config.metrics.samplePeriodUs,
    config.metrics.schedulerSeriesUs,
    config.metrics.jobs ?? false,
    config.failures?.schedulers !== undefined,
  );
  const registry = options.registry ?? BUILTIN_REGISTRY;
  const policy = registry.placements.require(config.placement);
  const perf = side?.perf;
  const allocationBlock = config.allocation;
  const allocation = allocationBlock
    ? registry.allocations.require(allocationBlock.type).create(withoutType(allocationBlock), {
        stream: (name) => rng.stream(name),
        perf,
        scenario: workload.scenario,
        classified: (errors, entries) => side?.metrics.classified(errors, entries),
      })
    : undefined;
  const model = new ClusterModel(
    cell,
    metrics,
    config.retry,
    workload.next,
    options.checkInvariants ?? false,
    {
      rng,
      makePlacer: () => policy.create(cell.machines, perf),
      ...(allocation ? { allocation } : {}),
      ...(config.scheduling ? { scheduling: config.scheduling } : {}),
      ...(workload.frameworks === undefined ? {} : { frameworks: workload.frameworks }),
    },
  );
  if (config.scheduling?.preemption) metrics.countPreemptions();
  if (side) model.trackPerformance(side.tracker(model));
  const { type, ...block } = config.architecture;
  const arch = registry.architectures.require(type).create(block, model);
  model.attach(arch);
  // Before prefill: tasks must be indexed by machine from the first one on.
  const machineFailures = machineFailuresOf(config.failures);
  const failureStats = machineFailures
    ? new FailureStats(config.horizonUs, {
        periodUs: config.metrics.samplePeriodUs,
        cpuCapacity: Float64Array.from(cell.cpuCapacity),
        totalCpus: cell.totalCpus,
      })
    : undefined;
  if (machineFailures && failureStats) {
    const setup = failureSetup(machineFailures, rng, machineEvents);
    model.enableFailures(new FailureModel(setup, cell.machines, failureStats));
  }
  const failureSpecs = config.failures?.schedulers;
  const failover = failureSpecs
    ? model.failSchedulers(schedulerFailurePlans(failureSpecs, arch, type, rng))
    : undefined;
  // Before prefill, so the timeline shows the tasks already running at t = 0.
  const timeline = config.metrics.timeline ? new TimelineRecorder(config.horizonUs) : undefined;
  const hooks = combineHooks(timeline, options.hooks);
  if (hooks) model.setHooks(hooks);
  const prefill = placePrefill(model, arch, workload.prefill, policy.create(cell.machines, perf), rng);
  metrics.registerSchedulers(arch.schedulers);
  const machineCount = config.metrics.machines ?? 0;
  const sampler =
    machineCount > 0
      ? new MachineSampler(config.metrics.samplePeriodUs, cell.machines, machineCount)
      : undefined;
  if (sampler) model.sampleEvery(sampler);
  // Framework runs sample each framework's share of the cell (docs/metrics.md#frameworks).
  else if (workload.frameworks !== undefined)
    model.sampleEvery({ periodUs: config.metrics.samplePeriodUs, sample: () => {} });
  if (workload.frameworks !== undefined) metrics.declareFrameworks(workload.frameworks);
  model.run(config.horizonUs);
  const facts: CellFacts = {
    machines: cell.machines,
    totalCpus: cell.totalCpus,
    totalMemGb: cell.totalMemGb,
    prefill,
    ...(cell.extraNames.length > 0
      ? { extra: cell.extraNames.map((name, d) => ({ name, total: cell.extraTotals[d] as number })) }
      : {}),
    ...(sampler ? { machineSeries: sampler.series() } : {}),
  };
  const measured = metrics.summarize(model.heldJobs(), facts, model.sim.eventsProcessed);
  const withMachineFailures = failureStats ? failureStats.addTo(measured) : measured;
  const summary = failover
    ? withSchedulerDownTimes(withMachineFailures, failover.downUs(config.horizonUs))
    : withMachineFailures;
  const allocationName = allocationBlock?.type ?? "reservation";
  const performance = side?.summary(model.sim.now, {
    scenario: workload.scenario?.name ?? "typed cell",
    allocation: allocationName,
    policy:
      allocationName === "quasar" && config.placement === "paragon"
        ? "quasar"
        : `${allocationName}+${config.placement}`,
  });
  return {
    ...summary,
    ...(timeline ? { timeline: timeline.timeline() } : {}),
    ...(performance ? { performance } : {}),
    ...(workload.censoredJobs === undefined ? {} : { trace: { censoredJobs: workload.censoredJobs } }),
  };
}

/**
 * Places the jobs running at t = 0 with the run's placement policy (its own stream), where the
 * architecture puts jobs of their kind (a static partition; else anywhere). Tasks that find no
 * room are dropped and counted: prefill is a starting load, not scheduled work.
 */
function placePrefill(
  model: ClusterModel,
  arch: Architecture,
  jobs: readonly JobSpec[],
  place: Place,
  rng: RngFactory,
): CellFacts["prefill"] {
  const stream = rng.stream("placement:prefill");
  const out: number[] = [];
  let placed = 0;
  let dropped = 0;
  for (const job of jobs) {
    out.length = 0;
    const request = taskRequest(job.tasks, job.cpusPerTask, job.memGbPerTask);
    request.extraPerTask = extraAmounts(model.cell.extraNames, job.resources);
    place(arch.prefillView?.(job.kind) ?? model.cell, request, stream, out);
    // A gang already running runs whole: a prefill gang that does not fit entirely is dropped.
    if (isGang(job)) {
      request.gang = true;
      enforceGang(request, out);
    }
    const claims = {
      scheduler: -1,
      cpusPerTask: job.cpusPerTask,
      memGbPerTask: job.memGbPerTask,
      extraPerTask: request.extraPerTask,
      durationUs: job.durationUs,
      machines: out,
    };
    const result = commit(model.cell, claims, { conflictMode: "fine", transactionMode: "incremental" });
    model.startUntrackedTasks(job, result.committed);
    placed += result.committed.length;
    dropped += job.tasks - result.committed.length;
  }
  return {
    jobs: jobs.length,
    tasksPlaced: placed,
    tasksDropped: dropped,
    cpuFraction: model.cell.totalCpus > 0 ? model.cell.allocatedCpus / model.cell.totalCpus : 0,
  };
}

/** A block's fields without its `type`. */
function withoutType(block: { type: string } & Record<string, unknown>): Record<string, unknown> {
  const { type: _type, ...fields } = block;
  return fields;
}
