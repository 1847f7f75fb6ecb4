import type { SimTime } from "../engine/time.js";
import type { QuasarJobSpec } from "../quasar/job-spec.js";

/** The two workload kinds of the Omega paper: batch (best effort) and service (everything else). */
export type WorkloadKind = "batch" | "service";
/** Both workload kinds, batch first (the order of reports and metrics). */
export const WORKLOAD_KINDS: readonly WorkloadKind[] = ["batch", "service"];

/**
 * A job as submitted: frozen input, identical across architectures and runs with the same seed.
 * `tasks` identical tasks, each running `durationUs` from its own placement time.
 */
export interface JobSpec {
  /** Stable id: the arrival index for synthetic workloads, the trace's id for traces. */
  readonly id: number;
  /** Submission time, µs. */
  readonly submitUs: SimTime;
  readonly kind: WorkloadKind;
  /** Number of identical tasks. */
  readonly tasks: number;
  /** CPUs each task takes (fractions allowed). */
  readonly cpusPerTask: number;
  /** Memory each task takes, GB. */
  readonly memGbPerTask: number;
  /**
   * Optional: each task's amounts of the cell's further resource dimensions, by name (e.g.
   * `{ ssdGb: 20 }`). Absent for CPU-and-memory jobs. Allocation policies size CPU and memory
   * only: these amounts are always what the job asked for.
   */
  readonly resources?: Readonly<Record<string, number>>;
  /**
   * Optional priority: higher is more important (Google 2011 bands 0–11; synthetic workloads
   * give one per kind). Absent counts as 0. Read only when `scheduling.priorityOrder` or
   * `scheduling.preemption` is on (docs/preemption.md).
   */
  readonly priority?: number;
  /** How long each task runs once placed, µs. */
  readonly durationUs: SimTime;
  /** True for jobs already running when the simulation starts (placed at t = 0, not scheduled). */
  readonly prefill: boolean;
  /**
   * Optional hidden performance model (off by default). With it, `tasks`, `cpusPerTask` and
   * `memGbPerTask` are the user's reservation (nodes, cores and GB per node); the job is a gang
   * of nodes on distinct machines; its progress depends on what it is allocated, the machines'
   * types and co-runner interference; and it ends when its work is done (batch) or after its
   * lifetime (`durationUs`, services). Schedulers never read it: only the model, the profiler of
   * an allocation policy and the metrics do.
   */
  readonly perf?: QuasarJobSpec;
}
