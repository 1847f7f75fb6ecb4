import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * src/ is the simulator and its generic report; studies (studies/<name>/) build on it. The eslint
 * rule on src/** (no-restricted-imports) catches static imports and re-exports; this also catches
 * a dynamic `import("…/studies/…")` with a literal path, which that rule does not see.
 */

const SRC = fileURLToPath(new URL("../../src", import.meta.url));
const STUDY_IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)["'`][^"'`]*\bstudies\//;

describe("import boundaries", () => {
  it("nothing in src/ imports studies/", () => {
    const files = readdirSync(SRC, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts"));
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.filter((f) => STUDY_IMPORT.test(readFileSync(path.join(SRC, f), "utf8")));
    expect(offenders).toEqual([]);
  });

  it("the pattern recognises the import forms it looks for", () => {
    expect(STUDY_IMPORT.test('import { x } from "../../studies/omega/claims.js";')).toBe(true);
    expect(STUDY_IMPORT.test('await import("../../studies/omega/reproduce.js")')).toBe(true);
    expect(STUDY_IMPORT.test('export * from "../studies/quasar/x.js";')).toBe(true);
    expect(STUDY_IMPORT.test('import { x } from "../report/index.js";')).toBe(false);
  });
});

/**
 * One simulator: no code path picks "the Quasar model" or "the cell model". A run is a run;
 * what differs is data (a cell with machine types, jobs with a performance model) and the
 * choices on the three axes (architecture, allocation, placement).
 */
const MODEL_SWITCH =
  /\bisQuasar\w*\b|\bmodel\s*===?\s*["'](?:cell|quasar)["']|\.model\s*!==?\s*["']|QuasarRunConfig|runQuasar/;

describe("one model", () => {
  it("nothing in src/ dispatches on a model kind", () => {
    const files = readdirSync(SRC, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts"));
    const offenders = files.filter((f) => MODEL_SWITCH.test(readFileSync(path.join(SRC, f), "utf8")));
    expect(offenders).toEqual([]);
  });

  it("the pattern recognises the switches it looks for", () => {
    expect(MODEL_SWITCH.test("if (isQuasarResults(results)) return;")).toBe(true);
    expect(MODEL_SWITCH.test('if (plan.model !== "cell") throw e;')).toBe(true);
    expect(MODEL_SWITCH.test('const quasar = kind.model === "quasar";')).toBe(true);
    expect(MODEL_SWITCH.test("const s = runQuasar(preset, spec, seed);")).toBe(true);
    expect(MODEL_SWITCH.test("if (summary.performance) rows.push(...rows);")).toBe(false);
  });
});
