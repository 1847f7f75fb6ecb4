import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { RunConfig } from "../../src/experiment/config.js";
import { planFromJson } from "../../src/experiment/plan.js";
import { runAll } from "../../src/experiment/run-all.js";
import { runPlans } from "../../src/experiment/run-plans.js";
import { fakeSummary } from "./fixtures/fake-run.mjs";
import { smallExperiment, tempDir } from "./helpers.js";

const OUTPUTS = ["results.json", "results.csv", "manifest.json"];

/** Two experiments: the small one and a variant with other seeds and a name of its own. */
function plans() {
  return [
    planFromJson(smallExperiment(), "small.json"),
    planFromJson({ ...smallExperiment(), name: "other", seeds: [3] }, "other.json"),
  ];
}

/** A fake run function recording the order runs start in; seed 1 finishes last. */
function recordingRun() {
  const started: number[] = [];
  const run = async (config: RunConfig, seed: number) => {
    started.push(seed);
    await new Promise((r) => setTimeout(r, seed === 1 ? 15 : 1));
    return fakeSummary(config, seed);
  };
  return { run, started };
}

async function outputs(dir: string): Promise<string[]> {
  return Promise.all(OUTPUTS.map((f) => readFile(path.join(dir, f), "utf8")));
}

describe("runPlans", () => {
  it("writes each plan's folder byte for byte as runAll does, whatever the job count", async () => {
    const root = await tempDir();
    for (const [i, plan] of plans().entries())
      await runAll(plan, { outDir: path.join(root, `alone-${i}`), jobs: 1, run: recordingRun().run });
    for (const jobs of [1, 3]) {
      const entries = plans().map((plan, i) => ({ plan, outDir: path.join(root, `pooled-${jobs}-${i}`) }));
      const results = await runPlans(entries, { jobs, run: recordingRun().run });
      expect(results.map((r) => r.outDir)).toEqual(entries.map((e) => e.outDir));
      for (const i of [0, 1])
        expect(await outputs(path.join(root, `pooled-${jobs}-${i}`))).toEqual(
          await outputs(path.join(root, `alone-${i}`)),
        );
    }
  });

  it("queues every plan's runs in one pool, in order, and reports each plan once, in order", async () => {
    const root = await tempDir();
    const entries = plans().map((plan, i) => ({ plan, outDir: path.join(root, String(i)) }));
    const { run, started } = recordingRun();
    const done: string[] = [];
    const progress: number[] = [];
    await runPlans(entries, {
      jobs: 2,
      run,
      progress: { start() {}, runDone: (_id, n) => void progress.push(n), finish() {} },
      onPlanDone: async ({ plan }, result) => void done.push(`${plan.name}:${result.executed.length}`),
    });
    // 6 runs of the first plan (seeds 1, 2 × 3 sweep values), then the other plan's 3 (seed 3).
    expect(started).toEqual([1, 2, 1, 2, 1, 2, 3, 3, 3]);
    expect(done).toEqual(["small:6", "other:3"]);
    expect(progress).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it("resumes: a second call executes nothing and still writes every folder", async () => {
    const root = await tempDir();
    const entries = plans().map((plan, i) => ({ plan, outDir: path.join(root, String(i)) }));
    await runPlans(entries, { jobs: 2, run: recordingRun().run });
    const before = await outputs(path.join(root, "1"));
    const again = recordingRun();
    const results = await runPlans(entries, { jobs: 2, run: again.run });
    expect(again.started).toEqual([]);
    expect(results.map((r) => [r.executed.length, r.skipped.length, r.executor])).toEqual([
      [0, 6, "none"],
      [0, 3, "none"],
    ]);
    expect(await outputs(path.join(root, "1"))).toEqual(before);
    expect((await readdir(path.join(root, "0", "runs"))).length).toBe(6);
  });

  it("stops at a failing run, keeps the runs stored so far and writes no folder it could not finish", async () => {
    const root = await tempDir();
    const entries = plans().map((plan, i) => ({ plan, outDir: path.join(root, String(i)) }));
    const failing = async (config: RunConfig, seed: number) => {
      if (seed === 3) throw new Error("boom");
      return fakeSummary(config, seed);
    };
    await expect(runPlans(entries, { jobs: 1, run: failing })).rejects.toThrow("boom");
    expect((await readdir(path.join(root, "0", "runs"))).length).toBe(6);
    expect(await readdir(path.join(root, "1"))).toEqual(["runs"]);
  });

  it("refuses plans that load different plug-ins (one pool loads them once)", async () => {
    const [a, b] = plans();
    const withPlugin = { ...(b as NonNullable<typeof b>), plugins: [{ path: "/x/plugin.js" }] };
    await expect(
      runPlans([
        { plan: a as NonNullable<typeof a>, outDir: await tempDir() },
        { plan: withPlugin as never, outDir: await tempDir() },
      ]),
    ).rejects.toThrow(/other plug-ins/);
  });
});
