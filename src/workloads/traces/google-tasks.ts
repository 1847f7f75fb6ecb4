/** How the Google job table stores the tasks of one job (see google-jobs.ts). */

/** Task flag bits. */
export const IN_WINDOW = 1; // a row of the task falls in the window
export const RAN = 2; // a run started after the window start (runUs > 0)
export const PREFILL = 4; // a run spans the window start (prefillUs > 0)

/** Task state of one job, by first-seen position (`undefined` arrays: see the fields). */
export interface Tasks {
  /** Start of the open run per position, −1 if none; undefined when the job has no open run. */
  start: Float64Array | undefined;
  /** Per-task durations (exact mode): runUs, or prefillUs once the job has a prefill task. */
  value: Float64Array | undefined;
  /** Flag bits per position; undefined = every task has the job's `uniform` flags. */
  flags: Uint8Array | undefined;
  /** Task index → position + 1 (0 = unseen); undefined = positions are the indexes 0, 1, … */
  pos: Int32Array | Map<number, number> | undefined;
}
