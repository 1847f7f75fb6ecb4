import type { QuasarScenario } from "../quasar/scenario.js";
import type { JobSpec } from "../cluster/job.js";

/**
 * A workload as the simulator consumes it: prefill jobs (running at t = 0) and a pull-based
 * stream of submitted jobs in non-decreasing `(submitUs, id)` order. Pulling keeps memory flat:
 * a 7-day synthetic workload is never materialized.
 */
export interface Workload {
  /** Jobs already running at t = 0, in placement order. */
  readonly prefill: readonly JobSpec[];
  /** Next submitted job, or `undefined` when the workload is exhausted. */
  next(): JobSpec | undefined;
  /**
   * For jobs with a performance model: the scenario they were drawn from (job mix, machine
   * types). A profiling allocation policy trains its classifier on workloads drawn from it.
   */
  readonly scenario?: QuasarScenario;
  /**
   * The names of the framework instances whose jobs it submits (`JobSpec.fw`), in declared
   * order; absent when it has none. The run then samples each one's share of the cell.
   */
  readonly frameworks?: readonly string[];
}

/** A workload over an in-memory list (traces, tests). `jobs` must be sorted by (submitUs, id). */
export function workloadFromList(prefill: readonly JobSpec[], jobs: readonly JobSpec[]): Workload {
  let i = 0;
  return { prefill, next: () => (i < jobs.length ? jobs[i++] : undefined) };
}
