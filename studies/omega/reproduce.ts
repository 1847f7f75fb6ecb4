import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { loadPlan } from "../../src/experiment/load-plan.js";
import { streamProgress } from "../../src/experiment/progress.js";
import { runPlans } from "../../src/experiment/run-plans.js";
import { writeReport } from "../../src/report/index.js";
import { OMEGA_STUDIES } from "./claims.js";
import { writeCombinedReport } from "./combined-report.js";

/**
 * The body of `npm run reproduce:omega [-- --quick] [-- --jobs N]` (main.ts): runs every
 * experiment of the Omega study (each with `cellsim run` semantics: all cores, progress, resume),
 * writes each one's report, then the combined `report.html` and `claims.md`. The experiments'
 * runs share one pool of workers (runPlans), in paper order: a core never waits for an
 * experiment's last runs or its report before starting the next experiment's.
 * Interrupt and re-run to resume: finished runs are kept.
 */

export interface ReproduceOptions {
  quick: boolean;
  jobs?: number | undefined;
  /** Output root (default reports/omega/ or reports/omega-quick/). */
  out?: string | undefined;
  log?: (line: string) => void;
}

/** What one experiment cost (kept out of the reports: it varies from run to run). */
interface StudyTiming {
  name: string;
  runs: number;
  executed: number;
  /** Its runs' own wall seconds, summed (what it costs a core). */
  runSec: number;
  /** Seconds from the study's start until its report was written. */
  doneAtSec: number;
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
  const started = performance.now();
  const timings: StudyTiming[] = [];
  const entries = plans.map((plan) => ({ plan, outDir: path.join(root, plan.name) }));
  await runPlans(entries, {
    jobs: opts.jobs,
    progress: streamProgress(),
    onPlanDone: async ({ plan, outDir }, result) => {
      await writeReport(outDir);
      const doneAtSec = (performance.now() - started) / 1000;
      const runSec = await runSeconds(outDir);
      timings.push({
        name: plan.name,
        runs: plan.runs.length,
        executed: result.executed.length,
        runSec,
        doneAtSec,
      });
      log(
        `[${timings.length}/${plans.length}] ${plan.name}: ${plan.runs.length} runs (${result.skipped.length} resumed), ` +
          `${runSec.toFixed(1)} s of runs, report written at ${doneAtSec.toFixed(1)} s`,
      );
    },
  });
  const wallSec = (performance.now() - started) / 1000;
  await writeFile(
    path.join(root, "reproduce-timings.json"),
    `${JSON.stringify({ wallSec, timings }, null, 2)}\n`,
  );
  return writeCombinedReport(root, opts.quick);
}

/** The summed wall seconds of the runs in an output folder's timings.json. */
async function runSeconds(outDir: string): Promise<number> {
  const timings = JSON.parse(await readFile(path.join(outDir, "timings.json"), "utf8")) as {
    runs: { wallSec: number }[];
  };
  return timings.runs.reduce((sum, r) => sum + r.wallSec, 0);
}
