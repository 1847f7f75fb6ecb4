import { writeFile } from "node:fs/promises";
import path from "node:path";
import { loadPlan } from "../../src/experiment/load-plan.js";
import { streamProgress } from "../../src/experiment/progress.js";
import { runAll } from "../../src/experiment/run-all.js";
import { writeReport } from "../../src/report/index.js";
import { OMEGA_STUDIES } from "./claims.js";
import { writeCombinedReport } from "./combined-report.js";

/**
 * The body of `npm run reproduce:omega [-- --quick] [-- --jobs N]` (main.ts): runs every
 * experiment of the Omega study in paper order (each with `cellsim run` semantics: all cores,
 * progress, resume), writes each one's report, then the combined `report.html` and `claims.md`.
 * Interrupt and re-run to resume: finished runs are kept.
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
  return writeCombinedReport(root, opts.quick);
}
