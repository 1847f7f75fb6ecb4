import { InputError } from "../../engine/errors.js";

/**
 * Checks over one whole read of a trace table, after its last row: a table with no data row is
 * an error, as an empty native trace is ("empty file: expected the header …"). A data row is any
 * row the reader counts — blank lines (and SWF's `;` comments) are not rows, rows later skipped
 * as unusable are. A table read from several files (shards, a list) is empty only if none of
 * them has a row: a shard of a quiet hour may hold nothing, and the trace is still whole.
 */

/** Files named in one message: all of a few, else the first and the last. */
export function fileList(files: readonly string[]): string {
  if (files.length <= 3) return files.join(", ");
  return `${files[0] ?? ""}, …, ${files[files.length - 1] ?? ""}`;
}

/**
 * Throws an InputError if `rows` is 0: `file: empty file: expected <what>` for one file, or the
 * files and their count for several. `what` says what a row looks like (e.g. "task_events rows
 * (13 comma-separated columns)").
 */
export function requireRows(files: readonly string[], rows: number, what: string): void {
  if (rows > 0) return;
  if (files.length === 1) throw new InputError(`${files[0] ?? ""}: empty file: expected ${what}`);
  throw new InputError(
    `${fileList(files)}: empty trace: none of the ${files.length} files has a row; expected ${what}`,
  );
}
