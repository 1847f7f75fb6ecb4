import { writeFile } from "node:fs/promises";
import path from "node:path";
import type { Argv } from "yargs";
import { InputError } from "../../engine/errors.js";
import { loadPlan } from "../../experiment/load-plan.js";
import { streamProgress } from "../../experiment/progress.js";
import { runAll } from "../../experiment/run-all.js";
import { OMEGA_STUDIES } from "../../report/omega/claims.js";
import { parseJobs } from "../options.js";

/**
 * `cellsim reproduce omega [--quick] [--jobs N]`: runs every experiment of the Omega study in
 * paper order (each with `cellsim run` semantics: all cores, progress, resume), writes each one's
 * report, then the combined `report.html`. Interrupt and re-run to resume: finished runs are kept.
 * Also the body of `npm run reproduce:omega` (scripts/reproduce-omega.ts).
 */

export interface ReproduceOptions {
  quick: boolean;
  jobs?: number | undefined;
  /** Output root (default reports/omega/ or reports/omega-quick/). */
  out?: string | undefined;
  log?: (line: string) => void;
}

/** Wall time of one experiment (kept out of the reports: it varies from run to run). */
interface StudyTiming {
  name: string;
  runs: number;
  executed: number;
  wallSec: number;
}

/** Runs the whole study and returns the combined report's path. */
export async function reproduceOmega(opts: ReproduceOptions): Promise<string> {
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const root = opts.out ?? path.join("reports", opts.quick ? "omega-quick" : "omega");
  // Validate every file first: a typo in the last one should not surface after an hour of runs.
  const plans = [];
  for (const study of OMEGA_STUDIES) plans.push(await loadPlan(study.file, { quick: opts.quick }));
  const total = plans.reduce((a, p) => a + p.runs.length, 0);
  log(`reproduce omega${opts.quick ? " --quick" : ""}: ${plans.length} experiments, ${total} runs → ${root}`);
  const { writeReport } = await import("../../report/index.js");
  const timings: StudyTiming[] = [];
  for (const [i, plan] of plans.entries()) {
    log(`[${i + 1}/${plans.length}] ${plan.file}: ${plan.runs.length} runs`);
    const started = performance.now();
    const outDir = path.join(root, plan.name);
    const result = await runAll(plan, { outDir, jobs: opts.jobs, progress: streamProgress() });
    await writeReport(outDir);
    const wallSec = (performance.now() - started) / 1000;
    timings.push({ name: plan.name, runs: plan.runs.length, executed: result.executed.length, wallSec });
    log(
      `[${i + 1}/${plans.length}] ${plan.name}: done in ${wallSec.toFixed(1)} s (${result.skipped.length} resumed)`,
    );
  }
  await writeFile(path.join(root, "reproduce-timings.json"), `${JSON.stringify({ timings }, null, 2)}\n`);
  const { writeCombinedReport } = await import("../../report/omega/combined-report.js");
  return writeCombinedReport(root, opts.quick);
}

interface ReproduceArgs {
  study: string;
  quick: boolean;
  jobs?: number;
  out?: string;
}

export const command = "reproduce <study>";
export const describe = "Run a paper's whole study and write one combined report (study: omega)";

export function builder(y: Argv): Argv<ReproduceArgs> {
  return y
    .positional("study", { type: "string", demandOption: true, choices: ["omega"], describe: "which study" })
    .option("quick", {
      type: "boolean",
      default: false,
      describe: "CI-sized: each file's `quick` settings (short horizon, one seed, ≤ 3 values per key)",
    })
    .option("jobs", { type: "number", describe: "parallel runs on worker threads (default: CPU count)" })
    .option("out", {
      type: "string",
      describe: "output root (default reports/omega/ or reports/omega-quick/)",
    })
    .example("$0 reproduce omega --quick", "smoke test of every Omega figure")
    .example("$0 reproduce omega", "the full study (resumes if interrupted)") as Argv<ReproduceArgs>;
}

export async function handler(args: ReproduceArgs): Promise<void> {
  if (args.study !== "omega") throw new InputError(`unknown study "${args.study}": expected omega`);
  const report = await reproduceOmega({ quick: args.quick, jobs: parseJobs(args.jobs), out: args.out });
  process.stdout.write(`${report}\n`);
}
