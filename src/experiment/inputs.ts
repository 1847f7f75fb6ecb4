import { createHash } from "node:crypto";
import { createReadStream, existsSync } from "node:fs";
import path from "node:path";
import type { WorkloadKind } from "../cluster/job.js";
import { InputError } from "../engine/errors.js";
import type { Registry } from "../plugins/registry.js";
import type { TraceWorkloadSpec, TraceReaderOptions } from "../workloads/spec.js";
import { isGlob, tracePathLabel } from "../workloads/traces/paths.js";
import { skipWarning } from "../workloads/traces/read-checks.js";
import { readTrace } from "../workloads/formats.js";
import { forEachCellsimJob } from "../workloads/traces/cellsim.js";
import type { ReasonCounts, TraceReadResult } from "../workloads/traces/types.js";
import type { RunConfig } from "./config.js";
import { streamsNatively, traceReadOptions } from "./load-workload.js";
import type { TracePathResolver } from "./resolve.js";
import type { TraceWorkloadInput } from "./schema.js";

/**
 * Input files of an experiment: where trace paths point, checking they exist and parse, and
 * their hashes (for the manifest and for run hashes, so editing a trace re-runs its runs).
 */

/**
 * An input file and the sha256 of its bytes (hex). For a trace given as a glob or with several
 * files (shards, job_events), `sha256` covers every file (see {@link sha256Files}) and `files`
 * lists them; `skipped` and `dropped` are the reader's counts by reason (only when non-empty).
 */
export interface InputFile {
  path: string;
  sha256: string;
  format?: string;
  files?: string[];
  rows?: number;
  skipped?: ReasonCounts;
  dropped?: ReasonCounts;
  /** Jobs kept that the reader notes (e.g. failed runs kept, runs censored), by reason. */
  notes?: ReasonCounts;
  /** The plug-in workload source that reads this file (its `inputs`). */
  source?: string;
  /** A trace's submitted jobs per workload kind (prefill jobs not counted). */
  kinds?: Record<WorkloadKind, number>;
  /** A machine-events trace (`failures.events`): the events its runs get (the first read's). */
  machineEvents?: number;
}

/** sha256 of a file, streamed. */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/**
 * Trace paths are relative to the experiment file's folder; if the file is not there but exists
 * relative to the current directory, that one is used (experiment files written as
 * `"traces/x.csv"` work when run from the repository root). Returned relative to the current
 * directory so run hashes do not depend on where the checkout lives.
 */
export function tracePathResolver(experimentDir: string): TracePathResolver {
  return (written) => {
    if (path.isAbsolute(written)) return written;
    const beside = path.join(experimentDir, written);
    if (!existsSync(beside) && existsSync(written)) return path.normalize(written);
    return path.relative(process.cwd(), path.resolve(beside));
  };
}

/** sha256 over several files: of the lines `<sha256 of file>  <file>`, in order. */
export async function sha256Files(files: readonly string[]): Promise<string> {
  const hash = createHash("sha256");
  for (const f of files) hash.update(`${await sha256File(f)}  ${f}\n`);
  return hash.digest("hex");
}

/**
 * The reader options of a validated trace workload: everything but the fields the spec carries
 * itself (trace, format, window, rate multiplier), with the paths of the side tables
 * (`jobEvents`, `collectionEvents`, `jobTable`) resolved like `trace`. resolve.ts stores the
 * result as `TraceWorkloadSpec.options`.
 */
export function traceReaderOptions(w: TraceWorkloadInput, tracePath: TracePathResolver): TraceReaderOptions {
  const { trace: _trace, format: _format, from: _from, to: _to, rateMultiplier: _rate, ...options } = w;
  const resolved: Record<string, unknown> = { ...options };
  for (const key of ["jobEvents", "collectionEvents", "jobTable"] as const) {
    const value = (options as Partial<Record<typeof key, string | string[]>>)[key];
    if (value !== undefined) resolved[key] = (typeof value === "string" ? [value] : value).map(tracePath);
  }
  return resolved as TraceReaderOptions;
}

type TraceRun = { config: { workload: { type: string } } };

/** A stable key for one way of reading a trace (path, format, options, window). */
function readKey(w: TraceWorkloadSpec): string {
  return JSON.stringify([w.path, w.format, w.options ?? {}, w.fromUs ?? null, w.toUs ?? null]);
}

/**
 * Checks every distinct trace read of the runs: its files exist and parse (each read once with
 * its format's reader, whose errors name file:line). Returns the traces with their hashes and
 * the reader's skipped/dropped counts (for the manifest), sorted by path; a read that skipped
 * more than its `skipWarnShare` of rows adds a line to `warnings`.
 */
export async function checkTraces(
  runs: readonly TraceRun[],
  experimentFile: string,
  warnings: string[] = [],
): Promise<InputFile[]> {
  const specs = new Map<string, TraceWorkloadSpec>();
  for (const r of runs) {
    const w = r.config.workload as TraceWorkloadSpec;
    if (w.type === "trace" && w.path) specs.set(readKey(w), w);
  }
  const out: InputFile[] = [];
  for (const key of [...specs.keys()].sort()) {
    const w = specs.get(key) as TraceWorkloadSpec;
    const written = typeof w.path === "string" ? [w.path] : w.path;
    for (const p of written)
      if (!isGlob(p) && !existsSync(p))
        throw new InputError(`${experimentFile}: workload.trace: file not found: ${p}`);
    const read = await countTraceJobs(w);
    const skips = skipWarning(read, w.options ?? {});
    if (skips !== undefined) warnings.push(`${experimentFile}: workload.trace: ${skips}`);
    const several = read.files.length > 1 || written.length > 1 || written.some(isGlob);
    const entry: InputFile = {
      path: tracePathLabel(w.path),
      sha256: several ? await sha256Files(read.files) : await sha256File(read.files[0] ?? ""),
      format: w.format,
    };
    if (several) entry.files = read.files;
    if (Object.keys(read.skipped).length > 0) entry.skipped = sortedCounts(read.skipped);
    if (Object.keys(read.dropped).length > 0) entry.dropped = sortedCounts(read.dropped);
    if (read.notes) entry.notes = sortedCounts(read.notes);
    out.push({ ...entry, rows: read.rows, kinds: read.kinds });
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** What checking a trace workload needs of its read: the reader's counts and jobs by kind. */
type TraceCounts = Pick<TraceReadResult, "files" | "rows" | "allRows" | "skipped" | "dropped" | "notes"> & {
  /** Submitted jobs by kind. */
  kinds: Record<WorkloadKind, number>;
};

/**
 * A trace workload's read counts and its submitted jobs by kind. The native format (without
 * skipping) is visited job by job from its columns, so checking a large file does not make an
 * object per job; the other readers return their lists.
 */
async function countTraceJobs(w: TraceWorkloadSpec): Promise<TraceCounts> {
  const kinds: Record<WorkloadKind, number> = { batch: 0, service: 0 };
  const opts = traceReadOptions(w);
  if (streamsNatively(w)) {
    const read = await forEachCellsimJob(w.path, opts, (job) => {
      if (!job.prefill) kinds[job.kind]++;
    });
    return { files: read.files, rows: read.rows, skipped: read.skipped, dropped: read.dropped, kinds };
  }
  const read = await readTrace(w.format, w.path, opts);
  for (const job of read.jobs) kinds[job.kind]++;
  const { files, rows, allRows, skipped, dropped, notes } = read;
  return { files, rows, allRows, skipped, dropped, notes, kinds };
}

function sortedCounts(counts: ReasonCounts): ReasonCounts {
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * The files plug-in workload sources read (their `inputs`), each checked and hashed once: an
 * InputError names the source and the file when one is missing.
 */
export async function checkSourceInputs(
  runs: readonly { config: RunConfig }[],
  registry: Registry,
  experimentFile: string,
): Promise<InputFile[]> {
  const files = new Map<string, string>();
  for (const { config } of runs) {
    const w = config.workload;
    if (w.type !== "source") continue;
    for (const file of registry.workloads.require(w.name).inputs(w.fields, w.baseDir))
      files.set(file, w.name);
  }
  const out: InputFile[] = [];
  for (const [file, source] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (!existsSync(file)) {
      throw new InputError(
        `${experimentFile}: workload: file not found: ${file} (read by workload source "${source}")`,
      );
    }
    out.push({ path: file, sha256: await sha256File(file), source });
  }
  return out;
}
