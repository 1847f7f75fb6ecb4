import { chmod, mkdir } from "node:fs/promises";
import path from "node:path";
import { writeFileAtomic } from "../experiment/files.js";
import { SLURM_FILES, slurmArrayScript, slurmMergeScript, type SlurmResources } from "./slurm-script.js";
import { cellsimMain, type SweepTarget } from "./sweep-target.js";

/** Writing `cellsim slurm`'s scripts into the output folder (docs/scale-out.md, Slurm). */

/** Absolute paths of the two scripts written. */
export interface SlurmScripts {
  array: string;
  merge: string;
}

/**
 * Writes the array and merge scripts (executable) into the target's output folder and creates
 * its logs folder, which sbatch needs to exist before a task starts. Each file is written whole
 * or not at all.
 */
export async function writeSlurmScripts(t: SweepTarget, r: SlurmResources): Promise<SlurmScripts> {
  const main = cellsimMain();
  await mkdir(path.join(t.outDir, SLURM_FILES.logs), { recursive: true });
  const scripts = {
    array: path.join(t.outDir, SLURM_FILES.array),
    merge: path.join(t.outDir, SLURM_FILES.merge),
  };
  await writeFileAtomic(scripts.array, slurmArrayScript(t, main, r));
  await writeFileAtomic(scripts.merge, slurmMergeScript(t, main, r));
  await Promise.all([chmod(scripts.array, 0o755), chmod(scripts.merge, 0o755)]);
  return scripts;
}
