// Types of sqlite-from-sql.mjs (plain JavaScript, so that it runs without a build), for the tests
// that import it.

/** Runs `sql` in an empty database and returns the database file's bytes. */
export function sqliteFromSql(sql: string): Promise<Uint8Array>;
