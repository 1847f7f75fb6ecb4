import { parse as parseCsvSync } from "csv-parse/sync";
import { InputError } from "../../engine/errors.js";
import { countReason, type ReasonCounts } from "./types.js";

/**
 * Row-level helpers shared by the readers: splitting a line into fields and deciding what an
 * unusable row does — an InputError naming `file:line` and why (the default), or, with
 * `skipInvalid`, a count under its reason (the counts go to the manifest).
 */

/**
 * Splits a CSV line. Lines with a quote go through csv-parse; plain lines are split directly.
 * A row is one line here, so a quote the line does not close is a RowProblem ("unterminated
 * quote") of that line, as is any other bad quoting: the caller names the line or, with
 * skipInvalid, skips the row and reads on.
 */
export function splitCsvLine(line: string): string[] {
  if (!line.includes('"')) return line.split(",");
  try {
    const records = parseCsvSync(line, { relax_column_count: true }) as string[][];
    return records[0] ?? [];
  } catch (err) {
    throw quotingProblem(err);
  }
}

/** The unusable-row reason of a quote that is opened and never closed. */
export const UNTERMINATED_QUOTE = "unterminated quote";

function quotingProblem(err: unknown): unknown {
  const e = err as { code?: unknown; message?: string };
  if (e.code === "CSV_QUOTE_NOT_CLOSED")
    return new RowProblem(UNTERMINATED_QUOTE, "a quoted field is not closed on its line");
  if (typeof e.code !== "string" || !e.code.startsWith("CSV_")) return err;
  // csv-parse counts the one line it was given: its "at line 1" would mislead.
  return new RowProblem("malformed CSV quoting", (e.message ?? "").replace(/ at line \d+/g, ""));
}

/** Splits a line on runs of whitespace (SWF), ignoring leading and trailing blanks. */
export function splitWhitespace(line: string): string[] {
  const trimmed = line.trim();
  return trimmed === "" ? [] : trimmed.split(/\s+/);
}

/** Thrown by a row check to abandon the row; {@link RowIssues.guard} turns it into the policy. */
export class RowProblem extends Error {
  /** `reason` is the count key (no row values); `detail` adds the offending value to the message. */
  constructor(
    readonly reason: string,
    readonly detail = "",
  ) {
    super(detail ? `${reason}: ${detail}` : reason);
  }
}

/** Ends the message of a row strict mode refuses: how to skip such rows instead. */
export const SKIP_HINT = "(use skipInvalid / --skip-invalid to skip such rows)";

/** Unusable-row policy of one read: fail (default) or skip and count. */
export class RowIssues {
  readonly skipped: ReasonCounts = {};

  constructor(private readonly skipInvalid: boolean) {}

  /** Fails with `file:line: reason` or counts the reason; returns so the caller can skip the row. */
  invalid(file: string, line: number, reason: string, detail = ""): void {
    if (!this.skipInvalid) {
      const why = detail ? `${reason}: ${detail}` : reason;
      throw new InputError(`${file}:${line}: ${why} ${SKIP_HINT}`);
    }
    countReason(this.skipped, reason);
  }

  /** Runs `parse`; a RowProblem becomes {@link invalid} and the result `undefined`. */
  guard<T>(file: string, line: number, parse: () => T): T | undefined {
    try {
      return parse();
    } catch (err) {
      if (!(err instanceof RowProblem)) throw err;
      this.invalid(file, line, err.reason, err.detail);
      return undefined;
    }
  }
}

/** An integer field ≥ `min`; anything else is a RowProblem naming the column. */
export function intField(fields: readonly string[], i: number, column: string, min = 0): number {
  const text = fields[i] ?? "";
  const x = text === "" ? NaN : Number(text);
  if (!Number.isSafeInteger(x) || x < min)
    throw new RowProblem(`bad ${column}`, `"${text}" (column ${i + 1})`);
  return x;
}

/** A finite number field ≥ `min`; empty gives `empty` when allowed, else a RowProblem. */
export function numField(
  fields: readonly string[],
  i: number,
  column: string,
  opts: { min?: number; empty?: number } = {},
): number {
  const text = fields[i] ?? "";
  if (text === "" && opts.empty !== undefined) return opts.empty;
  const x = text === "" ? NaN : Number(text);
  if (!Number.isFinite(x) || x < (opts.min ?? 0))
    throw new RowProblem(`bad ${column}`, `"${text}" (column ${i + 1})`);
  return x;
}

/** Requires exactly `n` fields. */
export function expectColumns(fields: readonly string[], n: number): void {
  if (fields.length !== n) throw new RowProblem(`expected ${n} columns`, `got ${fields.length}`);
}
