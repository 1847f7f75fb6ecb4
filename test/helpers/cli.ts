import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { distPath } from "./dist.js";

/** Running the built CLI as a subprocess, as a user would (`npm test` builds dist/ first). */

/**
 * The built CLI the `cellsim` binary runs (the CommonJS bundle through its code-cache launcher,
 * scripts/bundle-cli.ts); tests call `requireDist(CLI_MAIN)` before using it.
 */
export const CLI_MAIN = distPath("bundle/cli/cellsim.cjs");

/** The ES-module bundle beside it, whose worker.js worker threads run. */
export const CLI_MAIN_ESM = distPath("bundle/cli/main.js");

/** The same CLI unbundled: the compiled modules of dist/src, as the API loads them. */
export const CLI_MAIN_UNBUNDLED = distPath("src/cli/main.js");

const exec = promisify(execFile);

/** What a CLI call printed and how it exited. */
export interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `cellsim <args>` in `cwd` with the CLI `main` (and the environment `env`: default this
 * process's); a non-zero exit is returned, not thrown.
 */
export async function cellsim(
  args: string[],
  cwd: string,
  main = CLI_MAIN,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Outcome> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [main, ...args], { cwd, env });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}
