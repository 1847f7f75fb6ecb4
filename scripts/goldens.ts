import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/**
 * Golden hashes of a study's results: experiment name → sha256 of its `results.json`. Results are
 * a pure function of the experiment files and the code, so any change to these bytes is a change
 * of results, which must be deliberate (and recorded by updating the golden file).
 */
export type Goldens = Record<string, string>;

/** Hex sha256 of a file's bytes. */
export function sha256File(file: string): string {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}

/** The experiments under `dir` that have a results.json, by name. */
export function experimentsIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(path.join(dir, e.name, "results.json")))
    .map((e) => e.name)
    .sort();
}

/** Current hashes of every experiment's results.json under `dir`, sorted by name. */
export function hashResults(dir: string): Goldens {
  const out: Goldens = {};
  for (const name of experimentsIn(dir)) out[name] = sha256File(path.join(dir, name, "results.json"));
  return out;
}

/**
 * One line per experiment whose results.json under `dir` is missing, differs from its golden
 * hash, or has no golden hash at all; empty when everything matches.
 */
export function compareGoldens(goldens: Goldens, dir: string): string[] {
  const actual = hashResults(dir);
  const problems: string[] = [];
  for (const [name, want] of Object.entries(goldens).sort(([a], [b]) => a.localeCompare(b))) {
    const got = actual[name];
    if (got === undefined) problems.push(`${name}: results.json missing`);
    else if (got !== want) problems.push(`${name}: results.json changed (sha256 ${got}, golden ${want})`);
  }
  for (const name of Object.keys(actual)) {
    if (!(name in goldens)) problems.push(`${name}: no golden hash (a new experiment? see --update)`);
  }
  return problems;
}

/** Reads a golden file: a JSON object of experiment name → 64-hex-digit sha256. */
export function readGoldens(file: string): Goldens {
  const raw: unknown = JSON.parse(readFileSync(file, "utf8"));
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new Error(`${file}: expected an object of experiment name → sha256`);
  }
  for (const [name, hash] of Object.entries(raw)) {
    if (typeof hash !== "string" || !/^[0-9a-f]{64}$/.test(hash)) {
      throw new Error(`${file}: ${name}: expected a sha256 in hex`);
    }
  }
  if (Object.keys(raw).length === 0) throw new Error(`${file}: no golden hashes`);
  return raw as Goldens;
}
