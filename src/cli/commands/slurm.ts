import path from "node:path";
import type { Argv } from "yargs";
import { InputError } from "../../engine/errors.js";
import { targetOptions, type TargetArgs } from "../../scale-out/cli-target.js";

/**
 * `cellsim slurm <experiment> --shards N`: writes a Slurm array job (one task per shard) and a
 * merge job into the output folder, and with `--submit` submits both, the merge after the array
 * succeeds (docs/scale-out.md, Slurm). The scale-out code is imported by the handler.
 */

interface SlurmArgs extends TargetArgs {
  partition?: string;
  time?: string;
  mem?: string;
  "cpus-per-task"?: number;
  submit: boolean;
}

export const command = "slurm <experiment>";
export const describe = "Write (and --submit) a Slurm job array of shards plus a merge job";

export function builder(y: Argv): Argv<SlurmArgs> {
  return targetOptions(y)
    .option("partition", { type: "string", describe: "sbatch --partition of every job" })
    .option("time", { type: "string", describe: "sbatch --time of every job, e.g. 4:00:00" })
    .option("mem", { type: "string", describe: "sbatch --mem of every job, e.g. 4G" })
    .option("cpus-per-task", {
      type: "number",
      describe: "sbatch --cpus-per-task of each shard; also its worker threads (default 1)",
    })
    .option("submit", {
      type: "boolean",
      default: false,
      describe: "submit with sbatch (array, then merge with afterok); otherwise print the commands",
    })
    .example("$0 slurm exp.json --shards 32 --time 2:00:00 --submit", "32 shards and a merge, submitted")
    .example(
      "$0 slurm exp.json --shards 8 --partition short",
      "write the scripts, print the commands",
    ) as Argv<SlurmArgs>;
}

function cpusPerTask(value: number | undefined): number | undefined {
  if (value !== undefined && (!Number.isInteger(value) || value < 1))
    throw new InputError(`--cpus-per-task: expected a positive integer, got ${value}`);
  return value;
}

export async function handler(args: SlurmArgs): Promise<void> {
  const cpus = cpusPerTask(args["cpus-per-task"]);
  const [{ resolveTarget }, { writeSlurmScripts }, { sbatch, submitLines }] = await Promise.all([
    import("../../scale-out/cli-target.js"),
    import("../../scale-out/slurm.js"),
    import("../../scale-out/sbatch.js"),
  ]);
  const target = await resolveTarget(args);
  const resources = { partition: args.partition, time: args.time, mem: args.mem, cpusPerTask: cpus };
  const scripts = await writeSlurmScripts(target, resources);
  const where = path.relative(process.cwd(), target.outDir) || ".";
  process.stderr.write(
    `cellsim: ${target.runs} runs in ${target.shards} shards; scripts and logs in ${where}\n`,
  );
  if (!args.submit) {
    process.stdout.write(`${submitLines(scripts.array, scripts.merge).join("\n")}\n`);
    return;
  }
  const arrayId = await sbatch(scripts.array);
  const mergeId = await sbatch(scripts.merge, [arrayId]);
  process.stdout.write(`array ${arrayId}\nmerge ${mergeId}\n`);
}
