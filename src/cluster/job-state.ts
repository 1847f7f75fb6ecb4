import type { JobSpec } from "./job.js";
import type { ExtraAmounts } from "./resources.js";
import type { RestartQueue } from "./failures/restart-queue.js";
import type { TaskRunCursor } from "./task-replay.js";
import type { FrameworkJobState } from "./frameworks/job-state.js";

/**
 * Where a job is: still has unscheduled tasks, fully scheduled, abandoned by the retry rule, or
 * skipped (frameworks: it could not start by its `fw.startByUs`, docs/frameworks.md).
 */
export const JobPhase = { Pending: 0, FullyScheduled: 1, Abandoned: 2, Skipped: 3 } as const;
/** A value of {@link JobPhase}. */
export type JobPhaseId = (typeof JobPhase)[keyof typeof JobPhase];

/**
 * Per-run state of one submitted job: what the model needs to decide. The spec stays frozen;
 * timings (waits) are observed by the metrics layer, not stored here.
 */
export class JobState {
  /** Tasks not placed yet (`startTasks` lowers it). */
  unscheduledTasks: number;
  /** Scheduling attempts so far (`beginAttempt` counts them). */
  attempts = 0;
  /** At least one task was ever placed. */
  everPlaced = false;
  /** Pending until every task is placed (set by the model) or the job is abandoned. */
  phase: JobPhaseId = JobPhase.Pending;
  /**
   * Each task's amounts of the cell's further resource dimensions, in the cell's order (the
   * model resolves `spec.resources` on arrival); undefined when the job needs none.
   */
  extraPerTask: ExtraAmounts | undefined = undefined;
  /**
   * Task groups of this job still running plus JobRetry events queued for it: each names the job
   * by index, so the model keeps it in its table while any is left (the model counts them).
   */
  references = 0;
  /**
   * The scheduler of its latest attempt (-1: none yet; `beginAttempt` sets it): where the job
   * goes back to when its tasks are taken off their machines (failures, preemption).
   */
  scheduler = -1;
  /**
   * Failures on: its lost tasks on their way back (created at its first loss; undefined for
   * every job of a run without failures, which keeps the task-start path as it was).
   */
  lost: RestartQueue | undefined = undefined;
  /**
   * Trace replay: where each task is in its runs (`JobSpec.taskRuns`; created on arrival).
   * Undefined for every job without taskRuns, which keeps the task paths as they were.
   */
  runs: TaskRunCursor | undefined = undefined;
  /**
   * Frameworks: the job's framework state (desired instances, locality, last local launch);
   * created on arrival for jobs with `spec.fw`, undefined for every other job.
   */
  fw: FrameworkJobState | undefined = undefined;

  constructor(
    /** Index of this job in the run's job table (event operand). */
    readonly index: number,
    /** The job as submitted (frozen). */
    readonly spec: JobSpec,
  ) {
    this.unscheduledTasks = spec.tasks;
  }
}
