import type { JobSpec } from "../../cluster/job.js";
import { finishJobs, inWindow, windowOf } from "./finish.js";
import { forEachLine } from "./lines.js";
import { expandTracePaths } from "./paths.js";
import { requireRows } from "./read-checks.js";
import { expectColumns, intField, numField, RowIssues, RowProblem, splitCsvLine } from "./rows.js";
import { countReason, type AlibabaReadOptions, type ReasonCounts, type TraceReadResult } from "./types.js";

/**
 * Reader of Alibaba cluster-trace-v2018 `batch_task` (headerless CSV: task_name, instance_num,
 * job_name, task_type, status, start_time, end_time, plan_cpu, plan_mem). Each row is one task
 * (a DAG stage) with `instance_num` identical instances, which is exactly the job model: one
 * row → one job (docs/traces.md). Mapping:
 * - id = the row's ordinal over the input files (1-based; job_name is not numeric and one
 *   job_name has several stages); submit = start_time (the trace has no submit time);
 * - tasks = instance_num; cpus = plan_cpu / 100; memory = plan_mem / 100 × `machineMemGb`;
 * - duration = end_time − start_time; end_time 0 or empty = still running at the end of the
 *   trace → censored at the window's end (or the latest time in the file);
 * - end_time < start_time (non-zero) → unusable row; start_time 0 = never started → dropped;
 * - all rows are `kind` (default batch: the table is Alibaba's batch workload).
 */

const ALIBABA_COLUMNS = 9;
/** Alibaba 2018 machines have 96 cores; 4 GB per core as in the presets (the trace is normalized). */
export const ALIBABA_DEFAULT_MACHINE_MEM_GB = 384;

interface AlibabaRow {
  startSec: number;
  /** −1 = still running at the end of the trace. */
  endSec: number;
  job: Omit<JobSpec, "submitUs" | "durationUs">;
}

/** Reads batch_task files in order. */
export async function readAlibaba2018(
  paths: string | readonly string[],
  opts: AlibabaReadOptions = {},
): Promise<TraceReadResult> {
  const window = windowOf(opts);
  const issues = new RowIssues(opts.skipInvalid ?? false);
  const files = expandTracePaths(paths);
  const dropped: ReasonCounts = {};
  const parsed: AlibabaRow[] = [];
  let rows = 0;
  let latestSec = 0;
  await forEachLine(files, (line, lineNo, file) => {
    if (line.trim() === "") return;
    const ordinal = ++rows;
    const row = issues.guard(file, lineNo, () => alibabaRow(splitCsvLine(line), ordinal, opts));
    if (!row) return;
    latestSec = Math.max(latestSec, row.startSec, row.endSec);
    if (row.startSec <= 0) countReason(dropped, "tasks never started (start_time 0)");
    else parsed.push(row);
  });
  requireRows(files, rows, `batch_task rows (${ALIBABA_COLUMNS} comma-separated columns)`);
  const horizonSec = Number.isFinite(window.toUs) ? window.toUs / 1e6 : latestSec;
  const kept: JobSpec[] = [];
  const censoredJobs: number[] = [];
  for (const row of parsed) {
    const endSec = row.endSec < 0 ? Math.max(horizonSec, row.startSec) : row.endSec;
    const job = {
      ...row.job,
      submitUs: Math.round(row.startSec * 1e6),
      durationUs: Math.max(1, Math.round((endSec - row.startSec) * 1e6)),
    };
    const shifted = inWindow(job, window);
    if (!shifted) continue;
    kept.push(shifted);
    if (row.endSec < 0) censoredJobs.push(job.id);
  }
  return {
    prefill: [],
    jobs: finishJobs(kept, opts.rateMultiplier),
    files,
    rows,
    skipped: issues.skipped,
    dropped,
    censoredJobs,
  };
}

function alibabaRow(f: readonly string[], ordinal: number, opts: AlibabaReadOptions): AlibabaRow {
  expectColumns(f, ALIBABA_COLUMNS);
  const startSec = numField(f, 5, "start_time", { empty: 0 });
  const end = numField(f, 6, "end_time", { empty: 0 });
  if (end > 0 && end < startSec) throw new RowProblem("end_time before start_time", `${end} < ${startSec}`);
  const memGb = (numField(f, 8, "plan_mem") / 100) * (opts.machineMemGb ?? ALIBABA_DEFAULT_MACHINE_MEM_GB);
  const job = {
    id: ordinal,
    kind: opts.kind ?? "batch",
    tasks: intField(f, 1, "instance_num", 1),
    cpusPerTask: numField(f, 7, "plan_cpu") / 100,
    memGbPerTask: memGb,
    prefill: false,
  };
  return { startSec, endSec: end > 0 ? end : -1, job };
}
