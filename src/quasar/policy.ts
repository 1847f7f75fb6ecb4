import type { QuasarCell } from "./cell.js";
import type { Axis, Prediction } from "./classifier.js";
import type { QuasarJobSpec } from "./job-spec.js";
import type { Allocation } from "./perf.js";

/**
 * What a policy sees: the cell (read it, never write it — the model applies plans), the time, and
 * the predictions it made for the jobs already placed (for co-runner interference checks).
 */
export interface PlacementContext {
  readonly cell: QuasarCell;
  readonly nowUs: number;
  predictionOf(jobId: number): Prediction | null;
}

/** A placement decision: `cores` and `memGbPerNode` on each of `machines`. */
export interface Plan {
  readonly cores: number;
  readonly memGbPerNode: number;
  readonly machines: readonly number[];
}

/** A running job as the monitor sees it: its allocation and the performance it achieves now. */
export interface Observed {
  readonly job: QuasarJobSpec;
  readonly alloc: Allocation;
  readonly achievedPerf: number;
  /** Throughput the allocation sustains (for services, may exceed what meets the latency bound). */
  readonly capacity: number;
  readonly prediction: Prediction | null;
}

/**
 * One scheduling policy. `place` returns a plan or `undefined` (the job waits in the admission
 * queue and is retried, in arrival order, whenever resources are freed). `adjust` — called every
 * `monitorPeriodUs` for each running job — may return a new plan for that job (grow or shrink).
 */
export interface QuasarPolicy {
  readonly name: string;
  /** Axes classified at arrival (none for reservation + least-loaded). */
  readonly classifiedAxes: readonly Axis[];
  /** Simulated profiling + decision time from arrival to the first placement attempt. */
  readonly overheadUs: number;
  readonly monitorPeriodUs: number;
  place(job: QuasarJobSpec, prediction: Prediction | null, ctx: PlacementContext): Plan | undefined;
  /**
   * A cheap lower bound on what `place` needs (largest free cores on one machine, free cores in
   * the cell), so the admission queue can skip jobs that cannot fit without calling `place`.
   */
  needs(
    job: QuasarJobSpec,
    prediction: Prediction | null,
  ): { readonly perNodeCores: number; readonly totalCores: number };
  adjust?(observed: Observed, ctx: PlacementContext): Plan | undefined;
}
