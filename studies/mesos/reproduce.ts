import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { withInputs } from "../../src/experiment/load-plan.js";
import { BUILTIN_CONTEXT, planFromJson } from "../../src/experiment/plan.js";
import { streamProgress } from "../../src/experiment/progress.js";
import { runPlans } from "../../src/experiment/run-plans.js";
import { writeReport } from "../../src/report/index.js";
import { analyticTable } from "./analytic.js";
import { ANALYTIC_FILE, writeCombinedReport } from "./combined-report.js";
import { MESOS_EXPERIMENTS } from "./experiments.js";

/**
 * The body of `npm run reproduce:mesos [-- --quick] [-- --jobs N]` (main.ts): computes the
 * analytic table on the idealized cell, runs every experiment of the study (each with `cellsim
 * run` semantics: worker threads, progress, resume) and writes each one's report, then the
 * combined `report.html` and `claims.md`.
 */

export interface ReproduceOptions {
  quick: boolean;
  jobs?: number | undefined;
  /** Output root (default reports/mesos/ or reports/mesos-quick/). */
  out?: string | undefined;
  log?: (line: string) => void;
}

/** Runs the whole study and returns the combined report's path. */
export async function reproduceMesos(opts: ReproduceOptions): Promise<string> {
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const root = opts.out ?? path.join("reports", opts.quick ? "mesos-quick" : "mesos");
  const label = (name: string) => `studies/mesos/experiments.ts (${name})`;
  // Validate every experiment first: a mistake in the last one should not surface after the others ran.
  const plans = [];
  for (const e of MESOS_EXPERIMENTS) {
    const parsed = planFromJson(e, label(e.name), { quick: opts.quick }, (p) => p, BUILTIN_CONTEXT);
    plans.push(await withInputs(parsed, label(e.name)));
  }
  await mkdir(root, { recursive: true });
  const started = performance.now();
  const rows = analyticTable();
  await writeFile(path.join(root, ANALYTIC_FILE), `${JSON.stringify({ rows }, null, 2)}\n`);
  // Seconds from the start until each part was written.
  const timings = [{ name: "analytic", runs: rows.length, doneAtSec: (performance.now() - started) / 1000 }];
  // The experiments' runs share one pool of workers, in order (runPlans): no core waits for an
  // experiment's last runs or its report before starting the next one's.
  const entries = plans.map((plan) => ({ plan, outDir: path.join(root, plan.name) }));
  await runPlans(entries, {
    jobs: opts.jobs,
    progress: streamProgress(),
    onPlanDone: async ({ plan, outDir }) => {
      await writeReport(outDir);
      const doneAtSec = (performance.now() - started) / 1000;
      timings.push({ name: plan.name, runs: plan.runs.length, doneAtSec });
      log(
        `[${timings.length - 1}/${plans.length}] ${plan.name}: ${plan.runs.length} runs, report written at ${doneAtSec.toFixed(1)} s`,
      );
    },
  });
  // Wall times vary from run to run: kept out of the reports.
  await writeFile(
    path.join(root, "reproduce-timings.json"),
    `${JSON.stringify({ wallSec: (performance.now() - started) / 1000, timings }, null, 2)}\n`,
  );
  return writeCombinedReport(root, opts.quick);
}
