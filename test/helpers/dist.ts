import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * Tests of the compiled output (the CLI as a subprocess, worker threads) need `dist/`. They fail
 * with this message when it is missing instead of skipping: a skipped end-to-end test looks like a
 * pass, and `npm test` always builds first, so a missing build is a mistake worth reporting.
 */
export const DIST_MISSING = "dist/ is missing: run `npm run build` (npm test builds first)";

/** Absolute path of a file under `dist/`, e.g. `distPath("src/cli/main.js")`. */
export function distPath(relative: string): string {
  return fileURLToPath(new URL(`../../dist/${relative}`, import.meta.url));
}

/** Throws {@link DIST_MISSING} (naming the file) unless `file` exists; call it from `beforeAll`. */
export function requireDist(file: string): void {
  if (!existsSync(file)) throw new Error(`${DIST_MISSING} (${file} not found)`);
}
