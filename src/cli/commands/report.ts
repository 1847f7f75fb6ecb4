import { existsSync } from "node:fs";
import path from "node:path";
import type { Argv } from "yargs";
import { InputError } from "../../engine/errors.js";
import { interactiveOption, parseList } from "../options.js";

/**
 * `cellsim report <results-dir>`: re-render report.html (and figures) from results.json. A folder
 * that shards filled (shards/ but no results.json yet) is merged in place first, as `cellsim merge
 * DIR --out DIR` would.
 */

interface ReportArgs {
  dir: string;
  figures?: string;
  interactive: boolean;
}

export const command = "report <dir>";
export const describe = "Re-render report.html from a results folder";

export function builder(y: Argv): Argv<ReportArgs> {
  return y
    .positional("dir", { type: "string", demandOption: true, describe: "folder holding results.json" })
    .option("figures", {
      type: "string",
      describe: "figure kinds to draw instead of the experiment's, e.g. a,b",
    })
    .option("interactive", interactiveOption)
    .example("$0 report reports/quickstart", "re-render after changing the report code")
    .example(
      "$0 report reports/x --figures utilization-over-time",
      "draw other figure kinds",
    ) as Argv<ReportArgs>;
}

export async function handler(args: ReportArgs): Promise<void> {
  const unmerged =
    !existsSync(path.join(args.dir, "results.json")) && existsSync(path.join(args.dir, "shards"));
  let registry;
  if (unmerged) {
    const { mergeShards } = await import("../../experiment/merge.js");
    const merged = await mergeShards([args.dir], { outDir: args.dir });
    process.stderr.write(`cellsim: merged ${merged.results.runs.length} runs of the shards in ${args.dir}\n`);
    registry = merged.plan.registry;
  } else if (!existsSync(path.join(args.dir, "results.json"))) {
    throw new InputError(`${args.dir}: no results.json here (run an experiment first: cellsim run <file>)`);
  }
  const figures = parseList(args.figures);
  // Loaded on demand: the report code pulls in vega, which every other command can do without.
  const { writeReport } = await import("../../report/index.js");
  const { reportPath } = await writeReport(args.dir, {
    ...(figures ? { figures } : {}),
    ...(registry ? { registry } : {}),
    interactive: args.interactive,
  });
  process.stdout.write(`${reportPath}\n`);
}
