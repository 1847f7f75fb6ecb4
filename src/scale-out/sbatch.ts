import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { InputError } from "../engine/errors.js";
import { shellWord } from "../experiment/rerun.js";

/**
 * Submitting with `sbatch --parsable` (which prints `JOBID` or `JOBID;CLUSTER`), and the same
 * commands as text for a user to run by hand. A failed sbatch is the user's environment (no
 * Slurm, a bad partition), so it is an InputError carrying sbatch's own message.
 */

const exec = promisify(execFile);

/** Submits `script` (after the jobs in `afterOk`, if any) and returns its job id. */
export async function sbatch(script: string, afterOk: readonly string[] = []): Promise<string> {
  const args = ["--parsable", ...dependency(afterOk), script];
  let stdout: string;
  try {
    ({ stdout } = await exec("sbatch", args));
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: string };
    const why = err.code === "ENOENT" ? "sbatch not found (is this a Slurm login node?)" : err.stderr?.trim();
    throw new InputError(`sbatch ${script}: ${why || err.message}`);
  }
  const id = stdout.trim().split(";")[0] ?? "";
  if (!/^\d+$/.test(id)) throw new InputError(`sbatch ${script}: expected a job id, got "${stdout.trim()}"`);
  return id;
}

function dependency(afterOk: readonly string[]): string[] {
  return afterOk.length > 0 ? [`--dependency=afterok:${afterOk.join(":")}`] : [];
}

/**
 * The shell lines that submit an array script into `$variable` and then `after` with
 * `afterok` on it: what `cellsim slurm` prints without `--submit`.
 */
export function submitLines(arrayScript: string, mergeScript: string, variable = "array"): string[] {
  return [
    `${variable}=$(sbatch --parsable ${shellWord(arrayScript)})`,
    `sbatch --dependency=afterok:$${variable} ${shellWord(mergeScript)}`,
  ];
}
