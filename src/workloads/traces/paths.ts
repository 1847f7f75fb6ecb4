import { existsSync } from "node:fs";
import path from "node:path";
import { globSync, isDynamicPattern } from "tinyglobby";
import { InputError } from "../../engine/errors.js";

/**
 * Trace inputs given as a list of paths and/or globs. Globs are the standard ones (`*`, `?`,
 * `[2-5]`, `{a,b}`, `**`), anywhere in the path, matched by tinyglobby; a glob's matches are
 * sorted by path (plain code-unit order, so the same on every machine), which for sharded traces
 * (`part-00000-of-00500`, …) is time order. Plain paths are kept as given, in input order.
 */

/**
 * True if `p` contains glob syntax (`*`, `?`, `[…]`, `{…}`, …) and is not the name of an existing
 * file (a file literally named `run(1).csv` is read as that file, not as a pattern).
 */
export function isGlob(p: string): boolean {
  return isDynamicPattern(p) && !existsSync(p);
}

/** Expands globs (each sorted by path) and keeps plain paths as given, in input order. */
export function expandTracePaths(inputs: string | readonly string[]): string[] {
  const list = typeof inputs === "string" ? [inputs] : inputs;
  if (list.length === 0) throw new InputError("no trace files given");
  return list.flatMap((p) => (isGlob(p) ? expandGlob(p) : [p]));
}

/** One line naming a trace input: its path, or its paths joined by ", ". */
export function tracePathLabel(inputs: string | readonly string[]): string {
  return typeof inputs === "string" ? inputs : inputs.join(", ");
}

/**
 * The glob's leading folders without glob syntax become the search's cwd and are joined back onto
 * each match, so matches keep the prefix the user wrote (`../x/`, `/data/`) instead of being
 * rewritten relative to the current directory.
 */
function expandGlob(pattern: string): string[] {
  const parts = pattern.split("/");
  const firstGlob = parts.findIndex((part) => isDynamicPattern(part));
  const base = parts.slice(0, firstGlob).join("/") || (pattern.startsWith("/") ? "/" : ".");
  const rest = parts.slice(firstGlob).join("/");
  const matches = globSync(rest, { cwd: base, onlyFiles: true, expandDirectories: false })
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((m) => (firstGlob === 0 ? m : path.join(base, m)));
  if (matches.length === 0) throw new InputError(`${pattern}: no file matches`);
  return matches;
}
