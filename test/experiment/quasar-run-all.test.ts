import { readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { planFromJson } from "../../src/experiment/plan.js";
import type { ResultsFile } from "../../src/experiment/results-types.js";
import { runAll } from "../../src/experiment/run-all.js";
import { BATCH_QUARTER, POLICIES, studyExperiment } from "../quasar/helpers.js";
import { distPath, requireDist } from "../helpers/dist.js";
import { tempDir } from "./helpers.js";

/** Quasar-study runs through the worker pool (needs a build: `npm test` builds first). */
describe("runAll on a Quasar-study experiment", () => {
  beforeAll(() => requireDist(distPath("src/experiment/worker.js")));

  it("writes byte-identical results with --jobs 1 and --jobs 2, and resumes", async () => {
    const plan = () => planFromJson(studyExperiment(BATCH_QUARTER, { seeds: [3] }), "q.json");
    const [a, b] = [await tempDir(), await tempDir()];
    const first = await runAll(plan(), { outDir: a, jobs: 1 });
    const second = await runAll(plan(), { outDir: b, jobs: 2 });
    // --jobs 1 runs in this process, --jobs 2 on worker threads: the same bytes either way.
    expect([first.executor, second.executor]).toEqual(["in-process", "workers"]);
    const read = (dir: string, f: string) => readFile(path.join(dir, f), "utf8");
    expect(await read(a, "results.json")).toBe(await read(b, "results.json"));
    expect(await read(a, "results.csv")).toBe(await read(b, "results.csv"));
    const results = JSON.parse(await read(a, "results.json")) as ResultsFile;
    expect(results.runs.map((r) => r.summary.performance?.policy)).toEqual(POLICIES.map(([name]) => name));
    const first0 = results.runs[0]!.summary as unknown as Record<string, unknown>;
    // One model: no model tag; per-job records stay out of results.json.
    expect(first0.model).toBeUndefined();
    expect(first0.jobs).toBeUndefined();
    expect(first0.events).toBeGreaterThan(0);
    for (const run of results.runs) {
      const p = run.summary.performance as unknown as Record<string, unknown>;
      expect(p.outcomes).toBeUndefined();
    }
    const again = await runAll(plan(), { outDir: a, jobs: 2 });
    expect(again.executed).toEqual([]);
    expect(again.skipped).toHaveLength(3);
  }, 30_000);
});
