import { InputError } from "../../engine/errors.js";
import { headerNames, SplitFields, type CsvFields } from "./google-2019-fields.js";
import { jsonObject } from "./google-2019-json.js";
import { forEachLineBytes } from "./lines.js";
import { RowIssues, RowProblem, splitCsvLine } from "./rows.js";
import { CsvScanner } from "./scan.js";

/**
 * Rows of one Google 2019 table as BigQuery exports it, file by file: each file is CSV with a
 * header row (BigQuery writes one in every shard) or newline-delimited JSON, told apart by its
 * first non-empty line (`{` starts a JSON object). Shards may mix both; `.gz` is read as gzip.
 * An unusable row goes to the read's {@link RowIssues} (file:line, or counted with skipInvalid).
 */

/** How to read one table's rows from either export format. */
export interface ExportTable<T> {
  /** Table name for messages ("instance_events"). */
  readonly name: string;
  /** The CSV row reader for a file with this header (an InputError if a column is missing). */
  csv(header: readonly string[], file: string): (fields: CsvFields, width: number) => T;
  /** Reads a JSON row. */
  json(row: Record<string, unknown>): T;
}

/**
 * Called per row with its file and line; return false to stop reading. A RowProblem thrown here
 * (e.g. a row out of time order) is handled like an unparsable row.
 */
export type ExportRowVisitor<T> = (row: T, lineNo: number, file: string) => boolean | void;

/** Reads `files` in order; returns the number of data rows (headers and empty lines excluded). */
export async function forEachExportRow<T>(
  files: readonly string[],
  table: ExportTable<T>,
  issues: RowIssues,
  visit: ExportRowVisitor<T>,
): Promise<number> {
  let rows = 0;
  let file = "";
  let mode: "csv" | "json" | undefined;
  let scanner = new CsvScanner(1);
  let width = 0;
  let readCsv: ((fields: CsvFields, width: number) => T) | undefined;
  await forEachLineBytes(files, (bytes, start, end, lineNo, name) => {
    if (name !== file) {
      file = name;
      mode = undefined;
    }
    if (start === end) return;
    if (mode === undefined) {
      const first = bytes.toString("utf8", start, end).replace(/^\uFEFF/, "");
      if (first.trim() === "") return;
      if (!first.trimStart().startsWith("{")) {
        const header = headerNames(first);
        readCsv = table.csv(header, file);
        width = header.length;
        scanner = new CsvScanner(width);
        mode = "csv";
        return;
      }
      mode = "json";
    }
    rows++;
    try {
      let row: T;
      if (mode === "json") {
        const text = bytes.toString("utf8", start, end);
        row = table.json(jsonObject(lineNo === 1 ? text.replace(/^\uFEFF/, "") : text));
      } else if (scanner.scanBytes(bytes, start, end))
        row = (readCsv as NonNullable<typeof readCsv>)(scanner, width);
      else {
        const fields = new SplitFields(splitCsvLine(bytes.toString("utf8", start, end)));
        row = (readCsv as NonNullable<typeof readCsv>)(fields, width);
      }
      return visit(row, lineNo, file);
    } catch (err) {
      if (!(err instanceof RowProblem)) throw err;
      issues.invalid(file, lineNo, err.reason, err.detail);
    }
  });
  if (rows === 0) throw new InputError(`${files.join(", ")}: no ${table.name} rows (empty file)`);
  return rows;
}
