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

/** Default of `skipWarnShare`: warn when skipInvalid skipped more than half of a trace's rows. */
export const DEFAULT_SKIP_WARN_SHARE = 0.5;

/** What {@link skipWarning} needs of a read. */
export interface SkipCounts {
  files: readonly string[];
  rows: number;
  /** Rows of every table read, when more than `rows` counts (google-2011 with job_events). */
  allRows?: number;
  skipped: Readonly<Record<string, number>>;
}

/**
 * The one-line warning for a skipInvalid read that skipped more than `skipWarnShare` (default
 * 0.5) of its rows, else undefined. So many unusable rows usually mean a wrong format or option
 * (`--format`, a shifted column), not a few damaged lines; the run goes on, since the user asked
 * to skip. Never for a strict read (it skips nothing: it stops at the first such row). It names
 * the file(s), the share and the three most frequent reasons.
 */
export function skipWarning(
  read: SkipCounts,
  opts: { skipInvalid?: boolean; skipWarnShare?: number },
): string | undefined {
  if (!opts.skipInvalid) return undefined;
  const skipped = Object.values(read.skipped).reduce((a, b) => a + b, 0);
  const rows = Math.max(read.allRows ?? read.rows, skipped);
  const limit = opts.skipWarnShare ?? DEFAULT_SKIP_WARN_SHARE;
  if (rows === 0 || skipped / rows <= limit) return undefined;
  const top = Object.entries(read.skipped)
    .sort(([a, m], [b, n]) => n - m || (a < b ? -1 : a > b ? 1 : 0))
    .map(([reason, n]) => `${n} ${reason}`);
  const reasons = top.length > 3 ? [...top.slice(0, 3), "…"] : top;
  return (
    `${fileList(read.files)}: skipInvalid skipped ${skipped} of ${rows} rows (${percent(skipped / rows)}, ` +
    `more than skipWarnShare ${percent(limit)}): ${reasons.join(", ")}; is the format or an option wrong?`
  );
}

/** 0.6667 → "66.7%", 0.5 → "50%". */
function percent(share: number): string {
  return `${Number((share * 100).toFixed(1))}%`;
}
