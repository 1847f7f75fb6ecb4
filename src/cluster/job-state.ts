import type { JobSpec } from "./job.js";

export const JobPhase = { Pending: 0, FullyScheduled: 1, Abandoned: 2 } as const;
export type JobPhaseId = (typeof JobPhase)[keyof typeof JobPhase];

/**
 * Per-run state of one submitted job: what the model needs to decide. The spec stays frozen;
 * timings (waits) are observed by the metrics layer, not stored here.
 */
export class JobState {
  unscheduledTasks: number;
  attempts = 0;
  /** At least one task was ever placed. */
  everPlaced = false;
  phase: JobPhaseId = JobPhase.Pending;

  constructor(
    /** Index of this job in the run's job table (event operand). */
    readonly index: number,
    readonly spec: JobSpec,
  ) {
    this.unscheduledTasks = spec.tasks;
  }
}
