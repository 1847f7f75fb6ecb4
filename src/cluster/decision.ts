import type { SimTime } from "../engine/time.js";
import type { JobState } from "./job-state.js";

/** Per-scheduler, per-kind decision ("think") time parameters. */
export interface DecisionTime {
  perJobUs: SimTime;
  perTaskUs: SimTime;
}

/** Think time of one attempt: perJob + perTask × the tasks still unscheduled (Omega's rule). */
export function thinkTimeUs(dt: DecisionTime, unscheduledTasks: number): SimTime {
  return dt.perJobUs + dt.perTaskUs * unscheduledTasks;
}

/** The one retry/abandon rule (docs/concepts.md, Scheduling attempts), configurable. */
export interface RetryRule {
  retryDelayUs: SimTime;
  /** Abandon after this many attempts... */
  maxAttempts: number;
  /** ...or after this many attempts if no task of the job was ever placed. */
  maxAttemptsWithoutProgress: number;
  /**
   * Optional: when resources are freed (`"freed"`), a job whose attempt left tasks unscheduled
   * waits, never abandoned, until resources are freed somewhere in the cell (a task or job end,
   * a shrink); then the waiting jobs that could fit are retried in submission order, at most
   * `backfillWindow` per release (a batch queue with bounded backfill, as Quasar's admission
   * queue). Absent: retry after `retryDelayUs` under the attempt limits.
   */
  retryWhen?: "freed";
  /** Waiting jobs retried per release under `retryWhen: "freed"` (default 64). */
  backfillWindow?: number;
}

export const DEFAULT_RETRY: RetryRule = {
  retryDelayUs: 1_000_000,
  maxAttempts: 1000,
  maxAttemptsWithoutProgress: 100,
};

/** After an attempt that left tasks unscheduled: give up on the job, or retry it? */
export function shouldAbandon(job: JobState, rule: RetryRule): boolean {
  if (rule.retryWhen === "freed") return false;
  return (
    job.attempts >= rule.maxAttempts || (!job.everPlaced && job.attempts >= rule.maxAttemptsWithoutProgress)
  );
}
