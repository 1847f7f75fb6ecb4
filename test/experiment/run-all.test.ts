import { existsSync } from "node:fs";
import { cp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { RunConfig } from "../../src/experiment/config.js";
import { planFromJson } from "../../src/experiment/plan.js";
import { runAll } from "../../src/experiment/run-all.js";
import { distPath, requireDist } from "../helpers/dist.js";
import { fakeSummary } from "./fixtures/fake-run.mjs";
import { monolithicDecisionTimes, smallExperiment, tempDir } from "./helpers.js";

const OUTPUTS = ["results.json", "results.csv", "timings.json", "manifest.json"];

/** A fake run function that counts its calls and finishes runs out of order. */
function countingRun() {
  const calls: string[] = [];
  const run = async (config: RunConfig, seed: number) => {
    calls.push(`${monolithicDecisionTimes(config).batch.perJobUs}/${seed}`);
    // Later runs finish first, so completion order differs from runId order.
    await new Promise((r) => setTimeout(r, seed === 1 ? 15 : 1));
    return fakeSummary(config, seed);
  };
  return { run, calls };
}

async function read(dir: string, file: string): Promise<string> {
  return readFile(path.join(dir, file), "utf8");
}

/** Every file under `dir`, recursively, relative to it. */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

describe("runAll with an in-process run function", () => {
  const plan = () => planFromJson(smallExperiment(), "small.json");

  it("writes results sorted by runId, byte-identical across calls and job counts", async () => {
    const [a, b] = [await tempDir(), await tempDir()];
    const first = await runAll(plan(), { outDir: a, jobs: 1, run: countingRun().run });
    await runAll(plan(), { outDir: b, jobs: 3, run: countingRun().run });
    expect(first.results.runs.map((r) => r.runId)).toEqual(plan().runs.map((r) => r.runId));
    expect(await read(a, "results.json")).toBe(await read(b, "results.json"));
    expect(await read(a, "results.csv")).toBe(await read(b, "results.csv"));
    const text = await read(a, "results.json");
    expect(text.endsWith("}\n")).toBe(true);
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
  });

  it("writes the ResultsFile shape, a CSV row per run × kind and per run × scheduler, timings and manifest", async () => {
    const dir = await tempDir();
    await runAll(plan(), { outDir: dir, run: countingRun().run });
    const results = JSON.parse(await read(dir, "results.json"));
    expect(results.experiment).toEqual({
      name: "small",
      description: "test",
      figures: [],
      figureAxes: [],
      sweepPaths: ["architecture.decisionTime.*.perJob"],
      horizonSec: 3600,
    });
    expect(Object.keys(results.runs[0])).toEqual(["runId", "seed", "params", "summary"]);
    const csv = (await read(dir, "results.csv")).trimEnd().split("\n");
    expect(csv).toHaveLength(1 + 6 * 3);
    expect(csv[0]?.startsWith("runId,seed,architecture.decisionTime.*.perJob,events,")).toBe(true);
    const timings = JSON.parse(await read(dir, "timings.json"));
    expect(timings.runs).toHaveLength(6);
    expect(Object.keys(timings.runs[0])).toEqual([
      "runId",
      "resumed",
      "wallSec",
      "eventsPerSec",
      "peakHeapMb",
    ]);
    const manifest = JSON.parse(await read(dir, "manifest.json"));
    expect(manifest.cellsim.version).toBe("0.1.0");
    expect(manifest.node).toBe(process.version);
    expect(manifest.seeds).toEqual([1, 2]);
    expect(manifest.runs[0].config.horizonUs).toBe(3_600_000_000);
  });

  it("resumes: finished runs with the same hash are skipped", async () => {
    const dir = await tempDir();
    const fresh = countingRun();
    await runAll(plan(), { outDir: dir, run: fresh.run });
    expect(fresh.calls).toHaveLength(6);
    const before = await read(dir, "results.json");

    const again = countingRun();
    const second = await runAll(plan(), { outDir: dir, run: again.run });
    expect(again.calls).toHaveLength(0);
    expect(second.skipped).toHaveLength(6);
    expect(await read(dir, "results.json")).toBe(before);

    // A changed config (another horizon) changes every hash; a lost run file is re-run alone.
    await writeFile(path.join(dir, "runs", "001-s2.json"), "{ truncated");
    const partial = countingRun();
    const third = await runAll(plan(), { outDir: dir, run: partial.run });
    expect(third.executed).toEqual(["001-s2"]);
    expect(await read(dir, "results.json")).toBe(before);
    const longer = countingRun();
    await runAll(planFromJson(smallExperiment(), "small.json", { horizon: "2h" }), {
      outDir: dir,
      run: longer.run,
    });
    expect(longer.calls).toHaveLength(6);
  });

  it("keeps finished runs when one fails, and leaves no temporary files", async () => {
    const dir = await tempDir();
    const failing = async (config: RunConfig, seed: number) => {
      if (monolithicDecisionTimes(config).batch.perJobUs === 1_000_000) throw new Error("boom");
      return fakeSummary(config, seed);
    };
    await expect(runAll(plan(), { outDir: dir, jobs: 1, run: failing })).rejects.toThrow("boom");
    const files = await listFiles(dir);
    expect(files.filter((f) => f.endsWith(".tmp"))).toEqual([]);
    expect(files.sort()).toEqual(
      ["000-s1", "000-s2", "001-s1", "001-s2"].map((id) => path.join("runs", `${id}.json`)),
    );
    const ok = countingRun();
    await runAll(plan(), { outDir: dir, run: ok.run });
    expect(ok.calls).toHaveLength(2);
    const all = await listFiles(dir);
    expect(all.filter((f) => f.endsWith(".tmp"))).toEqual([]);
    for (const f of OUTPUTS) expect(all).toContain(f);
  });
});

// Worker threads need the compiled worker (dist/); `npm test` builds first.
describe("runAll on worker threads", () => {
  beforeAll(() => requireDist(distPath("src/experiment/worker.js")));

  it("gives byte-identical results in this process (--jobs 1) and on 2 workers", async () => {
    const runModule = new URL("./fixtures/fake-run.mjs", import.meta.url);
    const plan = planFromJson(smallExperiment(), "small.json");
    const [a, b] = [await tempDir(), await tempDir()];
    // One run at a time needs no worker thread: --jobs 1 runs the module in this process.
    const one = await runAll(plan, { outDir: a, jobs: 1, workerRunModule: runModule });
    const two = await runAll(plan, { outDir: b, jobs: 2, workerRunModule: runModule });
    expect([one.executor, two.executor]).toEqual(["in-process", "workers"]);
    expect(await read(a, "results.json")).toBe(await read(b, "results.json"));
    expect(existsSync(path.join(b, "runs", "002-s2.json"))).toBe(true);
  });

  it("runs a single pending run in this process, with the bytes the workers wrote", async () => {
    // The real runOne: a run's results must not depend on the thread it ran on.
    const plan = () => planFromJson({ ...smallExperiment(), sweep: undefined }, "small.json");
    const [a, b] = [await tempDir(), await tempDir()];
    const workers = await runAll(plan(), { outDir: a, jobs: 4 });
    expect(workers.executor).toBe("workers");
    // The same folder with one run file lost: only that run is pending, so it runs here.
    await cp(a, b, { recursive: true });
    await rm(path.join(b, "runs", "000-s2.json"));
    const single = await runAll(plan(), { outDir: b, jobs: 4 });
    expect([single.executor, single.executed]).toEqual(["in-process", ["000-s2"]]);
    for (const file of ["results.json", "results.csv", "runs.csv"]) {
      expect(await read(b, file)).toBe(await read(a, file));
    }
    const summary = async (dir: string) => JSON.parse(await read(dir, "runs/000-s2.json")).summary;
    expect(await summary(b)).toEqual(await summary(a));
  });

  it("runs a one-run experiment in this process", async () => {
    const plan = planFromJson({ ...smallExperiment(), seeds: [1], sweep: undefined }, "one.json");
    const result = await runAll(plan, { outDir: await tempDir() });
    expect([result.executor, result.executed]).toEqual(["in-process", ["000-s1"]]);
  });

  it("fails cleanly when the run module cannot be loaded", async () => {
    const plan = planFromJson(smallExperiment(), "small.json");
    const runModule = new URL("./fixtures/does-not-exist.mjs", import.meta.url);
    await expect(
      runAll(plan, { outDir: await tempDir(), jobs: 2, workerRunModule: runModule }),
    ).rejects.toThrow();
  });
});
