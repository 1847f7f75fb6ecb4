import type { Argv } from "yargs";
import { interactiveOption } from "../options.js";
import { checkOutDir } from "../out-dir.js";

/**
 * `cellsim merge OUT [OUT2 …] --out FINAL`: the run files of sharded runs (`cellsim run
 * --shard i/n`) into one output folder with results, tables and the report, as `cellsim run`
 * would have written it (docs/scale-out.md). Exit 1 when runs are missing, with the commands
 * that re-run their shards.
 */

interface MergeArgs {
  dirs: string[];
  out: string;
  interactive: boolean;
}

export const command = "merge <dirs..>";
export const describe = "Merge the output folders of sharded runs into results and a report";

export function builder(y: Argv): Argv<MergeArgs> {
  return y
    .positional("dirs", {
      type: "string",
      array: true,
      demandOption: true,
      describe: "output folders the shards wrote (each holds shards/shard-<i>-of-<n>.json)",
    })
    .option("out", {
      type: "string",
      demandOption: true,
      describe: "folder to write results, tables and report.html (may be one of the shard folders)",
    })
    .option("interactive", interactiveOption)
    .example("$0 merge reports/omega --out reports/omega", "shards that shared one folder")
    .example("$0 merge a b c --out final", "three folders, one per machine") as Argv<MergeArgs>;
}

export async function handler(args: MergeArgs): Promise<void> {
  await checkOutDir(args.out);
  const { mergeShards } = await import("../../experiment/merge.js");
  const merged = await mergeShards(args.dirs.map(String), { outDir: args.out });
  process.stderr.write(
    `cellsim: merged ${merged.results.runs.length} runs from ${merged.manifests.length} shard manifests; results in ${args.out}\n`,
  );
  // Loaded only now, to render: the report code pulls in vega.
  const { writeReport } = await import("../../report/index.js");
  const { reportPath } = await writeReport(args.out, {
    registry: merged.plan.registry,
    interactive: args.interactive,
  });
  process.stdout.write(`${reportPath}\n`);
}
