import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { compareGoldens, hashResults, readGoldens } from "../../scripts/goldens.js";
import { OMEGA_STUDIES } from "../../studies/omega/claims.js";

/** The comparison behind `npm run check:goldens` (scripts/check-goldens.ts). */

function studyDir(results: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "cellsim-goldens-"));
  for (const [name, text] of Object.entries(results)) {
    mkdirSync(path.join(dir, name));
    writeFileSync(path.join(dir, name, "results.json"), text);
  }
  return dir;
}

describe("compareGoldens", () => {
  const original = { "exp-a": '{"runs":[1]}\n', "exp-b": '{"runs":[2]}\n' };

  it("passes when every results.json matches", () => {
    const dir = studyDir(original);
    const goldens = hashResults(dir);
    expect(Object.keys(goldens)).toEqual(["exp-a", "exp-b"]);
    expect(compareGoldens(goldens, dir)).toEqual([]);
  });

  it("fails on one changed byte, naming the experiment", () => {
    const goldens = hashResults(studyDir(original));
    const dir = studyDir({ ...original, "exp-b": '{"runs":[3]}\n' });
    const problems = compareGoldens(goldens, dir);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^exp-b: results.json changed/);
  });

  it("fails on a missing results.json and on an experiment without a golden hash", () => {
    const goldens = hashResults(studyDir(original));
    const dir = studyDir(original);
    rmSync(path.join(dir, "exp-a", "results.json"));
    writeFileSync(path.join(dir, "exp-a", "other.json"), "{}");
    expect(compareGoldens(goldens, dir)).toEqual(["exp-a: results.json missing"]);
    const extra = studyDir({ ...original, "exp-c": "{}\n" });
    expect(compareGoldens(goldens, extra)).toEqual([
      "exp-c: no golden hash (a new experiment? see --update)",
    ]);
  });

  it("the committed golden file names every quick Omega experiment", () => {
    const file = fileURLToPath(new URL("../golden/omega-quick.sha256.json", import.meta.url));
    const names = OMEGA_STUDIES.map((s) => s.name).sort();
    expect(Object.keys(readGoldens(file)).sort()).toEqual(names);
  });
});
