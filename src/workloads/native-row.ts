import { InputError } from "../engine/errors.js";
import type { JobSpec } from "../cluster/job.js";

/** Header and row validation of the native trace CSV (see native-csv.ts). */

/** The required columns, in the order cellsim writes them (`prefill` is optional). */
export const HEADER = [
  "job_id",
  "submit_s",
  "workload",
  "tasks",
  "cpus_per_task",
  "mem_gb_per_task",
  "duration_s",
] as const;

type Column = (typeof HEADER)[number] | "prefill";
const KNOWN: ReadonlySet<string> = new Set<string>([...HEADER, "prefill"]);

/** Parses one data row (given its 1-based line number) into a JobSpec or throws InputError. */
export type RowParser = (line: number, record: readonly string[]) => JobSpec;

/** Validates the header record and returns the parser for the data rows that follow it. */
export function makeRowParser(path: string, headerLine: number, header: readonly string[]): RowParser {
  const index = headerIndex(path, headerLine, header);
  const seenIds = new Set<number>();
  return (line, record) => {
    if (record.length !== header.length)
      throw new InputError(`${path}:${line}: expected ${header.length} columns, got ${record.length}`);
    const cell = (c: Column) => record[index.get(c) ?? -1] ?? "";
    const fail = (c: Column, what: string): never => {
      throw new InputError(`${path}:${line}: ${what}, got "${cell(c)}" (column ${c})`);
    };
    const job = parseRow(cell, fail, index.has("prefill"));
    if (seenIds.has(job.id)) fail("job_id", "duplicate job_id");
    seenIds.add(job.id);
    return job;
  };
}

function headerIndex(path: string, line: number, header: readonly string[]): Map<Column, number> {
  const index = new Map<Column, number>();
  const where = `${path}:${line}: bad header`;
  header.forEach((name, i) => {
    if (!KNOWN.has(name))
      throw new InputError(`${where}: unknown column "${name}" (expected ${HEADER.join(",")}[,prefill])`);
    if (index.has(name as Column)) throw new InputError(`${where}: duplicate column "${name}"`);
    index.set(name as Column, i);
  });
  const missing = HEADER.filter((c) => !index.has(c));
  if (missing.length > 0) throw new InputError(`${where}: missing column(s) ${missing.join(", ")}`);
  return index;
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

/** A finite number ≥ 0 (Number() alone would read "" as 0). */
function number(cell: Cell, fail: Fail, c: Column): number {
  const text = cell(c);
  const x = text === "" ? NaN : Number(text);
  if (!Number.isFinite(x) || x < 0) fail(c, "expected a finite number ≥ 0");
  return x;
}

function integer(cell: Cell, fail: Fail, c: Column, min: number): number {
  const x = Number(cell(c));
  if (cell(c) === "" || !Number.isSafeInteger(x) || x < min)
    fail(c, min > 0 ? "expected a positive integer" : "expected an integer ≥ 0");
  return x;
}

function flag(cell: Cell, fail: Fail): boolean {
  const v = cell("prefill").toLowerCase();
  if (v === "1" || v === "true") return true;
  if (v === "0" || v === "false") return false;
  return fail("prefill", "expected 0, 1, true or false");
}
