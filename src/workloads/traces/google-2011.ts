import { finishJobs, windowOf, type TimeWindow } from "./finish.js";
import { GoogleJobTable, type GoogleMapping, type JobEventInfo } from "./google-jobs.js";
import {
  AFTER_TRACE_US,
  GoogleEvent,
  JOB_COLUMNS,
  parseJobEvent,
  parseTaskEvent,
  scanTaskEvent,
  TASK_COLUMNS,
  type TaskEventRow,
} from "./google-rows.js";
import { CsvScanner } from "./scan.js";
import { forEachLine, forEachLineBytes } from "./lines.js";
import { expandTracePaths } from "./paths.js";
import { requireRows } from "./read-checks.js";
import { RowIssues, RowProblem, splitCsvLine } from "./rows.js";
import type {
  GoogleReadOptions,
  GoogleServiceRule,
  MachineCapacity,
  ReasonCounts,
  TraceReadResult,
} from "./types.js";

/**
 * Reader of Google clusterdata-2011 `task_events` shards (+ optional `job_events`), streamed in
 * the order given (globs sorted by name = time order). Rows must be in time order across the
 * shards — a row earlier than its predecessor is reported (usually shards given out of order).
 * Reading stops at the first row at or after the window's end. Mapping: google-jobs.ts.
 */

/** What 1.0 of a normalized request is by default: the trace's most common machine (0.5 CPU, 0.5 memory) becomes the presets' 4-CPU, 16 GB machine. */
export const GOOGLE_DEFAULT_MACHINE: MachineCapacity = Object.freeze({ cpus: 8, memGb: 32 });

/** The reference simulator's rule: service ⇔ production priority (≥ 9) and class ∉ {0, 1}. */
export const GOOGLE_DEFAULT_SERVICE_RULE: GoogleServiceRule = Object.freeze({
  minPriority: 9,
  schedulingClasses: [2, 3],
  combine: "and",
});

/** Reads Google 2011 task_events shards at `paths` (paths or globs). */
export async function readGoogle2011(
  paths: string | readonly string[],
  opts: GoogleReadOptions = {},
): Promise<TraceReadResult> {
  const window = windowOf(opts);
  const files = expandTracePaths(paths);
  const jobFiles = opts.jobEvents ? expandTracePaths(opts.jobEvents) : [];
  const jobIssues = new RowIssues(opts.skipInvalid ?? false);
  const { jobs: jobEvents, rows: jobRows } =
    jobFiles.length > 0 ? await readJobEvents(jobFiles, window, jobIssues) : { jobs: new Map(), rows: 0 };
  const m = googleMapping(opts, window, GOOGLE_DEFAULT_SERVICE_RULE);
  // Durations kept as exact sums unless that cannot be guaranteed (then read again per task).
  const read =
    (await readTaskEvents(files, m, jobEvents, jobIssues.skipped, opts, false)) ??
    (await readTaskEvents(files, m, jobEvents, jobIssues.skipped, opts, true)) ??
    unreachable();
  requireRows(files, read.rows, `task_events rows (${TASK_COLUMNS} comma-separated columns)`);
  return {
    prefill: read.prefill,
    jobs: finishJobs(read.jobs, opts.rateMultiplier),
    files: [...jobFiles, ...files],
    rows: read.rows,
    ...(jobRows > 0 ? { allRows: read.rows + jobRows } : {}),
    skipped: read.skipped,
    dropped: read.dropped,
    censoredJobs: read.censoredJobs,
  };
}

function unreachable(): never {
  throw new Error("google-2011: exact read reported inexact");
}

/** One pass over the task_events rows; undefined if the table's sums turned out inexact. */
async function readTaskEvents(
  files: string[],
  m: GoogleMapping,
  jobEvents: ReadonlyMap<number, JobEventInfo>,
  jobSkipped: ReasonCounts,
  opts: GoogleReadOptions,
  exact: boolean,
): Promise<
  Pick<TraceReadResult, "prefill" | "jobs" | "rows" | "skipped" | "dropped" | "censoredJobs"> | undefined
> {
  const window = m.window;
  const issues = new RowIssues(opts.skipInvalid ?? false);
  // One count of skipped rows per read: job_events' first, as they were read first.
  Object.assign(issues.skipped, jobSkipped);
  const table = new GoogleJobTable(m, exact);
  const scanner = new CsvScanner(TASK_COLUMNS);
  /** Reused for every row: no allocation per row. */
  const row: TaskEventRow = {
    timeUs: 0,
    jobId: 0,
    taskIndex: 0,
    eventType: 0,
    schedulingClass: 0,
    priority: 0,
    cpuRequest: 0,
    memRequest: 0,
  };
  let rows = 0;
  let lastUs = 0;
  await forEachLineBytes(files, (bytes, start, end, lineNo, file) => {
    if (start === end) return;
    rows++;
    try {
      if (scanner.scanBytes(bytes, start, end)) scanTaskEvent(scanner, row);
      else Object.assign(row, parseTaskEvent(splitCsvLine(bytes.toString("utf8", start, end))));
      if (row.timeUs < lastUs)
        throw new RowProblem(
          "time earlier than the previous row's",
          `${row.timeUs} < ${lastUs} (shards out of order?)`,
        );
    } catch (err) {
      if (!(err instanceof RowProblem)) throw err;
      issues.invalid(file, lineNo, err.reason, err.detail);
      return;
    }
    if (row.timeUs >= AFTER_TRACE_US) return;
    if (row.timeUs >= window.toUs) return false;
    lastUs = row.timeUs;
    table.add(row);
    if (table.inexact) return false;
  });
  if (table.inexact) return undefined;
  const dropped = {};
  const endUs = Number.isFinite(window.toUs) ? window.toUs : lastUs;
  const built = table.finish(endUs, jobEvents, dropped);
  if (table.inexact) return undefined;
  return {
    prefill: built.prefill,
    jobs: built.jobs,
    rows,
    skipped: issues.skipped,
    dropped,
    censoredJobs: built.censored,
  };
}

/** The job table's mapping from a Google reader's options (2011 and 2019 differ in `service`). */
export function googleMapping(
  opts: Pick<GoogleReadOptions, "machine" | "service" | "taskDuration" | "keepTaskEvents">,
  window: TimeWindow,
  defaultService: GoogleServiceRule,
): GoogleMapping {
  return {
    window,
    machine: opts.machine ?? GOOGLE_DEFAULT_MACHINE,
    service: { ...defaultService, ...opts.service },
    taskDuration: opts.taskDuration ?? "mean",
    keepTaskEvents: opts.keepTaskEvents ?? false,
  };
}

/** First SUBMIT time and scheduling class per job, from job_events rows before the window's end, and the rows read. */
async function readJobEvents(
  files: string[],
  window: TimeWindow,
  issues: RowIssues,
): Promise<{ jobs: Map<number, JobEventInfo>; rows: number }> {
  const jobs = new Map<number, JobEventInfo>();
  let rows = 0;
  await forEachLine(files, (line, lineNo, file) => {
    if (line === "") return;
    rows++;
    const row = issues.guard(file, lineNo, () => parseJobEvent(splitCsvLine(line)));
    if (!row || row.timeUs >= AFTER_TRACE_US) return;
    if (row.timeUs >= window.toUs) return false;
    const known = jobs.get(row.jobId);
    if (!known)
      jobs.set(row.jobId, {
        submitUs: row.eventType === GoogleEvent.SUBMIT ? row.timeUs : -1,
        schedulingClass: row.schedulingClass,
      });
    else if (known.submitUs < 0 && row.eventType === GoogleEvent.SUBMIT) known.submitUs = row.timeUs;
  });
  requireRows(files, rows, `job_events rows (${JOB_COLUMNS} comma-separated columns)`);
  return { jobs, rows };
}
