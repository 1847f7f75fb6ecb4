import { mkdir, readdir, stat } from "node:fs/promises";
import path from "node:path";
import { IncompleteError, InputError } from "../engine/errors.js";
import { loadPlan } from "./load-plan.js";
import { writeOutputs } from "./outputs.js";
import type { ExperimentPlan } from "./plan.js";
import { codeIdentity } from "./provenance.js";
import type { ResultsFile } from "./results-types.js";
import { readStoredRun, runFile, runHash, writeStoredRun, type StoredRun } from "./run-store.js";
import { rerunCommands } from "./rerun.js";
import { disagreement, ownView, readShardManifest, type ShardManifestFile } from "./shard-manifest.js";

/**
 * `cellsim merge`: from the folders shards wrote to one output folder, as a single-machine run
 * would have written it (docs/scale-out.md, Shards and merge).
 *
 * 1. Every folder must hold shard manifests; all of them must agree on the experiment, the
 *    cellsim build, the plug-ins and the inputs (a mismatch names the manifest and the field).
 * 2. The plan is loaded again from the experiment file the shards recorded (with their
 *    command-line overrides and plug-ins) and must match them too, including this cellsim's
 *    build: results are a function of the code, so a merge by another build would mislabel them.
 * 3. Every run of the plan is looked up in the folders' runs/ and verified exactly as resume
 *    verifies it (resume hash, content hash). A corrupt file stops the merge naming it; missing
 *    runs stop it with exit code 1 and the commands that re-run just their shards.
 * 4. Only then is anything written: run files found elsewhere are copied into the output folder,
 *    and results.json, the tables, timings.json and manifest.json come from outputs.ts — the same
 *    code as `cellsim run`, hence byte-identical results.json.
 */

const MANIFEST_NAME = /^shard-(\d+)-of-(\d+)\.json$/;

/** Options of `mergeShards` (the API: `mergeExperimentShards`). */
export interface MergeOptions {
  /** The folder to write (may be one of the shard folders). */
  outDir: string;
  /** The plan the shards ran (default: loaded from the experiment file their manifests name). */
  plan?: ExperimentPlan;
}

/** What `mergeShards` (the API: `mergeExperimentShards`) wrote. */
export interface MergeResult {
  /** The merged folder. */
  outDir: string;
  /**
   * The experiment as loaded for the merge (its registry renders the report).
   * @internal
   */
  plan: ExperimentPlan;
  /** The merged results, as written to results.json. */
  results: ResultsFile;
  /** The shard manifests merged. */
  manifests: string[];
}

/** The shard manifests of one folder, ordered by shard count then index. */
async function manifestsIn(dir: string): Promise<ShardManifestFile[]> {
  const st = await stat(dir).catch(() => undefined);
  if (!st?.isDirectory()) throw new InputError(`${dir}: no such folder`);
  const names = await readdir(path.join(dir, "shards")).catch(() => [] as string[]);
  const found = names
    .map((name) => ({ name, m: MANIFEST_NAME.exec(name) }))
    .filter((f) => f.m !== null)
    .sort((a, b) => Number(a.m?.[2]) - Number(b.m?.[2]) || Number(a.m?.[1]) - Number(b.m?.[1]));
  if (found.length === 0)
    throw new InputError(
      `${dir}: no shard manifests (shards/shard-<i>-of-<n>.json); merge reads folders written by cellsim run --shard i/n`,
    );
  return Promise.all(found.map((f) => readShardManifest(path.join(dir, "shards", f.name), dir)));
}

/** Every folder's manifests, checked to agree with the first one. */
export async function readShardFolders(dirs: readonly string[]): Promise<ShardManifestFile[]> {
  if (dirs.length === 0) throw new InputError("merge: name at least one shard output folder");
  const all = (await Promise.all(dirs.map(manifestsIn))).flat();
  const reference = all[0] as ShardManifestFile;
  for (const other of all.slice(1)) {
    const problem = disagreement(reference, other);
    if (problem) throw new InputError(problem);
  }
  return all;
}

/** The plan the shards ran, loaded again from the experiment file and flags they recorded. */
async function planOfShards(reference: ShardManifestFile): Promise<ExperimentPlan> {
  const { experiment, overrides, pluginArgs } = reference.manifest;
  if (experiment.file === null || experiment.path === null)
    throw new InputError(
      `${reference.file}: the shards ran an experiment given as an object, not a file; merge them from code with mergeShards(dirs, { plan })`,
    );
  // The file as the shards named it when run from the same folder, so manifest.json reads the same.
  const same = path.resolve(experiment.file) === experiment.path;
  return loadPlan(same ? experiment.file : experiment.path, overrides, { plugins: pluginArgs });
}

/** Checks the merge's own plan and build against the shards'. */
function checkOwnView(plan: ExperimentPlan, reference: ShardManifestFile): void {
  const mine = ownView(plan, codeIdentity(), "this merge");
  const problem = disagreement(mine, reference);
  if (!problem) return;
  const { cwd } = reference.manifest.experiment;
  const hint =
    cwd === process.cwd()
      ? "merge with the same cellsim build and experiment file the shards ran"
      : `the shards ran in ${cwd}: merge from there (trace paths are relative to it), with the same cellsim build`;
  throw new InputError(`${problem.replace(/; it belongs.*$/, "")}; ${hint}`);
}

/** Finished runs found in the folders, and the positions of the missing ones. */
async function collectRuns(plan: ExperimentPlan, dirs: readonly string[]) {
  const code = codeIdentity();
  const found: { stored: StoredRun; dir: string; params: Record<string, unknown> }[] = [];
  const missing: number[] = [];
  const corrupt: string[] = [];
  for (const [position, run] of plan.runs.entries()) {
    const hash = runHash(run, plan, code);
    const damaged: string[] = [];
    let hit: { stored: StoredRun; dir: string } | undefined;
    for (const dir of dirs) {
      const check = await readStoredRun(dir, run.runId, hash);
      if (check.status === "corrupt") damaged.push(`${runFile(dir, run.runId)} (${check.reason})`);
      if (check.status === "reusable") hit = { stored: check.stored, dir };
      if (hit) break;
    }
    // A damaged copy does not matter when another folder holds an intact one.
    if (hit) found.push({ ...hit, params: run.params });
    else {
      missing.push(position);
      corrupt.push(...damaged);
    }
  }
  return { found, missing, corrupt };
}

/** Merges shard folders into `options.outDir` (see above). */
export async function mergeShards(dirs: readonly string[], options: MergeOptions): Promise<MergeResult> {
  const manifests = await readShardFolders(dirs);
  const reference = manifests[0] as ShardManifestFile;
  const plan = options.plan ?? (await planOfShards(reference));
  checkOwnView(plan, reference);
  const { found, missing, corrupt } = await collectRuns(plan, dirs);
  if (corrupt.length > 0) {
    const again = rerunCommands(missing, manifests, dirs);
    throw new InputError(
      `corrupt run file${corrupt.length > 1 ? "s" : ""}: ${corrupt.join(", ")}; re-run the shards that own them (a corrupt run is run again):\n${again}`,
    );
  }
  if (missing.length > 0) {
    const ids = missing.map((p) => plan.runs[p]?.runId).join(", ");
    throw new IncompleteError(
      `merge: ${missing.length} of ${plan.runs.length} runs missing: ${ids}\nre-run the shards that own them (finished runs are skipped), then merge again:\n${rerunCommands(missing, manifests, dirs)}`,
    );
  }
  const { outDir } = options;
  await mkdir(path.join(outDir, "runs"), { recursive: true });
  for (const { stored, dir } of found)
    if (path.resolve(dir) !== path.resolve(outDir)) await writeStoredRun(outDir, stored);
  // results.json labels runs with the plan's params, as runAll does for resumed runs.
  const stored = found.map((f) => ({ ...f.stored, params: f.params }));
  const results = await writeOutputs(outDir, plan, stored, new Set());
  return { outDir, plan, results, manifests: manifests.map((m) => m.file) };
}
