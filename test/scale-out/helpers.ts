import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { CLI_MAIN, type Outcome } from "../helpers/cli.js";

/** Shared by the scale-out tests: a tiny sweep, and the built CLI run with a chosen environment. */

const exec = promisify(execFile);

/** Eight runs (four sweep points × two seeds) of a few simulated minutes each. */
export const TINY_SWEEP = {
  name: "tiny",
  horizon: "15m",
  seeds: [1, 2],
  cluster: { machines: 10, cpus: 4, memGb: 16 },
  workload: { preset: "google-c", rateMultiplier: 0.1 },
  architecture: { type: "monolithic", decisionTime: { perJob: "0.1s", perTask: "5ms" } },
  sweep: { "architecture.decisionTime.perJob": ["0.01s", "0.1s", "1s", "10s"] },
};

/** Writes {@link TINY_SWEEP} as `dir/tiny.json`. */
export async function writeTinySweep(dir: string): Promise<void> {
  await writeFile(path.join(dir, "tiny.json"), JSON.stringify(TINY_SWEEP));
}

/** Runs `cellsim <args>` in `cwd` with `env` added to this process's; a non-zero exit is returned. */
export async function cellsimEnv(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Outcome> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [CLI_MAIN, ...args], {
      cwd,
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}
