import { mkdir } from "node:fs/promises";
import path from "node:path";
import { jsonText, writeFileAtomic } from "./files.js";
import type { ExperimentPlan } from "./plan.js";
import { codeIdentity } from "./provenance.js";
import { executeRuns, type RunAllOptions, type RunAllResult } from "./run-all.js";
import { buildShardManifest } from "./shard-manifest.js";
import { shardFileName, shardItems, type Shard } from "./shard-spec.js";

/**
 * One shard of an experiment (docs/scale-out.md, Shards and merge): the runs it owns
 * (shard-spec.ts), each stored as `runs/<runId>.json` exactly as `runAll` stores it, plus its
 * manifest `shards/shard-<i>-of-<n>.json`. No results.json, tables or report: those are shared
 * files, written once by `cellsim merge`, so any number of shards can fill one folder at the
 * same time. Resume is runAll's: a retried shard skips its runs already on disk.
 */

/** Options of `runShard` (the API: `runExperimentShard`): runAll's, plus the `--plugin` modules to record for the merge. */
export interface RunShardOptions extends RunAllOptions {
  /** Plug-in modules given on the command line (recorded so merge loads the same registry). */
  pluginArgs?: readonly string[];
}

/** What `runShard` (the API: `runExperimentShard`) did. */
export interface RunShardResult {
  outDir: string;
  shard: Shard;
  /** The shard manifest written. */
  manifestPath: string;
  /** The runs the shard owns, in stable order (empty when there are more shards than runs). */
  runIds: string[];
  /** Of those, executed now and resumed from disk. */
  executed: string[];
  skipped: string[];
  executor: RunAllResult["executor"];
}

/** Path of a shard's manifest inside an output folder. */
export function shardManifestPath(outDir: string, shard: Shard): string {
  return path.join(outDir, "shards", shardFileName(shard));
}

/**
 * Runs the plan's runs that `shard` owns (resuming) and writes its manifest first, so a merge
 * knows about the shard even if it is killed halfway.
 */
export async function runShard(
  plan: ExperimentPlan,
  shard: Shard,
  options: RunShardOptions,
): Promise<RunShardResult> {
  const mine = { ...plan, runs: shardItems(plan.runs, shard) };
  const runIds = mine.runs.map((r) => r.runId);
  const manifest = buildShardManifest(plan, shard, runIds, codeIdentity(), options.pluginArgs);
  const manifestPath = shardManifestPath(options.outDir, shard);
  await mkdir(path.dirname(manifestPath), { recursive: true });
  await writeFileAtomic(manifestPath, jsonText(manifest));
  const done = await executeRuns(mine, { ...options, keepFolder: true });
  return {
    outDir: options.outDir,
    shard,
    manifestPath,
    runIds,
    executed: done.executed,
    skipped: [...done.resumed].sort(),
    executor: done.executor,
  };
}
