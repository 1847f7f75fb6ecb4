import { execFile, execFileSync } from "node:child_process";
import { mkdtemp, readFile, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI_MAIN } from "../helpers/cli.js";
import { requireDist } from "../helpers/dist.js";
import { cellsimEnv, writeTinySweep } from "./helpers.js";

/**
 * `cellsim slurm --submit` on a real Slurm: a single-node Slurm started on localhost by
 * scripts/slurm-local.sh runs an 8-run sweep as an array of 4 shards plus the merge job, and the
 * merged results.json must equal a local run's byte for byte. Needs root and Debian's slurmctld,
 * slurmd, slurm-client and slurm-wlm-basic-plugins. Without them it skips, unless
 * CELLSIM_REQUIRE_SLURM=1 (as .ci/run sets), where a missing Slurm is a failure.
 */

const exec = promisify(execFile);
const SCRIPT = fileURLToPath(new URL("../../scripts/slurm-local.sh", import.meta.url));
const REQUIRED = process.env.CELLSIM_REQUIRE_SLURM === "1";
const HOW =
  "apt-get install -y slurmctld slurmd slurm-client slurm-wlm-basic-plugins, then (as root) " +
  "CELLSIM_REQUIRE_SLURM=1 npx vitest run test/scale-out/slurm.test.ts";
/** Longest wait for the array and the merge (the whole sweep takes a few seconds locally). */
const JOB_WAIT_MS = 240_000;

function hasSlurm(): boolean {
  try {
    execFileSync("sh", ["-c", "command -v sinfo && command -v slurmctld && command -v slurmd"]);
    return true;
  } catch {
    return false;
  }
}

const available = hasSlurm();
if (!available && !REQUIRED) console.warn(`slurm.test.ts skipped: no Slurm here. To run it: ${HOW}`);

/** Each `JobState=` of `scontrol show job -o <id>` (one line per array task). */
async function jobStates(id: string, env: NodeJS.ProcessEnv): Promise<string[]> {
  const { stdout } = await exec("scontrol", ["show", "job", "-o", id], { env });
  return [...stdout.matchAll(/JobState=(\S+)(?:.*?Reason=(\S+))?/g)].map((m) =>
    m[2] === "DependencyNeverSatisfied" ? "NEVER" : (m[1] ?? ""),
  );
}

/** Waits until every job is COMPLETED; any other final state fails with the logs' names. */
async function waitForJobs(ids: string[], env: NodeJS.ProcessEnv, logs: string): Promise<void> {
  const deadline = Date.now() + JOB_WAIT_MS;
  for (;;) {
    const states = (await Promise.all(ids.map((id) => jobStates(id, env)))).flat();
    if (states.every((s) => s === "COMPLETED")) return;
    const bad = states.find((s) => /FAIL|CANCEL|TIMEOUT|NEVER|NODE_FAIL|OUT_OF_MEMORY/.test(s));
    if (bad || Date.now() > deadline) {
      const files = await readdir(logs).catch(() => []);
      const text = await Promise.all(files.map((f) => readFile(path.join(logs, f), "utf8")));
      throw new Error(`jobs ${ids.join(", ")}: ${states.join(" ")}\n${text.join("\n")}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

describe.runIf(available || REQUIRED)("cellsim slurm on a real single-node Slurm", () => {
  let dir = "";
  let env: NodeJS.ProcessEnv = {};

  beforeAll(async () => {
    if (!available) throw new Error(`CELLSIM_REQUIRE_SLURM=1 but Slurm is not installed: ${HOW}`);
    requireDist(CLI_MAIN);
    dir = await mkdtemp(path.join(tmpdir(), "cellsim-slurm-"));
    const { stdout } = await exec(SCRIPT, ["start", path.join(dir, "slurm")]);
    const conf = /SLURM_CONF=(\S+)/.exec(stdout)?.[1];
    if (!conf) throw new Error(`slurm-local.sh printed no SLURM_CONF: ${stdout}`);
    env = { ...process.env, SLURM_CONF: conf };
    await writeTinySweep(dir);
  }, 90_000);

  afterAll(async () => {
    if (dir) await exec(SCRIPT, ["stop", path.join(dir, "slurm")]);
  });

  it("4 shards + merge via sbatch: results.json byte-identical to a local run", async () => {
    const submitted = await cellsimEnv(
      ["slurm", "tiny.json", "--shards", "4", "--out", "sharded", "--submit"],
      dir,
      env,
    );
    expect(submitted.code, submitted.stderr).toBe(0);
    const ids = [...submitted.stdout.matchAll(/^(array|merge) (\d+)$/gm)].map((m) => m[2] ?? "");
    expect(ids).toHaveLength(2);
    await waitForJobs(ids, env, path.join(dir, "sharded", "logs"));

    const manifests = await readdir(path.join(dir, "sharded", "shards"));
    expect(manifests.sort()).toEqual([0, 1, 2, 3].map((i) => `shard-${i}-of-4.json`));
    const local = await cellsimEnv(["run", "tiny.json", "--out", "local", "--jobs", "1"], dir);
    expect(local.code, local.stderr).toBe(0);
    const merged = await readFile(path.join(dir, "sharded", "results.json"));
    expect(merged.equals(await readFile(path.join(dir, "local", "results.json")))).toBe(true);
  }, 300_000);
});
