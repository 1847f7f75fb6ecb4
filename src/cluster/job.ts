import type { SimTime } from "../engine/time.js";
import type { QuasarJobSpec } from "../quasar/job-spec.js";

/** The two workload kinds of the Omega paper: batch (best effort) and service (everything else). */
export type WorkloadKind = "batch" | "service";
/** Both workload kinds, batch first (the order of reports and metrics). */
export const WORKLOAD_KINDS: readonly WorkloadKind[] = ["batch", "service"];

/**
 * How one run of a trace task ended: `finish` (done), `evict` (preempted by the cell's scheduler),
 * `fail` (the task failed), `kill` (killed by its user or job), `lost` (its machine went away),
 * `censored` (still running at the end of the read window).
 */
export type TaskRunEnd = "finish" | "evict" | "fail" | "kill" | "lost" | "censored";

/** One run of a task as a trace recorded it: placed, ran `durationUs`, ended by `end`. */
export interface TaskRun {
  /** How long the run lasted, µs (≥ 1). */
  readonly durationUs: SimTime;
  readonly end: TaskRunEnd;
}

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
  /**
   * Optional scheduling priority from a trace: higher = more important. The scale is the
   * trace's own (Google 2011: 0–11, bands free 0–1, batch/middle 2–8, production 9–10,
   * monitoring 11; SWF: the queue number unless remapped; synthetic workloads: one per kind when
   * the kind gives one). Absent counts as 0. Read only when `scheduling.priorityOrder` or
   * `scheduling.preemption` is on (docs/preemption.md).
   */
  readonly priority?: number;
  /**
   * Optional per-task run histories from a trace read in event-keeping mode (Google 2011
   * `keepTaskEvents`), indexed by task (length `tasks`, each list non-empty, in time order).
   * The model replays them (src/cluster/task-replay.ts): it places task i, runs it
   * `taskRuns[i][0].durationUs`, and ends the run as `end` says: `evict` is a preemption and
   * `fail`/`lost` a failure, after which the task goes back to its job's queue and its next
   * placement runs the next run; after the last run the task is done (`finish`, `kill`,
   * `censored`, or whatever ended it). `durationUs` stays the collapsed duration (prefill jobs
   * run it: they are not replayed).
   */
  readonly taskRuns?: readonly (readonly TaskRun[])[];
}
