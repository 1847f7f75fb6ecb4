import { WORKLOAD_KINDS } from "../cluster/job.js";
import type { JobState } from "../cluster/job-state.js";
import type { SimTime } from "../engine/time.js";

/** Rows a ledger starts with; it doubles when full. */
const INITIAL_ROWS = 1024;

/** Kind code of a kind outside {@link WORKLOAD_KINDS} (counted in no workload summary). */
export const UNKNOWN_KIND = 255;

/**
 * What the metrics keep of every submitted job, by job index, in growable typed arrays: its
 * kind, the three times waits are measured from (µs, −1 = had not happened) and, once its
 * scheduling is settled (or at the horizon), its attempts, whether a task was ever placed and its
 * final phase. About 30 bytes a job, so the summary needs neither the model's job table nor the
 * jobs themselves: the model can let a finished job go (docs/design.md, "Memory per run").
 * With per-job records on (`metrics.jobs`) it also keeps each job's id and task count.
 */
export class JobLedger {
  /** Rows in use: one per submitted job (the highest job index + 1). */
  rows = 0;
  /** Index of the job's kind in WORKLOAD_KINDS ({@link UNKNOWN_KIND} for any other). */
  kindCode = new Uint8Array(INITIAL_ROWS);
  /** Final phase (a `JobPhase` value); Pending until settled. */
  phase = new Uint8Array(INITIAL_ROWS);
  /** 1 when at least one task of the job was ever placed (as settled). */
  everPlaced = new Uint8Array(INITIAL_ROWS);
  /** Scheduling attempts (as settled). */
  attempts = new Uint32Array(INITIAL_ROWS);
  /** When the job was submitted, µs. */
  submitUs = new Float64Array(INITIAL_ROWS);
  /** When its first attempt started, µs (−1: not yet). */
  firstAttemptUs = new Float64Array(INITIAL_ROWS);
  /** When its last task was placed, µs (−1: not yet). */
  fullyScheduledUs = new Float64Array(INITIAL_ROWS);
  /** The job's `spec.id` (records only: ids of traces exceed 32 bits). */
  jobId: Float64Array | undefined;
  /** The job's `spec.tasks` (records only). */
  tasks: Float64Array | undefined;

  constructor(recordJobs: boolean) {
    if (recordJobs) {
      this.jobId = new Float64Array(INITIAL_ROWS);
      this.tasks = new Float64Array(INITIAL_ROWS);
    }
  }

  /** A job was submitted at `nowUs`: its row, with no attempt and no full scheduling yet. */
  submitted(job: JobState, nowUs: SimTime): void {
    const i = job.index;
    if (i >= this.kindCode.length) this.grow(i + 1);
    if (i >= this.rows) this.rows = i + 1;
    const code = WORKLOAD_KINDS.indexOf(job.spec.kind);
    this.kindCode[i] = code < 0 ? UNKNOWN_KIND : code;
    this.submitUs[i] = nowUs;
    this.firstAttemptUs[i] = -1;
    this.fullyScheduledUs[i] = -1;
    if (this.jobId) this.jobId[i] = job.spec.id;
    if (this.tasks) this.tasks[i] = job.spec.tasks;
  }

  /** Copies what the job's state says of its outcome (at its settling, or at the horizon). */
  settled(job: JobState): void {
    const i = job.index;
    this.attempts[i] = job.attempts;
    this.everPlaced[i] = job.everPlaced ? 1 : 0;
    this.phase[i] = job.phase;
  }

  /** Doubles every column until `rows` fit (amortized O(1) per job). */
  private grow(rows: number): void {
    let size = this.kindCode.length;
    while (size < rows) size *= 2;
    this.kindCode = resized(this.kindCode, new Uint8Array(size));
    this.phase = resized(this.phase, new Uint8Array(size));
    this.everPlaced = resized(this.everPlaced, new Uint8Array(size));
    this.attempts = resized(this.attempts, new Uint32Array(size));
    this.submitUs = resized(this.submitUs, new Float64Array(size));
    this.firstAttemptUs = resized(this.firstAttemptUs, new Float64Array(size));
    this.fullyScheduledUs = resized(this.fullyScheduledUs, new Float64Array(size));
    if (this.jobId) this.jobId = resized(this.jobId, new Float64Array(size));
    if (this.tasks) this.tasks = resized(this.tasks, new Float64Array(size));
  }
}

/** `to` with `from` copied into its start. */
function resized<T extends Uint8Array | Uint32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
