import type { CellView } from "../cluster/cell-view.js";
import type { JobState } from "../cluster/job-state.js";
import { isGang } from "../cluster/job.js";
import type { RandomStream } from "../engine/rng.js";
import type { SimTime } from "../engine/time.js";
import type { TaskRequest } from "../policies/placement/types.js";
import type { Observed, Plan } from "../quasar/policy.js";
import type { AxisErrors } from "../quasar/classifier.js";
import type { PerfCell } from "../quasar/perf-cell.js";
import type { QuasarScenario } from "../quasar/scenario.js";

/**
 * The allocation axis: how much of what a job is given. Architecture (who decides, when),
 * allocation (how much) and placement (which machine) are three independent choices; any
 * architecture asks its run's allocation policy for the request it then places.
 *
 * - `reservation` (the default): the job's reservation as submitted, no overhead. Existing runs
 *   are unchanged by it.
 * - `quasar`: profile the job, classify it (matrix completion), give it the least resources
 *   predicted to meet its performance target, monitor and resize it.
 */
export interface AllocationPolicy {
  /**
   * A job was submitted now: profile or classify it if the policy does, and return how long
   * until its scheduler may consider it (profiling and decision overhead, µs; 0 = at once).
   */
  admit(job: JobState): SimTime;
  /**
   * What to place for `job` now, as the deciding scheduler sees the cell (`view`): fills `out`
   * and returns true, or returns false when nothing the policy would give fits now (the attempt
   * then places nothing). Called once per scheduling attempt.
   */
  request(job: JobState, view: CellView, out: TaskRequest): boolean;
  /**
   * A cheap lower bound on what `request` needs (largest per-machine CPUs, total CPUs), so jobs
   * waiting for resources that cannot fit are skipped without an attempt.
   */
  needs(job: JobState): { readonly perNodeCpus: number; readonly totalCpus: number };
  /** Period of `adjust` over running jobs, µs (0: the policy never adjusts). */
  readonly monitorPeriodUs: number;
  /** Monitoring: a new plan for a running job (grow or shrink), or undefined to keep it. */
  adjust?(job: JobState, observed: Observed, live: CellView): Plan | undefined;
}

/** What an allocation policy is built with. */
export interface AllocationHost {
  /** The run's random stream with this name. */
  stream(name: string): RandomStream;
  /** The performance side of the cell, when the run has the performance model on. */
  readonly perf: PerfCell | undefined;
  /**
   * The performance scenario the workload's jobs were drawn from (machine types, job mix), when
   * it has one: a profiling classifier trains on workloads "seen before" from it.
   */
  readonly scenario: QuasarScenario | undefined;
  /** Records a classification's per-axis error against the hidden truth (for the metrics). */
  classified(errors: AxisErrors, entriesPerRow: number): void;
}

/** The fields every request gets from a job's reservation. */
export function reservationRequest(job: JobState, out: TaskRequest): void {
  const spec = job.spec;
  out.tasks = job.unscheduledTasks;
  out.cpusPerTask = spec.cpusPerTask;
  out.memGbPerTask = spec.memGbPerTask;
  out.extraPerTask = job.extraPerTask;
  out.jobIndex = job.index;
  // A job with a performance model is a gang of nodes on distinct machines; a framework's rigid
  // job (MPI) or a workload's gang job (multi-GPU training) a gang of tasks anywhere.
  out.gang = spec.perf !== undefined || isGang(spec);
  out.distinct = spec.perf !== undefined;
}
