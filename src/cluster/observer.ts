import type { SimTime } from "../engine/time.js";
import type { JobState } from "./job-state.js";
import type { RerunCause } from "./task-replay.js";
import type { FrameworkJob, JobSpec } from "./job.js";

/** How a scheduling attempt's think time is accounted (docs/metrics.md, per scheduler). */
export const AttemptOutcome = {
  /** At least one task committed and no claim conflicted. */
  Useful: 0,
  /** Some claim conflicted: the whole think time is wasted (also for partial incremental commits). */
  WastedConflict: 1,
  /** The placement found room for no task. */
  WastedNoFit: 2,
  /**
   * The scheduler (or the two-level master holding its offer) failed during the attempt, or
   * before its reply: the think time so far is lost (scheduler failover).
   */
  WastedFailure: 3,
} as const;
/** A value of {@link AttemptOutcome}. */
export type AttemptOutcomeId = (typeof AttemptOutcome)[keyof typeof AttemptOutcome];

/**
 * What the model reports as it runs. The metrics layer implements it; the model never stores
 * statistics on jobs or schedulers itself.
 */
export interface SchedulingObserver {
  /** A job was submitted (the model reports it). */
  jobSubmitted(job: JobState, nowUs: SimTime): void;
  /** A scheduler started an attempt on the job (the job's `attempts` already counts it). */
  attemptStarted(job: JobState, scheduler: number, nowUs: SimTime): void;
  /**
   * An attempt finished after thinking over [startUs, endUs). `transaction` is false when there
   * was nothing to commit (no-fit); otherwise `conflicted` says whether any claim conflicted.
   */
  attemptEnded(
    scheduler: number,
    startUs: SimTime,
    endUs: SimTime,
    outcome: AttemptOutcomeId,
    transaction: boolean,
    conflicted: boolean,
  ): void;
  /**
   * Optional: the scheduler's queue now holds `queued` jobs waiting for an attempt (not counting
   * jobs being decided). Reported once the queue has settled at `nowUs`, so a job queued and
   * taken at the same instant is no change. Feeds the per-scheduler series.
   */
  queueLengthChanged?(scheduler: number, nowUs: SimTime, queued: number): void;
  /**
   * True when `queueLengthChanged` records anything. Schedulers read it once, when built, and
   * report queue lengths only then: off, the report costs nothing on the decision path.
   */
  readonly recordsQueueLengths?: boolean;
  /** The job's last task was placed. */
  jobFullyScheduled(job: JobState, nowUs: SimTime): void;
  /**
   * Optional: a fully scheduled job lost tasks (failures on) and is pending again; its wait for
   * full scheduling runs on until they are placed again.
   */
  jobRequeued?(job: JobState, nowUs: SimTime): void;
  /**
   * Optional (preemption on): `tasks` running tasks of the job were evicted now, throwing away
   * `lostTaskSec` task-seconds of work. `wasFullyScheduled`: the job had all its tasks placed and
   * is pending again (its full wait restarts).
   */
  tasksPreempted?(job: JobState, tasks: number, lostTaskSec: number, wasFullyScheduled: boolean): void;
  /**
   * Optional: the run replays trace task runs (a job with `JobSpec.taskRuns` arrived; called
   * once, before that job's `jobSubmitted`). Re-runs are then reported by `taskRunsRepeated`.
   */
  replaysTaskRuns?(): void;
  /**
   * Optional (trace replay): `tasks` runs of the job ended and their tasks will run again, for
   * `cause` (docs/traces.md); `thrownAwayTaskSec` is those runs' time, task-seconds.
   * `wasFullyScheduled`: the job had all its tasks placed and is pending again.
   */
  taskRunsRepeated?(
    job: JobState,
    cause: RerunCause,
    tasks: number,
    thrownAwayTaskSec: number,
    wasFullyScheduled: boolean,
  ): void;
  /**
   * Optional (frameworks): the job placed no task by its `fw.startByUs` and is skipped (a missed
   * Chronos slot). It settles like an abandoned job, with phase `Skipped`.
   */
  jobSkipped?(job: JobState, nowUs: SimTime): void;
  /**
   * Optional (frameworks): a job it comes after (`fw.after`) failed, so this job is cancelled
   * now without ever being submitted (no `jobSubmitted` is reported for it).
   */
  jobCancelled?(spec: JobSpec, nowUs: SimTime): void;
  /**
   * Optional (frameworks): tasks of a job with data locality started now, `local` of them on a
   * machine holding their input block and `remote` elsewhere.
   */
  tasksLocality?(job: JobState, local: number, remote: number): void;
  /** Optional (frameworks): a scaling event set the job's desired instances to `instances`. */
  jobScaled?(job: JobState, instances: number, nowUs: SimTime): void;
  /**
   * Optional (frameworks): the last job of an application ended now; `completed` is false when a
   * job of it was abandoned, skipped or cancelled.
   */
  appEnded?(fw: FrameworkJob, nowUs: SimTime, completed: boolean): void;
  /**
   * Optional (frameworks): at a sample time, the CPUs and memory (GB) held by running tasks of
   * each framework, in the order of `frameworks` (which only grows during a run).
   */
  frameworkShares?(
    nowUs: SimTime,
    frameworks: readonly string[],
    cpus: Float64Array,
    memGb: Float64Array,
  ): void;
  /** The retry rule gave up on the job. */
  jobAbandoned(job: JobState, nowUs: SimTime): void;
  /**
   * The job's scheduling is settled and the model lets it go (docs/design.md, "Memory per run"):
   * it is fully scheduled or abandoned, and no running task group or queued JobRetry names it
   * any more (a job with a performance model: once fully scheduled; its progress is the
   * tracker's). Its `attempts`, `everPlaced` and `phase` are final. Jobs still held at the
   * horizon are never settled: the summary reads them from the model.
   */
  jobSettled(job: JobState, nowUs: SimTime): void;
  /** Occupied resources changed; the new totals hold from `nowUs`. */
  allocationChanged(nowUs: SimTime, cpus: number, memGb: number): void;
  /**
   * Occupied amounts of the cell's further resource dimensions changed (cells that declare any;
   * in the cell's order); the new totals hold from `nowUs`. Called right after `allocationChanged`.
   */
  extraAllocationChanged?(nowUs: SimTime, allocated: Float64Array): void;
  /** Resources held in offers changed; the new totals hold from `nowUs`. */
  lockedChanged(nowUs: SimTime, cpus: number, memGb: number): void;
}
