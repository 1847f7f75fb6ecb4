import path from "node:path";
import type { Argv } from "yargs";
import { checkOutDir } from "../cli/out-dir.js";
import { pluginOption } from "../cli/options.js";
import { ignoreBudgetOption, printWarnings } from "../cli/preflight.js";
import { parseShardCount } from "../experiment/shard-spec.js";
import { defaultOutDir, overrideFlags, type SweepTarget } from "./sweep-target.js";

/**
 * The arguments `cellsim slurm` and `cellsim k8s` share: the experiment, the shard count, the
 * output folder and the `run` flags that change the plan. The experiment is loaded here, on the
 * submitting machine, so a typo fails before anything is queued.
 */

/** Parsed shared arguments. */
export interface TargetArgs {
  experiment: string;
  shards?: number;
  out?: string;
  quick: boolean;
  seeds?: string;
  horizon?: string;
  plugin?: string[];
  "ignore-budget": boolean;
}

/** Adds the shared positional and options to a command's builder. */
export function targetOptions<T>(y: Argv<T>): Argv<T & TargetArgs> {
  return y
    .positional("experiment", { type: "string", demandOption: true, describe: "experiment JSON file" })
    .option("shards", { type: "number", demandOption: true, describe: "number of shards (N ≥ 1)" })
    .option("out", {
      type: "string",
      describe: "output folder the shards share (default reports/<name>/, or reports/<name>-quick/)",
    })
    .option("quick", { type: "boolean", default: false, describe: "as `cellsim run --quick`" })
    .option("seeds", { type: "string", describe: "as `cellsim run --seeds`" })
    .option("horizon", { type: "string", describe: "as `cellsim run --horizon`" })
    .option("plugin", pluginOption)
    .option("ignore-budget", ignoreBudgetOption) as unknown as Argv<T & TargetArgs>;
}

/**
 * Loads the experiment as the shards will (same overrides and plug-ins), checks the output
 * folder, and returns the target; the work folder is this one, where the shards must start.
 */
export async function resolveTarget(args: TargetArgs): Promise<SweepTarget & { runs: number }> {
  // yargs demands --shards, so only its value is checked here.
  const shards = parseShardCount(args.shards) ?? 1;
  const { parseSeeds } = await import("../cli/options.js");
  const { loadPlan } = await import("../experiment/load-plan.js");
  const overrides = {
    seeds: parseSeeds(args.seeds),
    horizon: args.horizon,
    quick: args.quick,
    ignoreBudget: args["ignore-budget"],
  };
  const plan = await loadPlan(args.experiment, overrides, { plugins: args.plugin ?? [] });
  printWarnings(plan.warnings);
  const workDir = process.cwd();
  const outDir =
    args.out !== undefined ? path.resolve(args.out) : defaultOutDir(workDir, plan.name, args.quick);
  await checkOutDir(args.out ?? outDir);
  const flags = { ...args, ignoreBudget: args["ignore-budget"] };
  return {
    experiment: args.experiment,
    outDir,
    workDir,
    name: plan.name,
    shards,
    runFlags: overrideFlags(flags),
    runs: plan.runs.length,
  };
}
