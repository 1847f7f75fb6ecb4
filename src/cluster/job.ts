import type { SimTime } from "../engine/time.js";

/** The two workload kinds of the Omega paper: batch (best effort) and service (everything else). */
export type WorkloadKind = "batch" | "service";
export const WORKLOAD_KINDS: readonly WorkloadKind[] = ["batch", "service"];

/**
 * A job as submitted: frozen input, identical across architectures and runs with the same seed.
 * `tasks` identical tasks, each running `durationUs` from its own placement time.
 */
export interface JobSpec {
  /** Stable id: the arrival index for synthetic workloads, the trace's id for traces. */
  readonly id: number;
  readonly submitUs: SimTime;
  readonly kind: WorkloadKind;
  readonly tasks: number;
  readonly cpusPerTask: number;
  readonly memGbPerTask: number;
  readonly durationUs: SimTime;
  /** True for jobs already running when the simulation starts (placed at t = 0, not scheduled). */
  readonly prefill: boolean;
}
