import path from "node:path";
import type { ExperimentPlan, PlanOverrides } from "./experiment/plan.js";
import { loadContext, loadPlan, withInputs } from "./experiment/load-plan.js";
import { planFromJson } from "./experiment/plan.js";
import { tracePathResolver } from "./experiment/inputs.js";
import { buildResults } from "./experiment/outputs.js";
import type { ResultsFile } from "./experiment/results-types.js";
import { runAll, type RunAllResult } from "./experiment/run-all.js";
import { runOne } from "./experiment/run-one.js";
import { mergeShards, type MergeResult } from "./experiment/merge.js";
import { checkShard, type Shard } from "./experiment/shard-spec.js";
import { runShard, type RunShardResult } from "./experiment/shards.js";
import type { ProgressReporter } from "./experiment/progress.js";
import type { Plugin } from "./plugins/define.js";
import { registryOf } from "./plugins/load.js";

/**
 * The two ways to run an experiment from code: `simulate` in this process, returning results
 * without writing anything; `runExperiment` exactly like `cellsim run` (worker threads, resume,
 * the output folder and its report). `runExperimentShard` and `mergeExperimentShards` split the
 * latter over several machines, like `cellsim run --shard` and `cellsim merge`.
 */

/** Options of {@link simulate}. */
export interface SimulateOptions {
  /** Plug-ins (imported values) besides the built-ins; only this call sees them. */
  plugins?: readonly Plugin[];
  /** As on the command line: seeds, horizon, quick. */
  overrides?: PlanOverrides;
  /** Folder relative trace paths start from (default: the working folder). */
  baseDir?: string;
  /** Name of the experiment in error messages (default `experiment`). */
  label?: string;
  /** Check after every event that no machine is over-committed (slow; for tests). */
  checkInvariants?: boolean;
}

/**
 * Runs every run of an experiment (the parsed JSON of an experiment file) in this process, one
 * after the other, and returns what results.json would hold: byte for byte the same runs as
 * `cellsim run`. Nothing is written. Bad input throws an `InputError` naming the field.
 */
export async function simulate(experiment: unknown, options: SimulateOptions = {}): Promise<ResultsFile> {
  const registry = registryOf(options.plugins ?? []);
  const baseDir = path.resolve(options.baseDir ?? ".");
  const label = options.label ?? "experiment";
  const context = { registry, plugins: [], baseDir };
  const parsed = planFromJson(experiment, label, options.overrides, tracePathResolver(baseDir), context);
  const plan = await withInputs(parsed, label);
  const finished = [];
  for (const run of plan.runs) {
    const summary = await runOne(run.config, run.seed, {
      registry,
      checkInvariants: options.checkInvariants ?? false,
    });
    finished.push({ runId: run.runId, seed: run.seed, params: run.params, summary });
  }
  return buildResults(plan, finished);
}

/** Options of {@link runExperiment}. */
export interface RunExperimentOptions {
  /** Output folder (default `reports/<name>/`). */
  outDir?: string;
  /** Parallel runs on worker threads (default: the CPU count); one at a time runs in this process. */
  jobs?: number;
  /** Plug-in module files besides those the experiment lists (paths from the working folder). */
  plugins?: readonly string[];
  /** As on the command line: seeds, horizon, quick. */
  overrides?: PlanOverrides;
  /** Re-run every run even if the output folder holds it finished. */
  fresh?: boolean;
  /** Write report.html and figures (default true). */
  report?: boolean;
  /** For an experiment given as an object: where its relative paths start (default `.`). */
  baseDir?: string;
  progress?: ProgressReporter;
}

/** What {@link runExperiment} did. */
export interface RunExperimentResult extends RunAllResult {
  /** report.html, unless `report: false`. */
  reportPath?: string;
}

async function planOf(
  experiment: string | object,
  options: Pick<RunExperimentOptions, "overrides" | "plugins" | "baseDir">,
): Promise<ExperimentPlan> {
  const overrides = options.overrides ?? {};
  if (typeof experiment === "string")
    return loadPlan(experiment, overrides, { plugins: options.plugins ?? [] });
  const baseDir = path.resolve(options.baseDir ?? ".");
  const label = path.join(baseDir, "experiment.json");
  const context = await loadContext(experiment, label, options.plugins ?? []);
  const plan = planFromJson(experiment, "experiment", overrides, tracePathResolver(baseDir), context);
  return withInputs(plan, "experiment");
}

/**
 * Runs an experiment file (or its parsed JSON) like `cellsim run`: validates everything first,
 * runs on worker threads with the experiment's plug-ins loaded in each, resumes finished runs,
 * and writes results.json, results.csv, the tidy tables (runs.csv, …), manifest.json,
 * timings.json and the report.
 */
export async function runExperiment(
  experiment: string | object,
  options: RunExperimentOptions = {},
): Promise<RunExperimentResult> {
  const plan = await planOf(experiment, options);
  const outDir = options.outDir ?? path.join("reports", plan.name);
  const result = await runAll(plan, {
    outDir,
    ...(options.jobs !== undefined ? { jobs: options.jobs } : {}),
    ...(options.fresh !== undefined ? { fresh: options.fresh } : {}),
    ...(options.progress ? { progress: options.progress } : {}),
  });
  if (options.report === false) return result;
  const { writeReport } = await import("./report/index.js");
  const { reportPath } = await writeReport(outDir, { registry: plan.registry });
  return { ...result, reportPath };
}

/** Options of {@link runExperimentShard}: those of {@link runExperiment} but the report. */
export type RunExperimentShardOptions = Omit<RunExperimentOptions, "report">;

/**
 * Runs one shard of an experiment like `cellsim run --shard i/n` (docs/scale-out.md): the runs
 * whose stable position is ≡ `shard.index` (mod `shard.count`), their run files and the shard
 * manifest, nothing shared (no results.json, no report). Resumes finished runs.
 */
export async function runExperimentShard(
  experiment: string | object,
  shard: Shard,
  options: RunExperimentShardOptions = {},
): Promise<RunShardResult> {
  const plan = await planOf(experiment, options);
  return runShard(plan, checkShard(shard), {
    outDir: options.outDir ?? path.join("reports", plan.name),
    pluginArgs: options.plugins ?? [],
    ...(options.jobs !== undefined ? { jobs: options.jobs } : {}),
    ...(options.fresh !== undefined ? { fresh: options.fresh } : {}),
    ...(options.progress ? { progress: options.progress } : {}),
  });
}

/** Options of {@link mergeExperimentShards}. */
export interface MergeExperimentShardsOptions {
  /** The folder to write (may be one of the shard folders). */
  outDir: string;
  /**
   * The experiment the shards ran, needed when it was given as an object (then with the same
   * `overrides`, `plugins` and `baseDir`); by default the file the shard manifests name.
   */
  experiment?: string | object;
  overrides?: PlanOverrides;
  plugins?: readonly string[];
  baseDir?: string;
  /** Write report.html and figures (default true). */
  report?: boolean;
}

/**
 * Merges shard output folders like `cellsim merge` (docs/scale-out.md): checks the shard
 * manifests agree and every run is there, then writes results.json (byte-identical to
 * `runExperiment`'s), the tables and the report. Missing runs throw an `IncompleteError` whose
 * message holds the commands that re-run their shards; bad or foreign input an `InputError`.
 */
export async function mergeExperimentShards(
  dirs: readonly string[],
  options: MergeExperimentShardsOptions,
): Promise<MergeResult & { reportPath?: string }> {
  const plan = options.experiment === undefined ? undefined : await planOf(options.experiment, options);
  const merged = await mergeShards(dirs, { outDir: options.outDir, ...(plan ? { plan } : {}) });
  if (options.report === false) return merged;
  const { writeReport } = await import("./report/index.js");
  const { reportPath } = await writeReport(options.outDir, { registry: merged.plan.registry });
  return { ...merged, reportPath };
}
