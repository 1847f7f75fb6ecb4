import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { InputError } from "../../engine/errors.js";

/**
 * Trace inputs given as a list of paths and/or globs. A glob may use `*` and `?` in the file
 * name only (`traces/g/task_events-*.csv.gz`); its matches are sorted by name, which for the
 * Google shards (`part-00000-of-00500`, …) is time order. Node 20 has no fs.glob, and a
 * file-name pattern is all shard lists need.
 */

/** True if `p` contains glob characters. */
export function isGlob(p: string): boolean {
  return /[*?]/.test(p);
}

/** Expands globs (each sorted by name) and keeps plain paths as given, in input order. */
export function expandTracePaths(inputs: string | readonly string[]): string[] {
  const list = typeof inputs === "string" ? [inputs] : inputs;
  if (list.length === 0) throw new InputError("no trace files given");
  return list.flatMap((p) => (isGlob(p) ? expandGlob(p) : [p]));
}

function expandGlob(pattern: string): string[] {
  const dir = path.dirname(pattern);
  if (isGlob(dir)) throw new InputError(`${pattern}: globs may use * and ? in the file name only`);
  const re = new RegExp(
    `^${path
      .basename(pattern)
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".")}$`,
  );
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    throw new InputError(`${pattern}: folder not found: ${dir}`);
  }
  const matches = names
    .filter((n) => re.test(n))
    .sort()
    .map((n) => path.join(dir, n))
    .filter((p) => statSync(p).isFile());
  if (matches.length === 0) throw new InputError(`${pattern}: no file matches`);
  return matches;
}
