import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { CLI_MAIN, type Outcome } from "../helpers/cli.js";
import { requireDist } from "../helpers/dist.js";

/**
 * `cellsim run --shard`, `cellsim merge` and `cellsim report` on a shard folder (built CLI):
 * experiments/quickstart.json --quick (3 runs) sharded three ways, merged, compared byte for byte
 * with a local run; `--shard auto` from Slurm's and Kubernetes' variables; bad input.
 */

const exec = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../..");
const QUICKSTART = path.join(ROOT, "experiments/quickstart.json");
const ARRAY_VARS = [
  "SLURM_ARRAY_TASK_ID",
  "SLURM_ARRAY_TASK_MIN",
  "SLURM_ARRAY_TASK_COUNT",
  "JOB_COMPLETION_INDEX",
];

/** The environment without array variables (the tests may run inside a Slurm job), plus `extra`. */
function envWith(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ARRAY_VARS) delete env[name];
  return { ...env, ...extra };
}

/** Runs `cellsim <args>` in `cwd` with array variables `extra`; a non-zero exit is returned. */
async function cellsim(args: string[], cwd: string, extra: Record<string, string> = {}): Promise<Outcome> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [CLI_MAIN, ...args], {
      cwd,
      env: envWith(extra),
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

const TABLES = ["results.json", "results.csv", "runs.csv", "schedulers.csv", "workloads.csv"];

describe("cellsim run --shard and cellsim merge", () => {
  let dir = "";
  const read = (file: string) => readFile(path.join(dir, file), "utf8");
  const shard = (spec: string, out: string, extra: Record<string, string> = {}) =>
    cellsim(["run", "qs.json", "--quick", "--jobs", "1", "--shard", spec, "--out", out], dir, extra);

  beforeAll(async () => {
    requireDist(CLI_MAIN);
    dir = await mkdtemp(path.join(tmpdir(), "cellsim-shards-"));
    await cp(QUICKSTART, path.join(dir, "qs.json"));
    const local = await cellsim(["run", "qs.json", "--quick", "--jobs", "1", "--out", "local"], dir);
    expect(local.code, local.stderr).toBe(0);
    for (const i of [0, 1, 2]) {
      const r = await shard(`${i}/3`, "shared");
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe(`shared/shards/shard-${i}-of-3.json\n`);
    }
  }, 120_000);

  it("shards write only run files and manifests into one folder; merge matches a local run byte for byte", async () => {
    expect((await readdir(path.join(dir, "shared"))).sort()).toEqual(["runs", "shards"]);
    const merged = await cellsim(["merge", "shared", "--out", "merged"], dir);
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stderr).toContain("merged 3 runs from 3 shard manifests");
    expect(merged.stdout).toBe("merged/report.html\n");
    for (const file of TABLES) expect(await read(`merged/${file}`), file).toBe(await read(`local/${file}`));
    // The merged folder resumes like a local one: nothing left to run.
    const resumed = await cellsim(["run", "qs.json", "--quick", "--jobs", "1", "--out", "merged"], dir);
    expect(resumed.stderr).toContain("0 runs executed, 3 resumed");
  });

  it("three folders (one per machine) merge to the same bytes", async () => {
    for (const i of [0, 1, 2]) {
      const own = JSON.parse(await read(`shared/shards/shard-${i}-of-3.json`)) as { runIds: string[] };
      await mkdir(path.join(dir, `m${i}/runs`), { recursive: true });
      await cp(path.join(dir, "shared/shards"), path.join(dir, `m${i}/shards`), {
        recursive: true,
        filter: (src) => !src.endsWith(".json") || src.endsWith(`shard-${i}-of-3.json`),
      });
      for (const id of own.runIds)
        await cp(path.join(dir, `shared/runs/${id}.json`), path.join(dir, `m${i}/runs/${id}.json`));
    }
    const merged = await cellsim(["merge", "m0", "m1", "m2", "--out", "final"], dir);
    expect(merged.code, merged.stderr).toBe(0);
    for (const file of TABLES) expect(await read(`final/${file}`), file).toBe(await read(`local/${file}`));
  });

  it("cellsim report on a folder the shards filled merges it in place", async () => {
    await cp(path.join(dir, "shared"), path.join(dir, "in-place"), { recursive: true });
    const r = await cellsim(["report", "in-place"], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(await read("in-place/results.json")).toBe(await read("local/results.json"));
    expect(existsSync(path.join(dir, "in-place/report.html"))).toBe(true);
  });

  it("--shard auto: a Slurm array task and a Kubernetes Indexed Job pod", async () => {
    const slurm = { SLURM_ARRAY_TASK_ID: "12", SLURM_ARRAY_TASK_MIN: "10", SLURM_ARRAY_TASK_COUNT: "3" };
    const s = await shard("auto", "auto-slurm", slurm);
    expect(s.code, s.stderr).toBe(0);
    expect(s.stdout).toBe("auto-slurm/shards/shard-2-of-3.json\n");
    const k = await cellsim(
      ["run", "qs.json", "--quick", "--jobs", "1", "--shard", "auto", "--shards", "2", "--out", "auto-k8s"],
      dir,
      { JOB_COMPLETION_INDEX: "1" },
    );
    expect(k.code, k.stderr).toBe(0);
    expect(k.stdout).toBe("auto-k8s/shards/shard-1-of-2.json\n");
    expect((await readdir(path.join(dir, "auto-k8s/runs"))).sort()).toEqual(["001-s1.json"]);
  });

  it("a missing run: exit 1, its id, and the command that re-runs its shard; running it completes the merge", async () => {
    await cp(path.join(dir, "shared"), path.join(dir, "partial"), { recursive: true });
    await rm(path.join(dir, "partial/runs/002-s1.json"));
    const r = await cellsim(["merge", "partial", "--out", "partial"], dir);
    expect(r.code).toBe(1);
    const command = "cellsim run qs.json --quick --shard 2/3 --out partial";
    expect(r.stderr).toBe(
      `cellsim: merge: 1 of 3 runs missing: 002-s1\nre-run the shards that own them (finished runs are skipped), then merge again:\n  ${command}\n`,
    );
    expect(existsSync(path.join(dir, "partial/results.json"))).toBe(false);
    expect((await shard("2/3", "partial")).code).toBe(0);
    expect((await cellsim(["merge", "partial", "--out", "partial"], dir)).code).toBe(0);
    expect(await read("partial/results.json")).toBe(await read("local/results.json"));
  });

  it("a foreign shard (another build) and a corrupt run file: exit 2, naming the file", async () => {
    await cp(path.join(dir, "shared"), path.join(dir, "foreign"), { recursive: true });
    const file = "foreign/shards/shard-1-of-3.json";
    const manifest = JSON.parse(await read(file)) as { cellsim: { buildSha256: string } };
    manifest.cellsim.buildSha256 = "f".repeat(64);
    await writeFile(path.join(dir, file), JSON.stringify(manifest));
    const f = await cellsim(["merge", "foreign", "--out", "out-foreign"], dir);
    expect(f.code).toBe(2);
    expect(f.stderr).toMatch(
      /^cellsim: foreign\/shards\/shard-1-of-3.json: build differs from foreign\/shards\/shard-0-of-3.json/,
    );
    expect(f.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(existsSync(path.join(dir, "out-foreign"))).toBe(false);

    await cp(path.join(dir, "shared"), path.join(dir, "corrupt"), { recursive: true });
    await writeFile(path.join(dir, "corrupt/runs/001-s1.json"), "{ truncated");
    const c = await cellsim(["merge", "corrupt", "--out", "out-corrupt"], dir);
    expect(c.code).toBe(2);
    expect(c.stderr).toContain("cellsim: corrupt run file: corrupt/runs/001-s1.json (not valid JSON)");
    expect(c.stderr).toContain("cellsim run qs.json --quick --shard 1/3 --out corrupt");
    expect(existsSync(path.join(dir, "out-corrupt"))).toBe(false);
  });

  it.each([
    [["--shard", "3/2"], "cellsim: --shard 3/2: shard 3 does not exist in 2 shards (counted from 0: 0 to 1)"],
    [["--shard", "0/0"], "cellsim: --shard 0/0: the shard count must be at least 1, got 0"],
    [["--shard", "x"], 'cellsim: --shard: expected i/n (e.g. 0/4, i counted from 0) or auto, got "x"'],
    [["--shard", "auto"], "cellsim: --shard auto: no array variables found"],
  ])("run %j: one message, exit 2, nothing written", async (flags, message) => {
    const r = await cellsim(["run", "qs.json", "--quick", ...flags, "--out", "bad"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr.startsWith(message), r.stderr).toBe(true);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(existsSync(path.join(dir, "bad"))).toBe(false);
  });

  it("merge of an empty folder or of a folder without shard manifests: one message, exit 2", async () => {
    await mkdir(path.join(dir, "empty"));
    const e = await cellsim(["merge", "empty", "--out", "x"], dir);
    expect(e.code).toBe(2);
    expect(e.stderr).toBe(
      "cellsim: empty: no shard manifests (shards/shard-<i>-of-<n>.json); merge reads folders written by cellsim run --shard i/n\n",
    );
    const l = await cellsim(["merge", "local", "--out", "x"], dir);
    expect(l.code).toBe(2);
    expect(l.stderr).toMatch(/^cellsim: local: no shard manifests/);
    expect(existsSync(path.join(dir, "x"))).toBe(false);
  });
});
