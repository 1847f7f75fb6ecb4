import { forEachLine } from "./lines.js";
import { expandTracePaths } from "./paths.js";
import { expectColumns, numField, RowProblem, splitCsvLine, type RowIssues } from "./rows.js";

/**
 * Alibaba PAI 2020's `pai_job_table` (headerless CSV: job_name, inst_id, user, status,
 * start_time, end_time), read for one thing: each job's submission time. The table's
 * `start_time` is when the user submitted the job; a task's own `start_time` in pai_task_table
 * is when it was launched, so the gap between the two is the wait PAI's scheduler imposed.
 * `user`, `inst_id` and the job's `status` are not needed (each task row has its own status).
 */

const PAI_JOB_COLUMNS = 6;

/** Submission times by job name, and what was read. */
export interface PaiJobSubmits {
  /** job_name → start_time (s of trace time); jobs with start_time empty or 0 are absent. */
  submitSec: Map<string, number>;
  files: string[];
  rows: number;
}

/**
 * Reads the job table(s). Memory: one map entry per job (its name and a number, ~100 bytes),
 * whatever the window, because a job's submission may precede the window its tasks fall in.
 */
export async function readPaiJobSubmits(paths: readonly string[], issues: RowIssues): Promise<PaiJobSubmits> {
  const files = expandTracePaths(paths);
  const submitSec = new Map<string, number>();
  let rows = 0;
  await forEachLine(files, (line, lineNo, file) => {
    if (line.trim() === "") return;
    rows++;
    issues.guard(file, lineNo, () => {
      const f = splitCsvLine(line);
      expectColumns(f, PAI_JOB_COLUMNS);
      const name = f[0] ?? "";
      if (name === "") throw new RowProblem("empty job_name", "(column 1)");
      const sec = numField(f, 4, "start_time", { empty: 0 });
      // A job listed twice keeps its earliest submission.
      if (sec > 0 && !(sec >= (submitSec.get(name) ?? Infinity))) submitSec.set(name, sec);
    });
  });
  return { submitSec, files, rows };
}
