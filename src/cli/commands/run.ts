import path from "node:path";
import type { Argv } from "yargs";
import { interactiveOption, parseJobs, parseSeeds, pluginOption } from "../options.js";
import { checkOutDir } from "../out-dir.js";
import { parseShard, parseShardCount } from "../../experiment/shard-spec.js";
import { ignoreBudgetOption, printWarnings } from "../preflight.js";

/**
 * `cellsim run <experiment>`: validate, run every run (resuming), write results and the report.
 * The experiment code is imported by the handler, not at start-up, so that `cellsim --help` and
 * the other commands do not load it (docs/design.md, Start-up).
 */

interface RunArgs {
  experiment: string;
  out?: string;
  jobs?: number;
  seeds?: string;
  horizon?: string;
  quick: boolean;
  plugin?: string[];
  "ignore-budget": boolean;
  fresh: boolean;
  events?: string;
  run?: string;
  interactive: boolean;
  shard?: string;
  shards?: number;
}

export const command = "run <experiment>";
export const describe = "Run an experiment file and write results and report.html";

export function builder(y: Argv): Argv<RunArgs> {
  return y
    .positional("experiment", { type: "string", demandOption: true, describe: "experiment JSON file" })
    .option("out", {
      type: "string",
      describe: "output folder (default reports/<name>/, or reports/<name>-quick/)",
    })
    .option("jobs", {
      type: "number",
      describe: "parallel runs on worker threads (default: CPU count; 1 runs them in this process)",
    })
    .option("seeds", { type: "string", describe: "override the seeds, e.g. 1,2,3" })
    .option("horizon", { type: "string", describe: "override the simulated horizon, e.g. 1d or 3600" })
    .option("plugin", pluginOption)
    .option("ignore-budget", ignoreBudgetOption)
    .option("quick", {
      type: "boolean",
      default: false,
      describe:
        "smoke test: horizon ≤ 1d, first seed, ≤ 3 values per sweep key (the file's `quick` object can change these)",
    })
    .option("fresh", {
      type: "boolean",
      default: false,
      describe: "ignore finished runs in the output folder: run everything again, overwriting them",
    })
    .option("interactive", interactiveOption)
    .option("shard", {
      type: "string",
      describe:
        "run only shard i/n of the runs (i from 0; round-robin), or auto from a Slurm array / Kubernetes Indexed Job; writes run files and shards/shard-<i>-of-<n>.json, no report (then: cellsim merge)",
    })
    .option("shards", {
      type: "number",
      describe: "with --shard auto: the number of shards (needed on Kubernetes; on Slurm, shard = task id)",
    })
    .option("events", {
      type: "string",
      describe: "also write one run's event log to this file as JSON lines (small runs; see --run)",
    })
    .option("run", {
      type: "string",
      describe: "the run whose event log --events writes, e.g. 000-s1 (needed when there are several)",
    })
    .example("$0 run experiments/quickstart.json", "run with all CPUs; resumes if interrupted")
    .example("$0 run experiments/architectures.json --quick", "a fast look at the whole sweep")
    .example("$0 run x.json --jobs 4 --seeds 1,2 --out /tmp/x", "four workers, two seeds, custom folder")
    .example(
      "$0 run x.json --shard 0/3 --out shared/x",
      "one of three machines (docs/scale-out.md)",
    ) as Argv<RunArgs>;
}

export async function handler(args: RunArgs): Promise<void> {
  const { quick, "ignore-budget": ignoreBudget } = args;
  const overrides = { seeds: parseSeeds(args.seeds), horizon: args.horizon, quick, ignoreBudget };
  const jobs = parseJobs(args.jobs);
  const shard = parseShard(args.shard, process.env, parseShardCount(args.shards));
  const [{ loadPlan }, { runAll }, { streamProgress }] = await Promise.all([
    import("../../experiment/load-plan.js"),
    import("../../experiment/run-all.js"),
    import("../../experiment/progress.js"),
  ]);
  const plan = await loadPlan(args.experiment, overrides, { plugins: args.plugin ?? [] });
  const outDir = args.out ?? path.join("reports", args.quick ? `${plan.name}-quick` : plan.name);
  await checkOutDir(outDir);
  printWarnings(plan.warnings);
  // The event log first: a run too large for it is refused before any output is written.
  if (args.events !== undefined || args.run !== undefined) {
    const { writeRunEventLog } = await import("../event-log-option.js");
    await writeRunEventLog(plan, args.events, args.run);
  }
  const warn = (line: string): void => void process.stderr.write(`cellsim: ${line}\n`);
  if (shard) {
    const { runShard } = await import("../../experiment/shards.js");
    const options = { outDir, jobs, progress: streamProgress(), fresh: args.fresh, warn };
    const done = await runShard(plan, shard, { ...options, pluginArgs: args.plugin ?? [] });
    const label = `shard ${shard.index}/${shard.count}`;
    process.stderr.write(
      `cellsim: ${label}: ${done.executed.length} runs executed, ${done.skipped.length} resumed; run files in ${outDir} (when every shard is done: cellsim merge ${outDir} --out DIR)\n`,
    );
    process.stdout.write(`${done.manifestPath}\n`);
    return;
  }
  const result = await runAll(plan, { outDir, jobs, progress: streamProgress(), fresh: args.fresh, warn });
  process.stderr.write(
    `cellsim: ${result.executed.length} runs executed, ${result.skipped.length} resumed; results in ${outDir}\n`,
  );
  // Loaded only now, to render: the report code pulls in vega, which every other command can do without.
  const { writeReport } = await import("../../report/index.js");
  const { reportPath } = await writeReport(outDir, {
    registry: plan.registry,
    interactive: args.interactive,
  });
  process.stdout.write(`${reportPath}\n`);
}
