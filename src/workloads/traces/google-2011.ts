import { finishJobs, windowOf, type TimeWindow } from "./finish.js";
import { GoogleJobTable, type GoogleMapping, type JobEventInfo } from "./google-jobs.js";
import {
  AFTER_TRACE_US,
  GoogleEvent,
  parseJobEvent,
  parseTaskEvent,
  scanTaskEvent,
  TASK_COLUMNS,
} from "./google-rows.js";
import { CsvScanner } from "./scan.js";
import { forEachLine } from "./lines.js";
import { expandTracePaths } from "./paths.js";
import { RowIssues, RowProblem, splitCsvLine } from "./rows.js";
import type { GoogleReadOptions, GoogleServiceRule, MachineCapacity, TraceReadResult } from "./types.js";

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
  const issues = new RowIssues(opts.skipInvalid ?? false);
  const files = expandTracePaths(paths);
  const jobFiles = opts.jobEvents ? expandTracePaths(opts.jobEvents) : [];
  const jobEvents = jobFiles.length > 0 ? await readJobEvents(jobFiles, window, issues) : new Map();
  const table = new GoogleJobTable(mapping(opts, window));
  const scanner = new CsvScanner(TASK_COLUMNS);
  let rows = 0;
  let lastUs = 0;
  await forEachLine(files, (line, lineNo, file) => {
    if (line === "") return;
    rows++;
    const row = issues.guard(file, lineNo, () => {
      const r = scanner.scan(line) ? scanTaskEvent(scanner) : parseTaskEvent(splitCsvLine(line));
      if (r.timeUs < lastUs)
        throw new RowProblem(
          "time earlier than the previous row's",
          `${r.timeUs} < ${lastUs} (shards out of order?)`,
        );
      return r;
    });
    if (!row || row.timeUs >= AFTER_TRACE_US) return;
    if (row.timeUs >= window.toUs) return false;
    lastUs = row.timeUs;
    table.add(row);
  });
  const dropped = {};
  const endUs = Number.isFinite(window.toUs) ? window.toUs : lastUs;
  const built = table.finish(endUs, jobEvents, dropped);
  const jobs = finishJobs(built.jobs, opts.rateMultiplier);
  return {
    prefill: built.prefill,
    jobs,
    files: [...jobFiles, ...files],
    rows,
    skipped: issues.skipped,
    dropped,
  };
}

function mapping(opts: GoogleReadOptions, window: TimeWindow): GoogleMapping {
  return {
    window,
    machine: opts.machine ?? GOOGLE_DEFAULT_MACHINE,
    service: { ...GOOGLE_DEFAULT_SERVICE_RULE, ...opts.service },
    taskDuration: opts.taskDuration ?? "mean",
  };
}

/** First SUBMIT time and scheduling class per job, from job_events rows before the window's end. */
async function readJobEvents(
  files: string[],
  window: TimeWindow,
  issues: RowIssues,
): Promise<Map<number, JobEventInfo>> {
  const jobs = new Map<number, JobEventInfo>();
  await forEachLine(files, (line, lineNo, file) => {
    if (line === "") return;
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
  return jobs;
}
