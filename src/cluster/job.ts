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
  /**
   * Optional: a rigid gang outside any framework (a multi-GPU training job whose workers must all
   * start together): no task starts until all the job's pending tasks can start at once. Absent
   * for every job of a plain workload. Frameworks say the same with `fw.gang`; read both through
   * `isGang`.
   */
  readonly gang?: boolean;
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
  /**
   * Optional framework structure (docs/frameworks.md): which framework and application the job
   * belongs to, and the barriers, gangs, locality, deadlines and scaling of that framework.
   * Absent for every job of a plain workload, which keeps every model path as it was.
   */
  readonly fw?: FrameworkJob;
}

/**
 * A Marathon-style scaling event of a long-running job: from `atUs` on, the job wants
 * `instances` instances (more: the extra instances are placed like any pending task; fewer: the
 * unplaced ones are dropped first, then the youngest running instances are stopped).
 */
export interface ScaleEvent {
  /** When, µs (absolute simulated time, after the job's submission). */
  readonly atUs: SimTime;
  /** The desired number of instances from then on (≥ 0). */
  readonly instances: number;
}

/**
 * Data locality of a job's tasks (Hadoop map tasks reading HDFS blocks): task i's input block is
 * stored on the machines `replicas[i]` (e.g. 3 replicas). A task placed on one of the machines
 * holding its block is local and runs the job's `durationUs`; placed elsewhere it runs
 * `durationUs × remoteFactor`. Which pending task a placement on machine m runs is decided by the
 * model: one whose block is on m if any (local), else the lowest-numbered pending task (remote).
 */
export interface Locality {
  /** Per task (length `tasks`), the machines holding its input block. */
  readonly replicas: readonly (readonly number[])[];
  /** Run-time factor of a task placed on a machine without its block (≥ 1). */
  readonly remoteFactor: number;
  /**
   * Delay scheduling (Zaharia et al., EuroSys 2010): the job's scheduler places tasks only on
   * machines holding their blocks until the job has waited this long (µs) since its last local
   * launch (or since it became pending); then it also places them elsewhere. 0: no delay.
   */
  readonly delayUs: SimTime;
}

/**
 * The framework side of a job (docs/frameworks.md). A framework's *application* (a Hadoop job, a
 * Spark application, an MPI job, a Marathon app, one run of a Chronos pipeline) is one or more
 * cellsim jobs sharing `app`: a Hadoop job is a map job and a reduce job behind a barrier, a Spark
 * application a chain of stages, a Chronos pipeline the jobs of its dependency graph.
 */
export interface FrameworkJob {
  /** The framework's name in reports and routing ("hadoop", "spark", "mpi", …). */
  readonly framework: string;
  /** The application this job is part of (unique in the run). */
  readonly app: number;
  /** How many jobs the application has (it completes when all of them completed). */
  readonly appJobs: number;
  /** When the application was submitted, µs (its first job's `submitUs`). */
  readonly appSubmitUs: SimTime;
  /**
   * The application's completion time running alone on the whole, empty cell with no scheduling
   * delay, µs (the denominator of its slowdown); set on every job of the application.
   */
  readonly aloneUs: SimTime;
  /**
   * Jobs (by `JobSpec.id`) that must all complete before this one is released: a phase barrier
   * (map → reduce), a stage chain or a dependency graph. They precede it in the workload. The job
   * is submitted to its scheduler when the last of them completes; if one of them is abandoned
   * or skipped, this job is cancelled (and so are its own dependants).
   */
  readonly after?: readonly number[];
  /** Rigid gang: no task starts until all the job's pending tasks can start at once. */
  readonly gang?: boolean;
  /**
   * Latest time its first task may start, µs (Chronos: the slot plus epsilon). A job that has
   * placed no task by then is skipped: withdrawn from its scheduler, never run.
   */
  readonly startByUs?: SimTime;
  /**
   * The job (by `JobSpec.id`) whose completion ends this one: its running tasks stop then and
   * its unplaced tasks are dropped (Spark fine-grained executors holding memory for their
   * application's stages). Its `durationUs` should outlast that job.
   */
  readonly endsWith?: number;
  /** Marathon scaling events, in time order. */
  readonly scale?: readonly ScaleEvent[];
  /** Data locality and delay scheduling (Hadoop). */
  readonly locality?: Locality;
}

/** True if the job is a rigid gang: its own `gang` flag or its framework's (`fw.gang`). */
export function isGang(spec: JobSpec): boolean {
  return spec.gang === true || spec.fw?.gang === true;
}
