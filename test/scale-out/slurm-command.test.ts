import { existsSync, statSync } from "node:fs";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { slurmArrayScript, slurmMergeScript } from "../../src/scale-out/slurm-script.js";
import type { SweepTarget } from "../../src/scale-out/sweep-target.js";
import { CLI_MAIN } from "../helpers/cli.js";
import { requireDist } from "../helpers/dist.js";
import { cellsimEnv, writeTinySweep } from "./helpers.js";

/** `cellsim slurm` without a Slurm: the scripts it writes, the commands it prints, bad input. */

const target: SweepTarget = {
  experiment: "exp/tiny sweep.json",
  outDir: "/data/out",
  workDir: "/home/me/proj",
  name: "tiny",
  shards: 8,
  runFlags: ["--seeds", "1,2", "--quick"],
};

describe("Slurm scripts", () => {
  it("array: tasks 0…N−1, each `run --shard auto --shards N` into the shared folder", () => {
    const text = slurmArrayScript(target, "/opt/cellsim/main.js", { partition: "short", cpusPerTask: 4 });
    const lines = text.split("\n");
    expect(lines[0]).toBe("#!/bin/bash");
    expect(lines).toContain("#SBATCH --array=0-7");
    expect(lines).toContain("#SBATCH --chdir=/home/me/proj");
    expect(lines).toContain("#SBATCH --output=/data/out/logs/shard-%a-job-%A.log");
    expect(lines).toContain("#SBATCH --partition=short");
    expect(lines).toContain("#SBATCH --cpus-per-task=4");
    expect(text).not.toContain("--time=");
    expect(lines).toContain(
      `exec node /opt/cellsim/main.js run 'exp/tiny sweep.json' --shard auto --shards 8 --out /data/out --seeds 1,2 --quick --jobs "\${SLURM_CPUS_PER_TASK:-1}"`,
    );
  });

  it("merge: one job merging the folder into itself, with the same resources but CPUs", () => {
    const text = slurmMergeScript(target, "/opt/cellsim/main.js", { time: "1:00:00", cpusPerTask: 4 });
    const lines = text.split("\n");
    expect(lines).toContain("#SBATCH --time=1:00:00");
    expect(lines).toContain("#SBATCH --output=/data/out/logs/merge-job-%j.log");
    expect(text).not.toContain("--array");
    expect(text).not.toContain("--cpus-per-task");
    expect(lines).toContain("exec node /opt/cellsim/main.js merge /data/out --out /data/out");
  });
});

describe("cellsim slurm (built CLI, no submission)", () => {
  let dir = "";
  beforeAll(async () => {
    requireDist(CLI_MAIN);
    dir = await mkdtemp(path.join(tmpdir(), "cellsim-slurm-cmd-"));
    await writeTinySweep(dir);
  });

  it("writes both scripts (executable) and the logs folder, prints the two sbatch commands", async () => {
    const r = await cellsimEnv(["slurm", "tiny.json", "--shards", "4", "--out", "o", "--mem", "2G"], dir);
    expect(r.code, r.stderr).toBe(0);
    const out = path.join(dir, "o");
    expect(r.stdout).toBe(
      `array=$(sbatch --parsable ${out}/slurm-array.sbatch)\n` +
        `sbatch --dependency=afterok:$array ${out}/slurm-merge.sbatch\n`,
    );
    expect(r.stderr).toBe("cellsim: 8 runs in 4 shards; scripts and logs in o\n");
    for (const f of ["slurm-array.sbatch", "slurm-merge.sbatch"])
      expect(statSync(path.join(out, f)).mode & 0o111).not.toBe(0);
    expect(existsSync(path.join(out, "logs"))).toBe(true);
    const array = await readFile(path.join(out, "slurm-array.sbatch"), "utf8");
    expect(array).toContain(`exec node ${CLI_MAIN} run tiny.json --shard auto --shards 4 --out ${out} `);
    expect(array).toContain("#SBATCH --mem=2G");
  });

  it("--submit without sbatch on the PATH: one message, exit 2", async () => {
    const r = await cellsimEnv(["slurm", "tiny.json", "--shards", "2", "--out", "p", "--submit"], dir, {
      PATH: "/nonexistent",
    });
    expect(r.code).toBe(2);
    // The scripts are written first (whole): they can still be submitted by hand.
    expect(r.stderr).toMatch(
      /\ncellsim: sbatch .*slurm-array\.sbatch: sbatch not found \(is this a Slurm login node\?\)\n$/,
    );
  });

  it.each([
    [["--shards", "0"], "--shards: expected a positive integer, got 0"],
    [["--shards", "2", "--cpus-per-task", "1.5"], "--cpus-per-task: expected a positive integer, got 1.5"],
    [
      ["--shards", "2", "--seeds", "x"],
      '--seeds: expected distinct non-negative integers separated by commas, got "x"',
    ],
  ])("bad input %j: one message, exit 2, nothing written", async (flags, message) => {
    const r = await cellsimEnv(["slurm", "tiny.json", ...flags, "--out", "bad"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`cellsim: ${message}\n`);
    expect(existsSync(path.join(dir, "bad"))).toBe(false);
  });

  it("a missing experiment file names it, exit 2", async () => {
    const r = await cellsimEnv(["slurm", "nope.json", "--shards", "2"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("nope.json");
  });
});
