import type { Argv } from "yargs";
import { ignoreBudgetOption } from "../preflight.js";
import type { InspectArgs } from "./trace-inspect.js";
import { withTraceReadOptions, type TraceReadArgs } from "./trace-args.js";
import type { GenerateArgs } from "./trace-write.js";

/**
 * `cellsim trace generate|inspect|convert`: the command definitions. Each action's code is
 * imported when it runs (trace-write.ts, trace-inspect.ts), not at start-up (docs/design.md,
 * Start-up).
 */

export const command = "trace <action>";
export const describe = "Work with trace files (generate, inspect, convert)";

export function builder(y: Argv): Argv {
  return y
    .command(
      "generate <source>",
      "Write an experiment's or preset's synthetic workload as a native CSV trace",
      (g) =>
        g
          .positional("source", {
            type: "string",
            demandOption: true,
            describe: "experiment JSON file or preset name",
          })
          .option("out", {
            type: "string",
            demandOption: true,
            describe: "CSV file to write (.gz to compress)",
          })
          .option("seed", { type: "number", describe: "seed (default: the experiment's first seed, or 1)" })
          .option("horizon", {
            type: "string",
            describe: "last submit time, e.g. 1d or 3600 (default: the experiment's)",
          })
          .option("ignore-budget", ignoreBudgetOption)
          .example("$0 trace generate google-c --out c.csv", "one day of the google-c preset")
          .example("$0 trace generate x.json --out x.csv --seed 2", "the jobs of run 000-s2"),
      (args) => import("./trace-write.js").then((m) => m.generate(args as unknown as GenerateArgs)),
    )
    .command(
      "inspect [traces..]",
      "Print workload statistics and write an HTML workload report (Omega figs 2–4 style)",
      (g) =>
        withTraceReadOptions(g)
          .positional("traces", {
            type: "string",
            array: true,
            describe:
              "trace path, glob or comma-separated shards (several: compared; shards of one trace, e.g. an unquoted glob, are one trace)",
          })
          .option("preset", {
            type: "string",
            array: true,
            describe: "also characterize a synthetic preset (repeatable)",
          })
          .option("horizon", { type: "string", describe: "preset workload length (default 1d)" })
          .option("seed", { type: "number", describe: "preset seed (default 1)" })
          .option("out", { type: "string", describe: "report folder (default reports/workload)" })
          .option("machine-spec", {
            type: "string",
            describe: "alibaba-pai-2020: pai_machine_spec file: also print the cell it implies",
          })
          .example(
            "$0 trace inspect 'traces/google-2011-sample/task_events-*.csv.gz' --preset google-c --out reports/g",
            "a trace next to a preset",
          )
          .example("$0 trace inspect --preset google-c --horizon 1d", "a preset alone"),
      (args) => import("./trace-inspect.js").then((m) => m.inspect(args as unknown as InspectArgs)),
    )
    .command(
      "convert <trace..>",
      "Convert a trace (any format) to the native CSV",
      (g) =>
        withTraceReadOptions(g)
          .positional("trace", {
            type: "string",
            demandOption: true,
            array: true,
            describe: "trace path, glob or comma-separated shards (several: shards of one trace)",
          })
          .option("out", {
            type: "string",
            demandOption: true,
            describe: "CSV file to write (.gz to compress)",
          })
          .example("$0 trace convert log.swf.gz --format swf --out log.csv", "an SWF log as native CSV"),
      (args) =>
        import("./trace-write.js").then((m) =>
          m.convert(args as unknown as TraceReadArgs & { trace: string[]; out: string }),
        ),
    )
    .demandCommand(1, "choose an action: generate, inspect or convert");
}

export function handler(): void {
  // Only reached for an unknown action; yargs' strict mode reports it.
}
