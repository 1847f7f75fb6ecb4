import { rename, rm } from "node:fs/promises";
import { createWriteStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import type { Readable, Writable } from "node:stream";
import { createGunzip, createGzip } from "node:zlib";
import { parse } from "csv-parse";
import { InputError } from "../engine/errors.js";
import type { SimTime } from "../engine/time.js";
import type { JobSpec, WorkloadKind } from "../cluster/job.js";
import { readPlainNative } from "./native-fast.js";
import { KeptJobs } from "./native-kept.js";
import { HEADER, makeRowParser, type RowParser } from "./native-row.js";
import { formatRow, headerLine, PLAIN_COLUMNS, type NativeColumns } from "./native-columns.js";
import { openTraceFile } from "./traces/lines.js";
import type { Workload } from "./source.js";

/**
 * The native trace CSV (docs/traces.md, Native CSV): a required header
 * `job_id,submit_s,workload,tasks,cpus_per_task,mem_gb_per_task,duration_s` with the optional
 * columns `prefill,gpus_per_task,priority,gang` (all in any order), one job per row; `.gz` paths
 * are gunzipped on the fly.
 *
 * Reading streams the file (memory grows with the jobs kept, not the file size: native-kept.ts),
 * validates every row (errors name `path:line` and the column), then:
 * 1. prefill rows are kept in file order with `submitUs = 0`; window and rate multiplier do not
 *    apply to them (they describe the cell's state at t = 0);
 * 2. other rows are kept if `fromUs ≤ submit < toUs` and shifted by `−fromUs`;
 * 3. a kind's rate multiplier r compresses its submit times: `round(submitUs / r)` (r = 2 → twice
 *    the arrival rate); r = 0 drops the kind's submitted jobs;
 * 4. jobs are sorted by (submitUs, id); input need not be sorted;
 * 5. job ids must differ among the jobs kept (prefill and submitted), checked after the last row.
 */

/** Options of {@link readNativeTrace}. */
export interface TraceReadOptions {
  /** Keep jobs submitted at or after this trace time; they are shifted so it becomes 0. */
  fromUs?: SimTime;
  /** Keep jobs submitted strictly before this trace time. */
  toUs?: SimTime;
  /** Per-kind arrival-rate multiplier (default 1). */
  rateMultiplier?: Partial<Record<WorkloadKind, number>>;
}

/** A trace read into memory: prefill jobs in placement order, submitted jobs sorted by (submitUs, id). */
export interface TraceJobs {
  prefill: JobSpec[];
  jobs: JobSpec[];
}

/** How the rows of a native trace are split: the fast path (default) or csv-parse alone. */
export type NativeParser = "fast" | "csv-parse";

/** Reads a native trace CSV (optionally gzipped). Bad input → InputError naming `path:line`. */
export async function readNativeTrace(path: string, opts: TraceReadOptions = {}): Promise<TraceJobs> {
  return (await readNativeKept(path, opts)).toTraceJobs();
}

/**
 * Reads a native trace into {@link KeptJobs} (sorted, duplicate ids checked). `parser`
 * "csv-parse" reads every line through csv-parse, the reference the fast path is tested against
 * (test/workloads/native-fuzz.test.ts); "fast" reads plain files itself and hands any other
 * file to csv-parse whole (native-fast.ts says when and why).
 */
export async function readNativeKept(
  path: string,
  opts: TraceReadOptions = {},
  parser: NativeParser = "fast",
): Promise<KeptJobs> {
  const plain = parser === "fast" ? await readPlainNative(path, opts) : undefined;
  const { kept, header } = plain ?? (await readWithCsvParse(path, opts));
  if (!header) throw new InputError(`${path}: empty file: expected the header ${HEADER.join(",")}`);
  kept.finish();
  return kept;
}

async function readWithCsvParse(
  path: string,
  opts: TraceReadOptions,
): Promise<{ kept: KeptJobs; header: boolean }> {
  const source = await openTraceFile(path);
  const parser = parse({ relax_column_count: true, skip_empty_lines: true, trim: true, info: true });
  const stages: (Readable | Writable)[] = path.endsWith(".gz")
    ? [source, createGunzip(), parser]
    : [source, parser];
  const piping = pipeline(stages).catch(() => undefined); // errors surface through the parser
  let rows: RowParser | undefined;
  try {
    const kept = new KeptJobs(path, opts);
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      if (!rows) rows = makeRowParser(path, info.lines, record);
      else kept.add(rows(info.lines, record), info.lines);
    }
    return { kept, header: rows !== undefined };
  } catch (err) {
    throw asInputError(path, err);
  } finally {
    await piping;
  }
}

/** Errors as InputErrors; gzip errors worded as the fast path's (traces/lines.ts) words them. */
function asInputError(path: string, err: unknown): Error {
  if (err instanceof InputError) return err;
  const e = err as { message?: string; lines?: number; code?: string };
  if (typeof e.code === "string" && e.code.startsWith("CSV_"))
    return new InputError(`${path}:${e.lines ?? "?"}: malformed CSV: ${e.message ?? String(err)}`);
  if (typeof e.code === "string" && e.code.startsWith("Z_"))
    return new InputError(`${path}: not a valid gzip file (${e.message ?? e.code})`);
  return new InputError(`${path}: cannot read: ${e.message ?? String(err)}`);
}

/**
 * Writes `workload` as a native trace: prefill jobs (prefill=1), then every submitted job with
 * `submitUs ≤ horizonUs`, with the optional `columns` beside `prefill` (native-columns.ts says
 * how callers choose them). Numbers use JavaScript's shortest round-trip form, so reading the
 * file back gives identical JobSpecs. Written to a temporary file and renamed (never
 * half-written): a job the columns cannot hold fails the write. Returns the number of rows.
 */
export async function writeNativeTrace(
  path: string,
  workload: Workload,
  horizonUs: SimTime,
  columns: NativeColumns = PLAIN_COLUMNS,
): Promise<number> {
  const tmpPath = `${path}.${process.pid}.tmp`;
  const file = createWriteStream(tmpPath);
  const closed = new Promise<void>((res) => file.once("close", res));
  const gzip = path.endsWith(".gz") ? createGzip() : undefined;
  const out: Writable = gzip ?? file;
  const done = gzip
    ? pipeline(gzip, file)
    : new Promise<void>((res, rej) => file.on("finish", res).on("error", rej));
  try {
    const rows = await writeRows(out, { path, workload, horizonUs, columns });
    out.end();
    await done;
    await rename(tmpPath, path);
    return rows;
  } catch (err) {
    done.catch(() => undefined); // the write failed already: its error is the one to report
    out.destroy();
    file.destroy();
    await closed; // else a pending open could create the file again after rm
    await rm(tmpPath, { force: true });
    throw err;
  }
}

interface WriteJob {
  path: string;
  workload: Workload;
  horizonUs: SimTime;
  columns: NativeColumns;
}

async function writeRows(out: Writable, { path, workload, horizonUs, columns }: WriteJob): Promise<number> {
  let rows = 0;
  let chunk = headerLine(columns);
  const flush = async () => {
    if (!out.write(chunk)) await new Promise<void>((res) => out.once("drain", res));
    chunk = "";
  };
  const add = async (job: JobSpec) => {
    chunk += formatRow(path, job, columns);
    rows++;
    if (chunk.length > 1 << 16) await flush();
  };
  for (const job of workload.prefill) await add(job);
  for (let job = workload.next(); job && job.submitUs <= horizonUs; job = workload.next()) await add(job);
  await flush();
  return rows;
}
