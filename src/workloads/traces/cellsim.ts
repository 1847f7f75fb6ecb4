import type { JobSpec } from "../../cluster/job.js";
import { InputError } from "../../engine/errors.js";
import { readNativeKept } from "../native-csv.js";
import { HEADER, makeRowParser, type RowParser } from "../native-row.js";
import { finishJobs, inWindow, windowOf } from "./finish.js";
import { forEachLine } from "./lines.js";
import { expandTracePaths } from "./paths.js";
import { RowProblem, splitCsvLine } from "./rows.js";
import {
  countReason,
  type CommonReadOptions,
  type ReasonCounts,
  type TraceReadCounts,
  type TraceReadResult,
  visitRead,
} from "./types.js";

/**
 * The native CSV as a registered format. One file: native-csv.ts reads it (the reference
 * implementation). With `skipInvalid`, rows are validated by the same row parser but an invalid
 * row is counted under its reason (the message without the file, line and value) and skipped.
 */

/** Reads a native trace (one file; a glob or list must name exactly one). */
export async function readCellsim(
  paths: string | readonly string[],
  opts: CommonReadOptions = {},
): Promise<TraceReadResult> {
  const file = oneFile(paths);
  if (!opts.skipInvalid) {
    const { prefill, jobs } = (await readNativeKept(file, opts)).toTraceJobs();
    return { prefill, jobs, files: [file], rows: prefill.length + jobs.length, skipped: {}, dropped: {} };
  }
  return readSkipping(file, opts);
}

/**
 * Calls `visit` with the jobs {@link readCellsim} would return, in its order (prefill, then
 * submitted), without making the lists: `trace inspect` characterizes a trace this way, holding
 * the kept jobs as columns (native-kept.ts) rather than as JobSpec objects.
 */
export async function forEachCellsimJob(
  paths: string | readonly string[],
  opts: CommonReadOptions,
  visit: (job: JobSpec) => void,
): Promise<TraceReadCounts> {
  const file = oneFile(paths);
  if (opts.skipInvalid) return visitRead(await readSkipping(file, opts), visit);
  const kept = await readNativeKept(file, opts);
  kept.forEach(visit);
  const { prefillJobs, submittedJobs } = kept;
  const rows = prefillJobs + submittedJobs;
  return { files: [file], rows, skipped: {}, dropped: {}, prefillJobs, submittedJobs };
}

/** A native trace as a run pulls it: prefill jobs made now, submitted jobs made as they arrive. */
export interface CellsimJobStream {
  prefill: JobSpec[];
  next: () => JobSpec | undefined;
}

/**
 * The jobs {@link readCellsim} would return (without `skipInvalid`), kept as columns and made
 * into JobSpecs one at a time as the run pulls them: the read holds ~60 bytes a job instead of
 * a ~190-byte object each, and a run's job objects die young (docs/traces.md, "Memory").
 */
export async function streamCellsim(
  paths: string | readonly string[],
  opts: CommonReadOptions = {},
): Promise<CellsimJobStream> {
  const kept = await readNativeKept(oneFile(paths), opts);
  return { prefill: kept.prefill(), next: kept.submittedCursor() };
}

function oneFile(paths: string | readonly string[]): string {
  const files = expandTracePaths(paths);
  const [file] = files;
  if (files.length !== 1 || file === undefined)
    throw new InputError(`cellsim format: expected one file, got ${files.length} (${files.join(", ")})`);
  return file;
}

async function readSkipping(file: string, opts: CommonReadOptions): Promise<TraceReadResult> {
  const window = windowOf(opts);
  const skipped: ReasonCounts = {};
  /** Kept jobs in file order; a repeated id is skipped after the last row (see {@link uniqueIds}). */
  const kept: JobSpec[] = [];
  let parseRow: RowParser | undefined;
  let rows = 0;
  await forEachLine([file], (line, lineNo) => {
    if (line.trim() === "") return;
    if (!parseRow) return void (parseRow = makeRowParser(file, lineNo, headerOf(line, file, lineNo)));
    rows++;
    const row = parseRow;
    const job = parseOrCount(() => row(lineNo, recordOf(line)), file, lineNo, skipped);
    if (job?.prefill) kept.push({ ...job, submitUs: 0 });
    else if (job) {
      const shifted = inWindow(job, window);
      if (shifted) kept.push(shifted);
    }
  });
  if (!parseRow) throw new InputError(`${file}: empty file: expected the header ${HEADER.join(",")}`);
  const unique = uniqueIds(kept, skipped);
  const prefill = unique.filter((j) => j.prefill);
  const submitted = unique.filter((j) => !j.prefill);
  return {
    prefill,
    jobs: finishJobs(submitted, opts.rateMultiplier),
    files: [file],
    rows,
    skipped,
    dropped: {},
  };
}

/**
 * The jobs whose id no earlier kept job has; the others are counted as skipped. Like the
 * failing read (native-kept.ts), only kept jobs are compared, so memory follows them.
 */
function uniqueIds(jobs: readonly JobSpec[], skipped: ReasonCounts): JobSpec[] {
  const seen = new Set<number>();
  return jobs.filter((job) => {
    if (!seen.has(job.id)) {
      seen.add(job.id);
      return true;
    }
    countReason(skipped, "duplicate job_id (column job_id)");
    return false;
  });
}

/** A line's fields, trimmed as the strict reader's csv-parse trims them (RowProblem if badly quoted). */
function recordOf(line: string): string[] {
  return splitCsvLine(line).map((c) => c.trim());
}

/** The header's fields; badly quoted, it is an error (no row can be read without it). */
function headerOf(line: string, file: string, lineNo: number): string[] {
  try {
    return recordOf(line);
  } catch (err) {
    if (err instanceof RowProblem) throw new InputError(`${file}:${lineNo}: bad header: ${err.message}`);
    throw err;
  }
}

function parseOrCount(
  parse: () => JobSpec,
  file: string,
  line: number,
  skipped: ReasonCounts,
): JobSpec | undefined {
  try {
    return parse();
  } catch (err) {
    if (err instanceof RowProblem) return void countReason(skipped, err.reason);
    if (!(err instanceof InputError)) throw err;
    const reason = err.message.replace(`${file}:${line}: `, "").replace(/, got "[^"]*"/, "");
    countReason(skipped, reason);
    return undefined;
  }
}
