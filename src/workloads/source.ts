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
   * The frameworks whose jobs it submits (`JobSpec.fw.framework`), in the order it declares
   * them (docs/frameworks.md); absent when it submits no framework jobs. Architectures routing
   * by framework make one scheduler per name;
   * the run samples each one's share of the cell.
   */
  readonly frameworks?: readonly string[];
  /**
   * For a trace workload: how many of its jobs (prefill and submitted) the reader censored — still
   * running at the trace window's end, their runtime cut there. Absent when the format records
   * every job's end, or none was censored.
   */
  readonly censoredJobs?: number;
}

/**
 * A workload over an in-memory list (traces, tests). `jobs` must be sorted by (submitUs, id).
 * Its frameworks are those of its jobs, in order of first appearance.
 */
export function workloadFromList(prefill: readonly JobSpec[], jobs: readonly JobSpec[]): Workload {
  let i = 0;
  const next = () => (i < jobs.length ? jobs[i++] : undefined);
  const names = new Set<string>();
  for (const job of jobs) if (job.fw !== undefined) names.add(job.fw.framework);
  return names.size === 0 ? { prefill, next } : { prefill, next, frameworks: [...names] };
}
