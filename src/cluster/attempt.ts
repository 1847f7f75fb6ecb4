import type { SimTime } from "../engine/time.js";
import { shouldAbandon } from "./decision.js";
import { EventKind } from "./events.js";
import { JobPhase, type JobState } from "./job-state.js";
import type { ArchitectureHost, TaskShape } from "./host.js";
import { AttemptOutcome } from "./observer.js";

/** How one attempt ended. */
export interface AttemptResult {
  /** The index of the scheduler that made the attempt. */
  scheduler: number;
  /** When the attempt began (its `beginAttempt`), µs. */
  startUs: SimTime;
  /** End of the think time (default: now). */
  thinkEndUs?: SimTime;
  /** Claims the placement made. */
  claimed: number;
  /** Machines of the committed claims, one per task started now. */
  committed: readonly number[];
  /** Claims that conflicted (0 when placing on the live cell). */
  conflicted: number;
  /** The shape of the committed tasks when the allocation policy chose one (default: the job's). */
  shape?: TaskShape;
}

/**
 * Ends a scheduling attempt the same way for every architecture: start the committed tasks,
 * account the think time (useful / wasted-conflict / wasted-no-fit), then either the job is done,
 * abandoned (the one retry/abandon rule), or retried: it re-enters its scheduler's queue tail
 * after the retry delay (a JobRetry event with a = job index, b = scheduler). The think time was
 * [startUs, thinkEndUs); tasks start now (later than thinkEndUs when a two-level framework
 * replies to its offer after thinking about several jobs).
 */
export function finishAttempt(model: ArchitectureHost, job: JobState, r: AttemptResult): void {
  model.startTasks(job, r.committed, r.shape);
  const outcome =
    r.conflicted > 0
      ? AttemptOutcome.WastedConflict
      : r.claimed === 0
        ? AttemptOutcome.WastedNoFit
        : AttemptOutcome.Useful;
  const endUs = r.thinkEndUs ?? model.now;
  model.observer.attemptEnded(r.scheduler, r.startUs, endUs, outcome, r.claimed > 0, r.conflicted > 0);
  if (job.phase !== JobPhase.Pending) return;
  if (model.retry.retryWhen === "freed") {
    model.waitForResources(job, r.scheduler);
    return;
  }
  if (shouldAbandon(job, model.retry)) {
    model.abandon(job);
    return;
  }
  model.schedule(model.now + model.retry.retryDelayUs, EventKind.JobRetry, job.index, r.scheduler);
}

/**
 * Marks the start of an attempt: counts it and reports it (first-attempt wait), as of `atUs`
 * (default now; a two-level framework stamping a whole offer's jobs at its arrival passes that).
 */
export function beginAttempt(
  model: ArchitectureHost,
  job: JobState,
  scheduler: number,
  atUs: SimTime = model.now,
): void {
  job.attempts++;
  job.scheduler = scheduler;
  model.observer.attemptStarted(job, scheduler, atUs);
}
