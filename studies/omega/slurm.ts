import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { writeFileAtomic } from "../../src/experiment/files.js";
import { loadPlan } from "../../src/experiment/load-plan.js";
import { shellWord } from "../../src/experiment/rerun.js";
import { sbatch } from "../../src/scale-out/sbatch.js";
import { writeSlurmScripts } from "../../src/scale-out/slurm.js";
import { OMEGA_STUDIES } from "./claims.js";

/**
 * `npm run reproduce:omega -- --slurm N [--submit]`: the Omega study on a Slurm cluster. Each
 * experiment gets what `cellsim slurm` writes (an array of N shards and a merge job, in its own
 * folder, so each merges, reports and can be resubmitted on its own), and the study root gets
 * one more job, after every merge, that runs this reproduce command again: with every run
 * finished it executes nothing and writes the per-experiment reports, the combined report and
 * claims.md. Jobs take the cluster's default partition, time and memory; give them per
 * experiment with `cellsim slurm` if those do not fit (docs/scale-out.md).
 */

export interface OmegaSlurmOptions {
  quick: boolean;
  shards: number;
  /** Output root (default reports/omega/ or reports/omega-quick/). */
  out?: string | undefined;
  submit: boolean;
  log: (line: string) => void;
}

const COMBINED = "slurm-combined.sbatch";

/** The last job: this entry point again, on a root whose runs are all finished. */
function combinedScript(root: string, quick: boolean): string {
  const main = fileURLToPath(new URL("./main.js", import.meta.url));
  const args = [main, ...(quick ? ["--quick"] : []), "--jobs", "1", "--out", root].map(shellWord);
  return [
    "#!/bin/bash",
    "# The Omega study's reports after every experiment's merge — written by reproduce:omega --slurm.",
    "#SBATCH --job-name=cellsim-omega-combined",
    `#SBATCH --chdir=${process.cwd()}`,
    `#SBATCH --output=${path.join(root, "logs", "combined-job-%j.log")}`,
    "set -euo pipefail",
    `exec node ${args.join(" ")}`,
    "",
  ].join("\n");
}

/** Writes every script; submits them with `submit`, else returns the commands to run. */
export async function omegaSlurm(o: OmegaSlurmOptions): Promise<string[]> {
  const root = path.resolve(o.out ?? path.join("reports", o.quick ? "omega-quick" : "omega"));
  const experiments = [];
  for (const study of OMEGA_STUDIES) {
    const plan = await loadPlan(study.file, { quick: o.quick });
    const target = {
      experiment: study.file,
      outDir: path.join(root, plan.name),
      workDir: process.cwd(),
      name: plan.name,
      shards: o.shards,
      runFlags: o.quick ? ["--quick"] : [],
    };
    experiments.push({ name: plan.name, ...(await writeSlurmScripts(target, {})) });
  }
  const combined = path.join(root, COMBINED);
  await mkdir(path.join(root, "logs"), { recursive: true });
  await writeFileAtomic(combined, combinedScript(root, o.quick));
  o.log(`reproduce omega --slurm ${o.shards}: ${experiments.length} arrays of ${o.shards} shards → ${root}`);
  if (!o.submit) {
    const lines = experiments.flatMap((e, i) => [
      `a${i}=$(sbatch --parsable ${shellWord(e.array)})`,
      `m${i}=$(sbatch --parsable --dependency=afterok:$a${i} ${shellWord(e.merge)})`,
    ]);
    const merges = experiments.map((_, i) => `$m${i}`).join(":");
    return [...lines, `sbatch --dependency=afterok:${merges} ${shellWord(combined)}`];
  }
  const ids: string[] = [];
  const merges: string[] = [];
  for (const e of experiments) {
    const arrayId = await sbatch(e.array);
    const mergeId = await sbatch(e.merge, [arrayId]);
    merges.push(mergeId);
    ids.push(`${e.name}: array ${arrayId}, merge ${mergeId}`);
  }
  ids.push(`combined report: ${await sbatch(combined, merges)}`);
  return ids;
}
