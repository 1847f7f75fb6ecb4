import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { distPath } from "./dist.js";

/** Running the built CLI as a subprocess, as a user would (`npm test` builds dist/ first). */

/** The built CLI entry; tests call `requireDist(CLI_MAIN)` before using it. */
export const CLI_MAIN = distPath("src/cli/main.js");

const exec = promisify(execFile);

/** What a CLI call printed and how it exited. */
export interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `cellsim <args>` in `cwd`; a non-zero exit is returned, not thrown. */
export async function cellsim(args: string[], cwd: string): Promise<Outcome> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [CLI_MAIN, ...args], { cwd });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}
