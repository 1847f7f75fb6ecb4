import { existsSync } from "node:fs";
import path from "node:path";
import type { Argv } from "yargs";
import { InputError } from "../../engine/errors.js";
import type { Registry } from "../../plugins/registry.js";
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

/**
 * Merges a folder that shards filled (shards/ but no results.json yet) in place and returns the
 * experiment's registry for the report; undefined for an ordinary results folder.
 */
async function mergeIfSharded(dir: string): Promise<Registry | undefined> {
  if (existsSync(path.join(dir, "results.json"))) return undefined;
  if (!existsSync(path.join(dir, "shards")))
    throw new InputError(`${dir}: no results.json here (run an experiment first: cellsim run <file>)`);
  const { mergeShards } = await import("../../experiment/merge.js");
  const merged = await mergeShards([dir], { outDir: dir });
  process.stderr.write(`cellsim: merged ${merged.results.runs.length} runs of the shards in ${dir}\n`);
  return merged.plan.registry;
}

export async function handler(args: ReportArgs): Promise<void> {
  const registry = await mergeIfSharded(args.dir);
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
