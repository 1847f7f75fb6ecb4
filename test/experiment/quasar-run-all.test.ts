import { readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { planAnyFromJson } from "../../src/experiment/plan.js";
import { runAll } from "../../src/experiment/run-all.js";
import { distPath, requireDist } from "../helpers/dist.js";
import { quasarExperiment, tempDir } from "./helpers.js";

/** Quasar-study runs through the worker pool (needs a build: `npm test` builds first). */
describe("runAll on a Quasar-study experiment", () => {
  beforeAll(() => requireDist(distPath("src/experiment/worker.js")));

  it("writes byte-identical results with --jobs 1 and --jobs 2, and resumes", async () => {
    const plan = () => planAnyFromJson(quasarExperiment({ seeds: [3] }), "q.json");
    const [a, b] = [await tempDir(), await tempDir()];
    const first = await runAll(plan(), { outDir: a, jobs: 1 });
    await runAll(plan(), { outDir: b, jobs: 2 });
    expect(first.executor).toBe("workers");
    const read = (dir: string, f: string) => readFile(path.join(dir, f), "utf8");
    expect(await read(a, "results.json")).toBe(await read(b, "results.json"));
    expect(await read(a, "results.csv")).toBe(await read(b, "results.csv"));
    const results = JSON.parse(await read(a, "results.json"));
    expect(results.runs.map((r: { summary: { model: string; policy: string } }) => r.summary.policy)).toEqual(
      ["reservation+least-loaded", "reservation+paragon", "quasar"],
    );
    expect(results.runs[0].summary.model).toBe("quasar");
    expect(results.runs[0].summary.outcomes).toBeUndefined();
    const again = await runAll(plan(), { outDir: a, jobs: 2 });
    expect(again.executed).toEqual([]);
    expect(again.skipped).toHaveLength(3);
  }, 30_000);
});
