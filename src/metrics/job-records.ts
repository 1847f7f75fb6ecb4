import { WORKLOAD_KINDS } from "../cluster/job.js";
import { JobPhase } from "../cluster/job-state.js";
import { usToSec } from "../engine/time.js";
import type { JobLedger } from "./job-ledger.js";
import type { JobOutcome, JobRecords } from "./summary.js";

/**
 * Per-job records (opt-in: `metrics.jobs`), built at the horizon from the ledger RunMetrics
 * keeps for waits. Columnar (one array per field), so a run with a million jobs stores a million
 * numbers per field rather than a million small objects.
 */

const OUTCOMES: Record<number, JobOutcome> = {
  [JobPhase.Pending]: "pending",
  [JobPhase.FullyScheduled]: "fully-scheduled",
  [JobPhase.Abandoned]: "abandoned",
  [JobPhase.Skipped]: "skipped",
};

/** Seconds, or null for an event that had not happened by the horizon (stored as −1 µs). */
function secOrNull(us: number): number | null {
  return us < 0 ? null : usToSec(us);
}

/**
 * The records of every job in the ledger, in submission order (job index). The ledger must
 * have been built with records on (it then keeps ids and task counts).
 */
export function jobRecords(ledger: JobLedger): JobRecords {
  const { jobId, tasks } = ledger;
  if (jobId === undefined || tasks === undefined)
    throw new Error("jobRecords: the ledger was built without per-job records");
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
  for (let i = 0; i < ledger.rows; i++) {
    records.jobId.push(jobId[i] as number);
    records.kind.push(WORKLOAD_KINDS[ledger.kindCode[i] as number] ?? "unknown");
    records.tasks.push(tasks[i] as number);
    records.submitSec.push(usToSec(ledger.submitUs[i] as number));
    records.firstAttemptSec.push(secOrNull(ledger.firstAttemptUs[i] as number));
    records.fullyScheduledSec.push(secOrNull(ledger.fullyScheduledUs[i] as number));
    records.attempts.push(ledger.attempts[i] as number);
    records.outcome.push(OUTCOMES[ledger.phase[i] as number] ?? "pending");
  }
  return records;
}
