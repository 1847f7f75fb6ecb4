import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { RunConfig } from "../../src/experiment/config.js";
import { planFromJson, type ExperimentPlan } from "../../src/experiment/plan.js";
import { codeIdentity } from "../../src/experiment/provenance.js";
import { runAll } from "../../src/experiment/run-all.js";
import { runOne } from "../../src/experiment/run-one.js";
import {
  contentHash,
  readStoredRun,
  runFile,
  runHash,
  sealRun,
  writeStoredRun,
} from "../../src/experiment/run-store.js";
import { tempDir } from "./helpers.js";

/** Resume keys that cover the code, stored runs that verify themselves, and `fresh`. */

/** Two points × one seed of a tiny cell: real runs, a few milliseconds each. */
function tinyPlan(): ExperimentPlan {
  const json = {
    name: "store",
    horizon: "10m",
    seeds: [1],
    cluster: { machines: 8, cpus: 4, memGb: 16 },
    workload: { preset: "google-c", rateMultiplier: 0.05 },
    sweep: { "retry.maxAttempts": [10, 20] },
  };
  return planFromJson(json, "store.json");
}

/** runOne in this process, counting the runs it executes. */
function countingRun() {
  const calls: number[] = [];
  const run = (config: RunConfig, seed: number) => {
    calls.push(seed);
    return runOne(config, seed);
  };
  return { run, calls };
}

const CODE = { version: "0.1.0", buildSha256: "a".repeat(64) };

describe("runHash", () => {
  const plan = tinyPlan();
  const run = plan.runs[0]!;
  const withPlugins = (...plugins: { path: string; sha256: string }[]) => ({ ...plan, plugins });

  it("changes with cellsim's build hash and version", () => {
    const base = runHash(run, plan, CODE);
    expect(runHash(run, plan, { ...CODE, buildSha256: "b".repeat(64) })).not.toBe(base);
    expect(runHash(run, plan, { ...CODE, version: "0.2.0" })).not.toBe(base);
    expect(runHash(run, plan, { ...CODE })).toBe(base);
  });

  it("changes with a plug-in's hash but not with where the plug-in file lives or the listing order", () => {
    const a = { path: "/x/a.js", sha256: "1".repeat(64) };
    const b = { path: "/x/b.js", sha256: "2".repeat(64) };
    const base = runHash(run, withPlugins(a, b), CODE);
    expect(runHash(run, withPlugins(a), CODE)).not.toBe(base);
    expect(runHash(run, withPlugins(a, { ...b, sha256: "3".repeat(64) }), CODE)).not.toBe(base);
    expect(runHash(run, withPlugins({ ...a, path: "/moved/a.js" }, b), CODE)).toBe(base);
    expect(runHash(run, withPlugins(b, a), CODE)).toBe(base);
  });

  it("code identity from TypeScript sources is a sha256, stable within a process", () => {
    expect(codeIdentity().buildSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(codeIdentity()).toBe(codeIdentity());
  });
});

describe("stored runs verify their content", () => {
  const plan = tinyPlan();
  const run = plan.runs[0]!;

  async function storedFixture() {
    const dir = await tempDir();
    await mkdir(path.join(dir, "runs"));
    const summary = await runOne(run.config, run.seed);
    const hash = runHash(run, plan, CODE);
    const timing = { wallSec: 0.01, eventsPerSec: 1000, peakHeapMb: 10 };
    const stored = sealRun({ runId: run.runId, seed: run.seed, hash, params: run.params, summary, timing });
    await writeStoredRun(dir, stored);
    return { dir, hash, stored };
  }

  it("an intact file with the same resume hash is reusable; another hash is stale", async () => {
    const { dir, hash, stored } = await storedFixture();
    expect(stored.schemaVersion).toBe(1);
    const { contentSha256, ...rest } = stored;
    expect(contentHash(rest)).toBe(contentSha256);
    expect(await readStoredRun(dir, run.runId, hash)).toEqual({ status: "reusable", stored });
    expect(await readStoredRun(dir, run.runId, "0".repeat(64))).toEqual({ status: "stale" });
    expect(await readStoredRun(dir, "missing-s1", hash)).toEqual({ status: "stale" });
  });

  it("an edited or unparseable file is corrupt, with the reason", async () => {
    const { dir, hash } = await storedFixture();
    const file = runFile(dir, run.runId);
    const text = await readFile(file, "utf8");
    await writeFile(file, text.replace(/"events": \d+/, '"events": 1'));
    expect(await readStoredRun(dir, run.runId, hash)).toEqual({
      status: "corrupt",
      reason: "content hash mismatch",
    });
    await writeFile(file, text.slice(0, text.length / 2));
    expect(await readStoredRun(dir, run.runId, hash)).toEqual({
      status: "corrupt",
      reason: "not valid JSON",
    });
  });
});

describe("runAll: corrupt stored runs and fresh", () => {
  it("re-runs a corrupt stored run with one warning line, and nothing else", async () => {
    const dir = await tempDir();
    await runAll(tinyPlan(), { outDir: dir, run: countingRun().run });
    const before = await readFile(path.join(dir, "results.json"), "utf8");
    const file = path.join(dir, "runs", "000-s1.json");
    await writeFile(file, (await readFile(file, "utf8")).replace(/"events": \d+/, '"events": 7'));

    const warnings: string[] = [];
    const again = countingRun();
    const result = await runAll(tinyPlan(), { outDir: dir, run: again.run, warn: (l) => warnings.push(l) });
    expect(warnings).toEqual(["runs/000-s1.json is corrupt (content hash mismatch); re-running it"]);
    expect(result.executed).toEqual(["000-s1"]);
    expect(result.skipped).toEqual(["001-s1"]);
    expect(await readFile(path.join(dir, "results.json"), "utf8")).toBe(before);
  });

  it("fresh ignores stored runs: every run executes again, with identical results", async () => {
    const dir = await tempDir();
    await runAll(tinyPlan(), { outDir: dir, run: countingRun().run });
    const before = await readFile(path.join(dir, "results.json"), "utf8");
    const again = countingRun();
    const result = await runAll(tinyPlan(), { outDir: dir, run: again.run, fresh: true });
    expect(again.calls).toHaveLength(2);
    expect(result.skipped).toEqual([]);
    expect(await readFile(path.join(dir, "results.json"), "utf8")).toBe(before);
  });

  it("the manifest names the code and the plug-ins", async () => {
    const dir = await tempDir();
    await runAll(tinyPlan(), { outDir: dir, run: countingRun().run });
    const manifest = JSON.parse(await readFile(path.join(dir, "manifest.json"), "utf8"));
    expect(manifest.cellsim).toEqual(codeIdentity());
    expect(manifest.plugins).toEqual([]);
  });
});
