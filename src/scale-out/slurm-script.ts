import path from "node:path";
import { shellWord } from "../experiment/rerun.js";
import type { SweepTarget } from "./sweep-target.js";

/**
 * The two batch scripts of `cellsim slurm` (docs/scale-out.md, Slurm): an array job with one task
 * per shard, and a merge job meant to run after it (`--dependency=afterok:<array job>`).
 *
 * Each task runs `cellsim run … --shard auto --shards N`: the shard is the task's
 * SLURM_ARRAY_TASK_ID of N, so a resubmission of only some tasks (`sbatch --array=3,7`) still
 * runs shards 3 and 7 of N. Tasks write per-run files into the shared output folder and resume
 * what a requeued task had finished. Logs go to `<out>/logs/`, which Slurm does not create: the
 * writer of these scripts must.
 */

/** Resources of each array task (sbatch options; omitted ones take the cluster's defaults). */
export interface SlurmResources {
  /** `--partition`. */
  partition?: string | undefined;
  /** `--time`, in any form sbatch accepts (e.g. 2:00:00, 1-00:00:00). */
  time?: string | undefined;
  /** `--mem`, per node (e.g. 4G). */
  mem?: string | undefined;
  /** `--cpus-per-task`: also the shard's worker threads (`--jobs`). */
  cpusPerTask?: number | undefined;
}

/** File names inside the output folder. */
export const SLURM_FILES = {
  array: "slurm-array.sbatch",
  merge: "slurm-merge.sbatch",
  logs: "logs",
} as const;

/** `#SBATCH` lines for the resources that were given. */
function resourceLines(r: SlurmResources): string[] {
  return [
    ...(r.partition !== undefined ? [`#SBATCH --partition=${r.partition}`] : []),
    ...(r.time !== undefined ? [`#SBATCH --time=${r.time}`] : []),
    ...(r.mem !== undefined ? [`#SBATCH --mem=${r.mem}`] : []),
    ...(r.cpusPerTask !== undefined ? [`#SBATCH --cpus-per-task=${r.cpusPerTask}`] : []),
  ];
}

/** Lines both scripts start with. */
function header(t: SweepTarget, jobName: string, log: string, what: string): string[] {
  return [
    "#!/bin/bash",
    `# ${what} — written by \`cellsim slurm\` (docs/scale-out.md).`,
    `#SBATCH --job-name=${jobName}`,
    `#SBATCH --chdir=${t.workDir}`,
    `#SBATCH --output=${path.join(t.outDir, SLURM_FILES.logs, log)}`,
  ];
}

/**
 * The array job: tasks 0…N−1, one shard each. `--jobs` is the task's CPU allocation, not the
 * node's CPU count (which `run` would otherwise use, oversubscribing a shared node).
 */
export function slurmArrayScript(t: SweepTarget, main: string, r: SlurmResources): string {
  const run = [main, "run", t.experiment, "--shard", "auto", "--shards", String(t.shards)];
  const rest = ["--out", t.outDir, ...t.runFlags].map(shellWord).join(" ");
  return [
    ...header(t, `cellsim-${t.name}`, "shard-%a-job-%A.log", `${t.shards} shards of ${t.name}`),
    `#SBATCH --array=0-${t.shards - 1}`,
    ...resourceLines(r),
    "set -euo pipefail",
    `exec node ${run.map(shellWord).join(" ")} ${rest} --jobs "\${SLURM_CPUS_PER_TASK:-1}"`,
    "",
  ].join("\n");
}

/** The merge job: results.json, the tables and the report from the shards' per-run files. */
export function slurmMergeScript(t: SweepTarget, main: string, r: SlurmResources): string {
  const merge = [main, "merge", t.outDir, "--out", t.outDir].map(shellWord).join(" ");
  return [
    ...header(t, `cellsim-${t.name}-merge`, "merge-job-%j.log", `merge of ${t.name}`),
    ...resourceLines({ partition: r.partition, time: r.time, mem: r.mem }),
    "set -euo pipefail",
    `exec node ${merge}`,
    "",
  ].join("\n");
}
