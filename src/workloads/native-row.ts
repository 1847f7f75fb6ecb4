import { InputError } from "../engine/errors.js";
import type { JobSpec } from "../cluster/job.js";

/**
 * Header and row validation of the native trace CSV (see native-csv.ts). This is the reference
 * row parser: the fast path (native-fast.ts) reads plain rows itself and hands every row it
 * cannot read as plain numbers to this one, so messages come from one place.
 */

/** The required columns, in the order cellsim writes them. */
export const HEADER = [
  "job_id",
  "submit_s",
  "workload",
  "tasks",
  "cpus_per_task",
  "mem_gb_per_task",
  "duration_s",
] as const;

/**
 * The optional columns, in the order cellsim writes them after the required ones. A file
 * without one reads as if every row had it empty: not prefill, no GPUs, no priority, no gang.
 * cellsim always writes `prefill`, the other three only when some job needs them.
 */
export const OPTIONAL = ["prefill", "gpus_per_task", "priority", "gang"] as const;

/** A column of the native format. */
export type Column = (typeof HEADER)[number] | (typeof OPTIONAL)[number];
const KNOWN: ReadonlySet<string> = new Set<string>([...HEADER, ...OPTIONAL]);

/** Parses one data row (given its 1-based line number) into a JobSpec or throws InputError. */
export type RowParser = (line: number, record: readonly string[]) => JobSpec;

/** Where each column is in a file's rows, from its header. */
export interface NativeLayout {
  /** Number of fields every row must have. */
  width: number;
  /** Field position of each column present (the {@link OPTIONAL} ones may be absent). */
  index: ReadonlyMap<Column, number>;
}

/** Validates the header record and returns the parser for the data rows that follow it. */
export function makeRowParser(path: string, headerLine: number, header: readonly string[]): RowParser {
  return rowParserOf(path, readHeader(path, headerLine, header));
}

/**
 * The parser of a file's data rows. Duplicate ids are not checked here: a set of every id read
 * would grow with the file, not the jobs kept (native-kept.ts checks the jobs kept).
 */
export function rowParserOf(path: string, layout: NativeLayout): RowParser {
  const { width, index } = layout;
  const hasPrefill = index.has("prefill");
  const hasMore = OPTIONAL.some((c) => c !== "prefill" && index.has(c));
  return (line, record) => {
    if (record.length !== width)
      throw new InputError(`${path}:${line}: expected ${width} columns, got ${record.length}`);
    const cell = (c: Column) => record[index.get(c) ?? -1] ?? "";
    const fail = (c: Column, what: string): never => {
      throw new InputError(`${path}:${line}: ${what}, got "${cell(c)}" (column ${c})`);
    };
    const job = parseRow(cell, fail, hasPrefill);
    return hasMore ? withOptional(job, cell, fail) : job;
  };
}

/** Checks a header record: known columns only, none twice, every required one present. */
export function readHeader(path: string, line: number, header: readonly string[]): NativeLayout {
  const index = new Map<Column, number>();
  const where = `${path}:${line}: bad header`;
  header.forEach((name, i) => {
    if (!KNOWN.has(name))
      throw new InputError(
        `${where}: unknown column "${name}" (expected ${HEADER.join(",")} and optionally ${OPTIONAL.join(",")})`,
      );
    if (index.has(name as Column)) throw new InputError(`${where}: duplicate column "${name}"`);
    index.set(name as Column, i);
  });
  const missing = HEADER.filter((c) => !index.has(c));
  if (missing.length > 0) throw new InputError(`${where}: missing column(s) ${missing.join(", ")}`);
  return { width: header.length, index };
}

type Cell = (c: Column) => string;
type Fail = (c: Column, what: string) => never;

function parseRow(cell: Cell, fail: Fail, hasPrefill: boolean): JobSpec {
  const workload = cell("workload");
  if (workload !== "batch" && workload !== "service") fail("workload", "expected batch or service");
  const durationSec = number(cell, fail, "duration_s");
  if (durationSec <= 0) fail("duration_s", "expected a duration > 0");
  return {
    id: integer(cell, fail, "job_id", 0),
    submitUs: Math.round(number(cell, fail, "submit_s") * 1e6),
    kind: workload as "batch" | "service",
    tasks: integer(cell, fail, "tasks", 1),
    cpusPerTask: number(cell, fail, "cpus_per_task"),
    memGbPerTask: number(cell, fail, "mem_gb_per_task"),
    // A positive duration shorter than 0.5 µs still lasts one microsecond.
    durationUs: Math.max(1, Math.round(durationSec * 1e6)),
    prefill: hasPrefill ? flag(cell, fail) : false,
  };
}

/**
 * Adds the GPU, priority and gang columns (absent columns read as empty ones), in the key order
 * the synthetic generator gives them, so a generated workload reads back as the same JobSpecs.
 */
function withOptional(job: JobSpec, cell: Cell, fail: Fail): JobSpec {
  const priority =
    cell("priority") === "" ? undefined : integer(cell, fail, "priority", Number.MIN_SAFE_INTEGER);
  const gang = cell("gang") === "" ? false : flag(cell, fail, "gang");
  const gpus = cell("gpus_per_task") === "" ? 0 : number(cell, fail, "gpus_per_task");
  let out = job;
  if (priority !== undefined) out = { ...out, priority };
  if (gang) out = { ...out, gang: true };
  return gpus > 0 ? { ...out, resources: { gpus } } : out;
}

/** A finite number ≥ 0 (Number() alone would read "" as 0). */
function number(cell: Cell, fail: Fail, c: Column): number {
  const text = cell(c);
  const x = text === "" ? NaN : Number(text);
  if (!Number.isFinite(x) || x < 0) fail(c, "expected a finite number ≥ 0");
  return x;
}

function integer(cell: Cell, fail: Fail, c: Column, min: number): number {
  const x = Number(cell(c));
  if (cell(c) === "" || !Number.isSafeInteger(x) || x < min) fail(c, integerWanted(min));
  return x;
}

function integerWanted(min: number): string {
  if (min > 0) return "expected a positive integer";
  return min === 0 ? "expected an integer ≥ 0" : "expected an integer";
}

function flag(cell: Cell, fail: Fail, c: "prefill" | "gang" = "prefill"): boolean {
  const v = cell(c).toLowerCase();
  if (v === "1" || v === "true") return true;
  if (v === "0" || v === "false") return false;
  return fail(c, "expected 0, 1, true or false");
}
