import { JobPhase, type JobState } from "../cluster/job-state.js";
import { usToSec } from "../engine/time.js";
import type { JobOutcome, JobRecords } from "./summary.js";

/**
 * Per-job records (opt-in: `metrics.jobs`), built at the horizon from the job table and the
 * times RunMetrics already keeps for waits. Columnar (one array per field), so a run with a
 * million jobs stores a million numbers per field rather than a million small objects.
 */

const OUTCOMES: Record<number, JobOutcome> = {
  [JobPhase.Pending]: "pending",
  [JobPhase.FullyScheduled]: "fully-scheduled",
  [JobPhase.Abandoned]: "abandoned",
};

/** Seconds, or null for an event that had not happened by the horizon (stored as −1 µs). */
function secOrNull(us: number | undefined): number | null {
  return us === undefined || us < 0 ? null : usToSec(us);
}

/** The records of `jobs` (in submission order), with times indexed by job index. */
export function jobRecords(
  jobs: readonly JobState[],
  submitUs: readonly number[],
  firstAttemptUs: readonly number[],
  fullyScheduledUs: readonly number[],
): JobRecords {
  const records: JobRecords = {
    jobId: [],
    kind: [],
    tasks: [],
    submitSec: [],
    firstAttemptSec: [],
    fullyScheduledSec: [],
    attempts: [],
    outcome: [],
  };
  for (const j of jobs) {
    records.jobId.push(j.spec.id);
    records.kind.push(j.spec.kind);
    records.tasks.push(j.spec.tasks);
    records.submitSec.push(usToSec(submitUs[j.index] ?? j.spec.submitUs));
    records.firstAttemptSec.push(secOrNull(firstAttemptUs[j.index]));
    records.fullyScheduledSec.push(secOrNull(fullyScheduledUs[j.index]));
    records.attempts.push(j.attempts);
    records.outcome.push(OUTCOMES[j.phase] ?? "pending");
  }
  return records;
}
