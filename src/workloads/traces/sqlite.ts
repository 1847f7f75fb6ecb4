import { readFileSync } from "node:fs";
import initSqlJs, { type Database, type SqlJsStatic, type SqlValue } from "sql.js";
import { InputError } from "../../engine/errors.js";
import { RowProblem } from "./rows.js";

/**
 * Reading trace tables from a SQLite file with sql.js: SQLite compiled to WebAssembly, so it
 * installs from the npm registry alone (no native build, no prebuilt binary to download) and
 * loads its `.wasm` from its own package folder. sql.js works on an in-memory database: the whole
 * file is read and copied into it when opened, so a read costs about the file's size in memory
 * (twice, briefly, while the copy is made) on top of what the reader keeps. Rows are stepped one
 * at a time through a prepared statement, so the JavaScript side holds only the current row.
 */

/** The first 16 bytes of every SQLite 3 database file. */
const SQLITE_MAGIC = "SQLite format 3\0";
/** The first bytes of a zip archive (the Azure trace is published zipped). */
const ZIP_MAGIC = "PK\u0003\u0004";

let engine: Promise<SqlJsStatic> | undefined;

/** Opens `file` (read whole into memory); a missing or non-SQLite file is an InputError naming it. */
export async function openSqlite(file: string): Promise<Database> {
  const bytes = readWhole(file);
  const head = bytes.subarray(0, 16).toString("latin1");
  if (head.startsWith(ZIP_MAGIC))
    throw new InputError(
      `${file}: a zip archive, not a SQLite database: unzip it and give the .sqlite file inside`,
    );
  if (head !== SQLITE_MAGIC)
    throw new InputError(`${file}: not a SQLite database (it does not start with "SQLite format 3")`);
  engine ??= initSqlJs();
  const sql = await engine;
  return new sql.Database(bytes);
}

function readWhole(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new InputError(`${file}: file not found`);
    throw new InputError(`${file}: cannot read: ${(err as Error).message}`);
  }
}

/**
 * Requires table `table` with (at least) `columns`; SQLite compares names case-insensitively,
 * and so does this check. Errors name the file and list what it has instead.
 */
export function requireTable(db: Database, file: string, table: string, columns: readonly string[]): void {
  const info = query(db, file, `PRAGMA table_info("${table}")`);
  if (info.length === 0) {
    const tables = query(db, file, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    const names = tables.map((r) => String(r[0]));
    throw new InputError(
      `${file}: no table "${table}" (the file has ${names.length > 0 ? names.join(", ") : "no tables"})`,
    );
  }
  const have = info.map((r) => String(r[1]));
  const lower = new Set(have.map((c) => c.toLowerCase()));
  const missing = columns.filter((c) => !lower.has(c.toLowerCase()));
  if (missing.length > 0)
    throw new InputError(
      `${file}: table ${table} has no column ${missing.map((c) => `"${c}"`).join(", ")} (its columns: ${have.join(", ")})`,
    );
}

/** Every row of a (small) query's result. */
function query(db: Database, file: string, sql: string): SqlValue[][] {
  const rows: SqlValue[][] = [];
  forEachRow(db, file, sql, (row) => void rows.push(row));
  return rows;
}

/**
 * Steps `sql` row by row, calling `visit(values, n)` with the 1-based position n of the row in
 * the result; returns the number of rows. SQLite's own errors (a damaged file) become an
 * InputError naming the file; errors thrown by `visit` pass through unchanged.
 */
export function forEachRow(
  db: Database,
  file: string,
  sql: string,
  visit: (values: SqlValue[], n: number) => void,
): number {
  const statement = sqlite(file, () => db.prepare(sql));
  let n = 0;
  try {
    for (;;) {
      let more: boolean;
      try {
        more = statement.step();
      } catch (err) {
        throw new InputError(`${file}: SQLite: ${(err as Error).message}`);
      }
      if (!more) return n;
      visit(statement.get(), ++n);
    }
  } finally {
    statement.free();
  }
}

function sqlite<T>(file: string, call: () => T): T {
  try {
    return call();
  } catch (err) {
    throw new InputError(`${file}: SQLite: ${(err as Error).message}`);
  }
}

/** A cell as a message shows it: `NULL`, `TEXT "…"`, `BLOB (n bytes)` or the number. */
export function describeCell(value: SqlValue): string {
  if (value === null) return "NULL";
  if (typeof value === "string") return `TEXT "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (typeof value === "number") return String(value);
  return `BLOB (${value.length} bytes)`;
}

/** An integer cell ≥ `min`; anything else (TEXT, BLOB, NULL, a fraction) is a RowProblem naming the column. */
export function intCell(value: SqlValue, column: string, min = 0): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min)
    throw new RowProblem(`bad ${column}`, describeCell(value));
  return value;
}

/** A finite number cell (INTEGER or REAL); anything else is a RowProblem naming the column. */
export function numCell(value: SqlValue, column: string): number {
  if (typeof value !== "number" || !Number.isFinite(value))
    throw new RowProblem(`bad ${column}`, describeCell(value));
  return value;
}
