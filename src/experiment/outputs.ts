import path from "node:path";
import { gzipSync } from "node:zlib";
import type { RunConfig } from "./config.js";
import { jsonText, writeFileAtomic } from "./files.js";
import type { InputFile } from "./inputs.js";
import type { ExperimentPlan, PlanOverrides, PluginFile } from "./plan.js";
import { codeIdentity, gitCommit, type CodeIdentity } from "./provenance.js";
import { resultsCsv } from "./results-csv.js";
import { RESULTS_SCHEMA_VERSION, type ResultsFile, type RunSummary } from "./results-types.js";
import { frameworksCsv } from "./framework-table.js";
import { jobsCsv, runsCsv, schedulerSeriesCsv, schedulersCsv, workloadsCsv } from "./tidy-tables.js";
import type { StoredRun } from "./run-store.js";
import type { RunTiming } from "./executor.js";

/**
 * The files at the top of an output folder, written once every run is done: results.json
 * (byte-identical for the same inputs), results.csv (kept for compatibility), the tidy tables
 * runs.csv, workloads.csv, schedulers.csv, scheduler-series.csv, frameworks.csv and jobs.csv.gz (cell-model runs;
 * see tidy-tables.ts), timings.json and manifest.json.
 */

/** manifest.json: how the results were produced (not byte-stable: it names node and git). */
export interface Manifest {
  experiment: { name: string; description: string; file: string };
  /** The experiment JSON after command-line overrides (sweep included), exactly as expanded. */
  config: Record<string, unknown>;
  overrides: PlanOverrides;
  seeds: number[];
  sweepPaths: string[];
  /** The code that produced the runs (part of every run's resume hash). */
  cellsim: CodeIdentity;
  /** The plug-in modules loaded, with the sha256 of their bytes. */
  plugins: PluginFile[];
  /** `git rev-parse HEAD` of the checkout, null outside git. */
  gitCommit: string | null;
  node: string;
  /** The experiment file and every trace it read, with sha256 of their bytes. */
  inputs: InputFile[];
  /** Problems found before running that did not stop it (as printed on stderr). */
  warnings: string[];
  /** Every run with its resolved, unit-converted config (durations in µs) and resume hash. */
  runs: {
    runId: string;
    seed: number;
    params: Record<string, unknown>;
    hash: string;
    config: RunConfig;
  }[];
}

/** timings.json: wall-clock figures per run (runs resumed from disk keep their first timing). */
export interface TimingsFile {
  runs: ({ runId: string; resumed: boolean } & RunTiming)[];
}

/** What results.json keeps of a finished run. */
export type FinishedRun = Pick<StoredRun, "runId" | "seed" | "params" | "summary">;

/** Stored runs in the plan's expansion order (points in sweep order, seeds in file order). */
function inPlanOrder<R extends FinishedRun>(plan: ExperimentPlan, stored: readonly R[]): R[] {
  const rank = new Map(plan.runs.map((r, i) => [r.runId, i]));
  return [...stored].sort((a, b) => (rank.get(a.runId) ?? 0) - (rank.get(b.runId) ?? 0));
}

/** The summary without its per-job records, which live in runs/<id>.json and jobs.csv.gz. */
function withoutJobs(summary: RunSummary): RunSummary {
  if (summary.jobs === undefined) return summary;
  const { jobs: _jobs, ...rest } = summary;
  return rest;
}

/**
 * Writes the tidy tables of a cell-model experiment; scheduler-series.csv and jobs.csv.gz only
 * when runs recorded them (gzipSync writes mtime 0 in the header, so the bytes depend on the
 * content only).
 */
async function writeTidyTables(
  outDir: string,
  plan: ExperimentPlan,
  stored: readonly StoredRun[],
  results: ResultsFile,
): Promise<void> {
  const runs = results.runs;
  const paths = plan.sweepPaths;
  await writeFileAtomic(path.join(outDir, "runs.csv"), runsCsv(runs, paths));
  await writeFileAtomic(path.join(outDir, "workloads.csv"), workloadsCsv(runs, paths));
  await writeFileAtomic(path.join(outDir, "schedulers.csv"), schedulersCsv(runs, paths));
  const series = schedulerSeriesCsv(runs, paths);
  if (series !== null) await writeFileAtomic(path.join(outDir, "scheduler-series.csv"), series);
  const frameworks = frameworksCsv(runs, paths);
  if (frameworks !== null) await writeFileAtomic(path.join(outDir, "frameworks.csv"), frameworks);
  const jobs = jobsCsv(inPlanOrder(plan, stored));
  if (jobs !== null) await writeFileAtomic(path.join(outDir, "jobs.csv.gz"), gzipSync(jobs));
}

/** Builds results.json's content from the stored runs, in the plan's expansion order. */
export function buildResults(plan: ExperimentPlan, stored: readonly FinishedRun[]): ResultsFile {
  const sorted = inPlanOrder(plan, stored);
  const runs = sorted.map((s) => ({
    runId: s.runId,
    seed: s.seed,
    params: s.params,
    summary: withoutJobs(s.summary),
  }));
  const results = {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    experiment: {
      name: plan.name,
      description: plan.description,
      figures: [...plan.figures],
      figureAxes: plan.figureAxes,
      sweepPaths: [...plan.sweepPaths],
      horizonSec: plan.horizonSec,
    },
    runs,
  };
  return results as ResultsFile;
}

function buildManifest(plan: ExperimentPlan, hashes: ReadonlyMap<string, string>): Manifest {
  return {
    experiment: { name: plan.name, description: plan.description, file: plan.file },
    config: plan.experiment,
    overrides: plan.overrides,
    seeds: plan.seeds,
    sweepPaths: plan.sweepPaths,
    cellsim: codeIdentity(),
    plugins: plan.plugins,
    gitCommit: gitCommit(),
    node: process.version,
    inputs: plan.inputs,
    warnings: plan.warnings,
    runs: plan.runs.map((r) => ({ ...r, hash: hashes.get(r.runId) ?? "" })),
  };
}

/** Writes results.json, results.csv, timings.json and manifest.json (each atomically). */
export async function writeOutputs(
  outDir: string,
  plan: ExperimentPlan,
  stored: readonly StoredRun[],
  resumed: ReadonlySet<string>,
): Promise<ResultsFile> {
  const results = buildResults(plan, stored);
  const timings: TimingsFile = {
    runs: inPlanOrder(plan, stored).map((s) => ({
      runId: s.runId,
      resumed: resumed.has(s.runId),
      ...s.timing,
    })),
  };
  const hashes = new Map(stored.map((s) => [s.runId, s.hash]));
  await writeFileAtomic(path.join(outDir, "results.json"), jsonText(results));
  await writeFileAtomic(path.join(outDir, "results.csv"), resultsCsv(results.runs, plan.sweepPaths));
  await writeTidyTables(outDir, plan, stored, results);
  await writeFileAtomic(path.join(outDir, "timings.json"), jsonText(timings));
  await writeFileAtomic(path.join(outDir, "manifest.json"), jsonText(buildManifest(plan, hashes)));
  return results;
}
