import type { Argv } from "yargs";
import { parseSeeds, pluginOption } from "../options.js";
import { ignoreBudgetOption, printWarnings } from "../preflight.js";

/** `cellsim validate <experiment>`: check the file (and its traces) and print the expanded runs. */

interface ValidateArgs {
  experiment: string;
  seeds?: string;
  horizon?: string;
  quick: boolean;
  plugin?: string[];
  "ignore-budget": boolean;
}

export const command = "validate <experiment>";
export const describe = "Check an experiment file and print its expanded runs";

export function builder(y: Argv): Argv<ValidateArgs> {
  return y
    .positional("experiment", { type: "string", demandOption: true, describe: "experiment JSON file" })
    .option("seeds", { type: "string", describe: "as for run" })
    .option("horizon", { type: "string", describe: "as for run" })
    .option("quick", { type: "boolean", default: false, describe: "as for run: show the quick runs" })
    .option("plugin", pluginOption)
    .option("ignore-budget", ignoreBudgetOption)
    .example(
      "$0 validate experiments/architectures.json",
      "list runId, seed and swept values of every run",
    ) as Argv<ValidateArgs>;
}

export async function handler(args: ValidateArgs): Promise<void> {
  // Imported by the handler, not at start-up, so that `cellsim --help` does not load it.
  const { loadPlan } = await import("../../experiment/load-plan.js");
  const plan = await loadPlan(
    args.experiment,
    {
      seeds: parseSeeds(args.seeds),
      horizon: args.horizon,
      quick: args.quick,
      ignoreBudget: args["ignore-budget"],
    },
    { plugins: args.plugin ?? [] },
  );
  printWarnings(plan.warnings);
  const points = plan.runs.length / plan.seeds.length;
  const lines = [
    `${args.experiment}: ${plan.name} is valid: ${plan.runs.length} runs (${points} sweep points × ${plan.seeds.length} seeds), horizon ${plan.horizonSec} s`,
    ["runId", "seed", "params"].join("\t"),
    ...plan.runs.map((r) => [r.runId, String(r.seed), JSON.stringify(r.params)].join("\t")),
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}
