import { InputError } from "../../engine/errors.js";
import { intField, numField, RowProblem } from "./rows.js";
import type { CsvScanner } from "./scan.js";

/**
 * Field access for the Google 2019 exports, which name their columns (BigQuery writes a header
 * row in every CSV shard, and JSON lines name every field): a CSV header becomes the column
 * positions of the fields a table needs, and a CSV line is read through the allocation-free
 * {@link CsvScanner} (or, for a line with quotes, through its split fields).
 */

/** What the row parsers read a CSV line through: the scanner, or {@link SplitFields} for quoted lines. */
export type CsvFields = Pick<CsvScanner, "count" | "empty" | "int" | "num" | "text" | "width">;

/** The fields of a split (quoted) line, read like the scanner reads a plain one. */
export class SplitFields implements CsvFields {
  constructor(private readonly f: readonly string[]) {}

  get count(): number {
    return this.f.length;
  }

  empty(i: number): boolean {
    return (this.f[i] ?? "") === "";
  }

  int(i: number, column: string): number {
    return intField(this.f, i, column);
  }

  num(i: number, column: string, empty?: number): number {
    return numField(this.f, i, column, empty === undefined ? {} : { empty });
  }

  text(i: number): string {
    return this.f[i] ?? "";
  }

  width(i: number): number {
    return this.text(i).length;
  }
}

/**
 * A header row's column names: lower case, a UTF-8 BOM dropped, and a dot read as an underscore
 * (`resource_request.cpus` = `resource_request_cpus`, the name BigQuery can give a column).
 */
export function headerNames(line: string): string[] {
  return line
    .replace(/^\uFEFF/, "")
    .split(",")
    .map((name) => name.trim().replace(/^"|"$/g, "").toLowerCase().replace(/\./g, "_"));
}

/**
 * Positions of `columns` in a header row (`file` line 1). A missing column is an InputError
 * naming the file, the column and the header's names.
 */
export function columnPositions<K extends string>(
  header: readonly string[],
  columns: readonly K[],
  file: string,
  table: string,
): Record<K, number> {
  const at = {} as Record<K, number>;
  for (const column of columns) {
    const i = header.indexOf(column);
    if (i < 0)
      throw new InputError(
        `${file}:1: ${table} header has no column "${column}" (it has: ${header.join(", ")}); ` +
          `export the columns of the SQL in docs/traces.md, google-2019`,
      );
    at[column] = i;
  }
  return at;
}

/** An optional integer field in [0, max]: empty (NULL in BigQuery's CSV) → −1. */
export function optionalCsvInt(s: CsvFields, i: number, column: string, max: number): number {
  if (s.empty(i)) return -1;
  const x = s.int(i, column);
  if (x > max) throw new RowProblem(`bad ${column}`, `"${s.text(i)}" (expected 0–${max})`);
  return x;
}

/** The number count of CSV columns, checked against the header's. */
export function expectCsvColumns(s: CsvFields, n: number): void {
  if (s.count !== n) throw new RowProblem(`expected ${n} columns (as the header)`, `got ${s.count}`);
}
