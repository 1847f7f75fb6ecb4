/**
 * Builds a SQLite database from a SQL script with sql.js (the WASM SQLite the azure-packing-2020
 * reader uses), so SQLite test fixtures are reviewed as text and rebuilt from it:
 *
 *   node scripts/sqlite-from-sql.mjs in.sql out.sqlite
 *
 * Tests import `sqliteFromSql` to build malformed variants in a temporary folder. Plain
 * JavaScript, so it runs without a build.
 */
import { readFileSync, writeFileSync } from "node:fs";
import process from "node:process";
import { fileURLToPath } from "node:url";
import initSqlJs from "sql.js";

/** Runs `sql` in an empty database and returns the database file's bytes. */
export async function sqliteFromSql(sql) {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  try {
    db.run(sql);
    return db.export();
  } finally {
    db.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [input, output] = process.argv.slice(2);
  if (!input || !output) {
    process.stderr.write("usage: node scripts/sqlite-from-sql.mjs in.sql out.sqlite\n");
    process.exit(2);
  }
  writeFileSync(output, await sqliteFromSql(readFileSync(input, "utf8")));
}
