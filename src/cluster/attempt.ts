import type { SimTime } from "../engine/time.js";
import { shouldAbandon } from "./decision.js";
import { EventKind } from "./events.js";
import { JobPhase, type JobState } from "./job-state.js";
import type { ClusterModel } from "./model.js";
import { AttemptOutcome } from "./observer.js";

/**
 * Ends a scheduling attempt the same way for every architecture: start the committed tasks,
 * account the think time (useful / wasted-conflict / wasted-no-fit), then either the job is done,
 * abandoned (the one retry/abandon rule), or retried: it re-enters its scheduler's queue tail
 * after the retry delay (a JobRetry event with a = job index, b = scheduler).
 */
export function finishAttempt(
  model: ClusterModel,
  job: JobState,
  scheduler: number,
  startUs: SimTime,
  claimed: number,
  committed: readonly number[],
  conflicted: number,
): void {
  model.startTasks(job, committed);
  const outcome =
    conflicted > 0
      ? AttemptOutcome.WastedConflict
      : claimed === 0
        ? AttemptOutcome.WastedNoFit
        : AttemptOutcome.Useful;
  model.observer.attemptEnded(scheduler, startUs, model.now, outcome, claimed > 0, conflicted > 0);
  if (job.phase !== JobPhase.Pending) return;
  if (shouldAbandon(job, model.retry)) {
    job.phase = JobPhase.Abandoned;
    model.observer.jobAbandoned(job, model.now);
    return;
  }
  model.schedule(model.now + model.retry.retryDelayUs, EventKind.JobRetry, job.index, scheduler);
}

/** Marks the start of an attempt: counts it and reports it (first-attempt wait). */
export function beginAttempt(model: ClusterModel, job: JobState, scheduler: number): void {
  job.attempts++;
  model.observer.attemptStarted(job, scheduler, model.now);
}
