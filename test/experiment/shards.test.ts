import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { mergeExperimentShards, runExperimentShard, simulate } from "../../src/api.js";
import { IncompleteError, InputError } from "../../src/engine/errors.js";
import { jsonText } from "../../src/experiment/files.js";
import { silentProgress } from "../../src/experiment/progress.js";
import type { RunConfig } from "../../src/experiment/config.js";
import { mergeShards } from "../../src/experiment/merge.js";
import { planFromJson } from "../../src/experiment/plan.js";
import { runAll } from "../../src/experiment/run-all.js";
import { parseShard, shardFromEnv, shardItems, type Shard } from "../../src/experiment/shard-spec.js";
import { runShard } from "../../src/experiment/shards.js";
import { fakeSummary } from "./fixtures/fake-run.mjs";
import { smallExperiment, tempDir } from "./helpers.js";

/** Shard assignment, `--shard` parsing, sharded runs and their merge (in process, fake runs). */

const plan = (over: Record<string, unknown> = {}) =>
  planFromJson({ ...smallExperiment(), ...over }, "small.json");
const run = async (config: RunConfig, seed: number) => fakeSummary(config, seed);
const read = (dir: string, file: string) => readFile(path.join(dir, file), "utf8");

/** Runs every shard of `count` into `dirOf(index)`. */
async function runShards(count: number, dirOf: (index: number) => string, p = plan()) {
  for (let index = 0; index < count; index++)
    await runShard(p, { index, count }, { outDir: dirOf(index), run, jobs: 1 });
}

describe("shard assignment", () => {
  const ids = plan().runs.map((r) => r.runId); // 3 points × 2 seeds

  it.each([1, 2, 3, 4, 6, 7, 20])("covers every run exactly once with %i shards", (count) => {
    const owned = Array.from({ length: count }, (_, index) => shardItems(ids, { index, count }));
    expect(owned.flat().sort()).toEqual([...ids].sort());
    expect(new Set(owned.flat()).size).toBe(ids.length);
    // Round-robin: shard sizes differ by at most one, shard i starts at position i.
    const sizes = owned.map((o) => o.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    owned.forEach((o, i) => expect(o[0]).toBe(ids[i]));
  });

  it("deals runs in turn in stable order (points in sweep order, seeds in file order)", () => {
    expect(ids).toEqual(["000-s1", "000-s2", "001-s1", "001-s2", "002-s1", "002-s2"]);
    expect(shardItems(ids, { index: 1, count: 4 })).toEqual(["000-s2", "002-s2"]);
  });
});

describe("--shard values", () => {
  const env = {};
  it("reads i/n", () => expect(parseShard("2/5", env)).toEqual({ index: 2, count: 5 }));

  it.each([
    ["3/2", "--shard 3/2: shard 3 does not exist in 2 shards (counted from 0: 0 to 1)"],
    ["0/0", "--shard 0/0: the shard count must be at least 1, got 0"],
    ["x", '--shard: expected i/n (e.g. 0/4, i counted from 0) or auto, got "x"'],
    ["-1/2", '--shard: expected i/n (e.g. 0/4, i counted from 0) or auto, got "-1/2"'],
  ])("refuses %s with one message", (text, message) => {
    expect(() => parseShard(text, env)).toThrow(new InputError(message));
  });

  it("--shards must agree with i/n and goes with a shard", () => {
    expect(() => parseShard("1/3", env, 4)).toThrow("--shard 1/3 and --shards 4 disagree");
    expect(() => parseShard(undefined, env, 4)).toThrow("--shards: only used with --shard auto");
  });

  it("auto: a Slurm array task is ID − MIN of COUNT", () => {
    const slurm = { SLURM_ARRAY_TASK_ID: "7", SLURM_ARRAY_TASK_MIN: "5", SLURM_ARRAY_TASK_COUNT: "4" };
    expect(parseShard("auto", slurm)).toEqual({ index: 2, count: 4 });
    expect(() => parseShard("auto", { ...slurm, SLURM_ARRAY_TASK_ID: "9" })).toThrow(
      "--shard auto (Slurm array): shard 4 does not exist in 4 shards",
    );
  });

  it("auto with --shards on Slurm: the task id is the shard (resubmitting --array=1,3 works)", () => {
    const resubmit = { SLURM_ARRAY_TASK_ID: "3", SLURM_ARRAY_TASK_MIN: "1", SLURM_ARRAY_TASK_COUNT: "2" };
    expect(shardFromEnv(resubmit, 4)).toEqual({ index: 3, count: 4 });
  });

  it("auto: a Kubernetes Indexed Job pod is JOB_COMPLETION_INDEX of --shards", () => {
    expect(parseShard("auto", { JOB_COMPLETION_INDEX: "2" }, 3)).toEqual({ index: 2, count: 3 });
    expect(() => parseShard("auto", { JOB_COMPLETION_INDEX: "2" })).toThrow(
      "give the number of shards with --shards N",
    );
    expect(() => parseShard("auto", { JOB_COMPLETION_INDEX: "3" }, 3)).toThrow(
      "shard 3 does not exist in 3 shards",
    );
  });

  it("auto without array variables is one message", () => {
    expect(() => parseShard("auto", { HOME: "/root" })).toThrow(
      /^--shard auto: no array variables found \(SLURM_ARRAY_TASK_ID .* JOB_COMPLETION_INDEX/,
    );
  });
});

describe("runShard and mergeShards", () => {
  it("a shard writes only its runs and its manifest, and a retry resumes them", async () => {
    const dir = await tempDir();
    const shard: Shard = { index: 1, count: 4 };
    const first = await runShard(plan(), shard, { outDir: dir, run, jobs: 1 });
    expect(first.runIds).toEqual(["000-s2", "002-s2"]);
    expect(first.executed).toEqual(first.runIds);
    const { readdir } = await import("node:fs/promises");
    expect((await readdir(dir)).sort()).toEqual(["runs", "shards"]);
    expect((await readdir(path.join(dir, "runs"))).sort()).toEqual(["000-s2.json", "002-s2.json"]);
    const manifest = JSON.parse(await read(dir, "shards/shard-1-of-4.json"));
    expect(manifest.runIds).toEqual(first.runIds);
    expect(manifest.shard).toEqual(shard);
    const again = await runShard(plan(), shard, { outDir: dir, run, jobs: 1 });
    expect(again.executed).toEqual([]);
    expect(again.skipped).toEqual(first.runIds);
  });

  it("more shards than runs: the extra shards own nothing and still write a manifest", async () => {
    const dir = await tempDir();
    const r = await runShard(plan(), { index: 9, count: 10 }, { outDir: dir, run });
    expect(r.runIds).toEqual([]);
    expect(JSON.parse(await read(dir, "shards/shard-9-of-10.json")).runIds).toEqual([]);
  });

  it("merged results.json is byte-identical to a local run: one shared folder, or three folders", async () => {
    const [local, shared, a, b, c, finalDir] = (await Promise.all(
      [1, 2, 3, 4, 5, 6].map(() => tempDir()),
    )) as [string, string, string, string, string, string];
    await runAll(plan(), { outDir: local, run, jobs: 1 });
    // Three shards writing one folder at the same time.
    await Promise.all(
      [0, 1, 2].map((index) => runShard(plan(), { index, count: 3 }, { outDir: shared, run, jobs: 2 })),
    );
    await mergeShards([shared], { outDir: shared, plan: plan() });
    const folders = [a, b, c];
    await runShards(3, (i) => folders[i] ?? "");
    const merged = await mergeShards(folders, { outDir: finalDir, plan: plan() });
    expect(merged.manifests).toHaveLength(3);
    for (const out of [shared, finalDir]) {
      for (const file of ["results.json", "results.csv", "runs.csv", "schedulers.csv", "workloads.csv"])
        expect(await read(out, file), `${out}/${file}`).toBe(await read(local, file));
      // The final folder is a complete output folder: a plain run there resumes everything.
      const resumed = await runAll(plan(), { outDir: out, run: () => Promise.reject(new Error("ran")) });
      expect(resumed.executed).toEqual([]);
    }
  });

  it("a missing run stops the merge (IncompleteError) with the command that re-runs its shard", async () => {
    const dir = await tempDir();
    await runShards(3, () => dir);
    const { rm } = await import("node:fs/promises");
    await rm(path.join(dir, "runs/001-s1.json"));
    const error = await mergeShards([dir], { outDir: dir, plan: plan() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IncompleteError);
    const message = (error as Error).message;
    expect(message).toContain("merge: 1 of 6 runs missing: 001-s1");
    // 001-s1 is at position 2: shard 2 of 3.
    expect(message).toContain(`cellsim run EXPERIMENT.json --shard 2/3 --out ${dir}`);
    await expect(read(dir, "results.json")).rejects.toThrow();
  });

  it("a shard of another experiment or another build is refused, naming its manifest and the field", async () => {
    const dir = await tempDir();
    await runShards(2, () => dir);
    const other = await tempDir();
    await runShard(plan({ seeds: [1, 3] }), { index: 1, count: 2 }, { outDir: other, run });
    await expect(mergeShards([dir, other], { outDir: dir, plan: plan() })).rejects.toThrow(
      new RegExp(
        `^${other}/shards/shard-1-of-2.json: experiment differs from ${dir}/shards/shard-0-of-2.json`,
      ),
    );
    const file = path.join(dir, "shards/shard-1-of-2.json");
    const manifest = JSON.parse(await readFile(file, "utf8"));
    manifest.cellsim.buildSha256 = "0".repeat(64);
    await writeFile(file, JSON.stringify(manifest));
    await expect(mergeShards([dir], { outDir: dir, plan: plan() })).rejects.toThrow(
      `${file}: build differs from ${dir}/shards/shard-0-of-2.json (0.1.0 build 000000000000 vs`,
    );
  });

  it("a merge whose plan differs from the shards' is refused", async () => {
    const dir = await tempDir();
    await runShards(1, () => dir);
    await expect(mergeShards([dir], { outDir: dir, plan: plan({ horizon: "2h" }) })).rejects.toThrow(
      /shard-0-of-1.json: experiment differs from this merge \(\w{12} vs \w{12}\); merge with the same cellsim build and experiment file/,
    );
  });

  it("a corrupt run file is refused, naming it", async () => {
    const dir = await tempDir();
    await runShards(2, () => dir);
    const file = path.join(dir, "runs/002-s1.json");
    await writeFile(file, (await readFile(file, "utf8")).replace(/"submitted": \d+/, '"submitted": 1'));
    const error = await mergeShards([dir], { outDir: dir, plan: plan() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(
      new RegExp(
        `^corrupt run file: ${file} \\(content hash mismatch\\); re-run .*\\n  .*--shard 0/2 --out ${dir}$`,
      ),
    );
  });

  it("folders without shard manifests are one message each", async () => {
    const empty = await tempDir();
    await expect(mergeShards([empty], { outDir: empty })).rejects.toThrow(
      `${empty}: no shard manifests (shards/shard-<i>-of-<n>.json)`,
    );
    await expect(mergeShards([path.join(empty, "nope")], { outDir: empty })).rejects.toThrow(
      "no such folder",
    );
    await expect(mergeShards([], { outDir: empty })).rejects.toThrow("name at least one");
  });
});

describe("public API: runExperimentShard and mergeExperimentShards", () => {
  it("two shards of an in-memory experiment merge to exactly simulate()'s results", async () => {
    const experiment = {
      ...smallExperiment(),
      horizon: "10m",
      seeds: [1],
      cluster: { machines: 8, cpus: 4, memGb: 16 },
    };
    const dir = await tempDir();
    const options = { outDir: dir, jobs: 1, progress: silentProgress };
    const shards = [0, 1].map((index) => runExperimentShard(experiment, { index, count: 2 }, options));
    expect((await Promise.all(shards)).map((s) => s.runIds)).toEqual([["000-s1", "002-s1"], ["001-s1"]]);
    await expect(mergeExperimentShards([dir], { outDir: dir, report: false })).rejects.toThrow(
      "the shards ran an experiment given as an object",
    );
    const merged = await mergeExperimentShards([dir], { outDir: dir, experiment, report: false });
    expect(await read(dir, "results.json")).toBe(jsonText(await simulate(experiment)));
    expect(merged.results.runs).toHaveLength(3);
    await expect(runExperimentShard(experiment, { index: 2, count: 2 }, options)).rejects.toThrow(
      "shard: shard 2 does not exist in 2 shards",
    );
  });
});
