import { AFTER_TRACE_US } from "./google-rows.js";
import { RowProblem } from "./rows.js";

/**
 * Field access for BigQuery's newline-delimited JSON export: one object per line, nested records
 * as objects (`resource_request: {cpus, memory}`), repeated fields as arrays, NULL fields left
 * out, and INT64 values written as strings ("600000000") to keep their 64 bits — so an integer
 * field is read from a string or a number.
 */

/** A parsed JSON line; a RowProblem if the line is not a JSON object. */
export function jsonObject(line: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    throw new RowProblem("not valid JSON", (err as Error).message);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new RowProblem("not a JSON object", line.slice(0, 40));
  return value as Record<string, unknown>;
}

/** The value at a dotted path (`resource_request.cpus`); undefined if absent or null. */
export function jsonAt(row: Record<string, unknown>, path: string): unknown {
  let value: unknown = row;
  for (const key of path.split(".")) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value ?? undefined;
}

function numberOf(value: unknown): number {
  if (typeof value === "number") return value;
  if (typeof value === "string" && value.trim() !== "") return Number(value);
  return NaN;
}

/** An integer field in [0, max]; absent → `absent` if given, else a RowProblem naming the field. */
export function jsonInt(row: Record<string, unknown>, path: string, max: number, absent?: number): number {
  const value = jsonAt(row, path);
  if (value === undefined) {
    if (absent !== undefined) return absent;
    throw new RowProblem(`missing ${path}`);
  }
  const x = numberOf(value);
  if (!Number.isSafeInteger(x) || x < 0 || x > max)
    throw new RowProblem(`bad ${path}`, `${JSON.stringify(value)} (expected an integer 0–${max})`);
  return x;
}

/** A number field ≥ 0; absent → `absent`. */
export function jsonNum(row: Record<string, unknown>, path: string, absent: number): number {
  const value = jsonAt(row, path);
  if (value === undefined) return absent;
  const x = numberOf(value);
  if (!Number.isFinite(x) || x < 0) throw new RowProblem(`bad ${path}`, JSON.stringify(value));
  return x;
}

/** The `time` field, µs: 2^63 − 1 (as a string, or a number that rounded up to 2^63) → AFTER_TRACE_US. */
export function jsonTime(row: Record<string, unknown>): number {
  const value = jsonAt(row, "time");
  const x = numberOf(value);
  if (x >= AFTER_TRACE_US) return AFTER_TRACE_US;
  if (!Number.isSafeInteger(x) || x < 0)
    throw new RowProblem("bad time", value === undefined ? "missing" : JSON.stringify(value));
  return x;
}

/** A repeated INT64 field (an array of strings or numbers); absent → []. */
export function jsonIds(row: Record<string, unknown>, path: string): number[] {
  const value = jsonAt(row, path);
  if (value === undefined) return [];
  if (!Array.isArray(value))
    throw new RowProblem(`bad ${path}`, `${JSON.stringify(value)} (expected a list)`);
  return value.map((v) => {
    const x = numberOf(v);
    if (!Number.isSafeInteger(x) || x < 0) throw new RowProblem(`bad ${path}`, JSON.stringify(v));
    return x;
  });
}
