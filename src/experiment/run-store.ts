import { tracePathLabel } from "../workloads/traces/paths.js";
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { RunConfig } from "./config.js";
import type { RunTiming } from "./executor.js";
import { canonicalJson, jsonText, writeFileAtomic } from "./files.js";
import type { ExperimentPlan, PlannedRun } from "./plan.js";
import type { CodeIdentity } from "./provenance.js";
import type { RunSummary } from "./results-types.js";

/**
 * Finished runs on disk (`<out>/runs/<runId>.json`), the basis of resume: a run whose file
 * exists with the same hash is not run again. The hash covers everything a result depends on —
 * the resolved config, the seed, the trace bytes it reads, and the code that ran it (cellsim's
 * version, the hash of its built files, each plug-in's hash) — and nothing it does not (params
 * labels, the run's position in the sweep, wall-clock figures, where a plug-in file lives).
 *
 * Each file also carries the sha256 of its own content, so a file damaged on disk (truncated,
 * edited by hand, half-synced) is noticed and run again instead of feeding wrong numbers into
 * results.json.
 */

/** Layout version of a stored run file; files of another version are simply run again. */
export const STORED_RUN_SCHEMA_VERSION = 1;

/** Contents of `<out>/runs/<runId>.json`. */
export interface StoredRun {
  schemaVersion: number;
  runId: string;
  seed: number;
  /** The resume hash ({@link runHash}). */
  hash: string;
  params: Record<string, unknown>;
  summary: RunSummary;
  timing: RunTiming;
  /** sha256 of the canonical JSON of every other field ({@link contentHash}). */
  contentSha256: string;
}

/** A finished run before its content hash is added. */
export type FinishedRun = Omit<StoredRun, "contentSha256" | "schemaVersion">;

/** What a stored run file says about a planned run. */
export type StoredRunCheck =
  | { status: "reusable"; stored: StoredRun }
  /** No file, an older layout, or a different resume hash (config or code changed). */
  | { status: "stale" }
  /** Unparseable, or its content hash does not match: `reason` says which. */
  | { status: "corrupt"; reason: string };

/** The resume hash of a planned run under `code`, with the plan's inputs and plug-ins. */
export function runHash(
  run: PlannedRun,
  plan: Pick<ExperimentPlan, "inputs" | "plugins">,
  code: CodeIdentity,
): string {
  const w = run.config.workload;
  const trace =
    w?.type === "trace" ? (plan.inputs.find((i) => i.path === tracePathLabel(w.path))?.sha256 ?? null) : null;
  // Files plug-in workload sources read: every such file of the experiment (a source's runs
  // re-run when any of them changes; conservative, and simpler than tracking which run reads which).
  const sourceFiles = w?.type === "source" ? plan.inputs.filter((i) => i.source).map((i) => i.sha256) : [];
  const events = run.config.failures?.events;
  const machineEvents = events
    ? (plan.inputs.find((i) => i.path === events.path && i.machineEvents !== undefined)?.sha256 ?? null)
    : undefined;
  // Hashes only, sorted: moving or renaming a plug-in file does not change what it computes.
  const plugins = plan.plugins.map((p) => p.sha256).sort();
  const payload = canonicalJson({
    config: hashedConfig(run.config),
    seed: run.seed,
    version: code.version,
    build: code.buildSha256,
    plugins,
    trace,
    // Only when present, so runs without source files or machine events keep their hashes.
    ...(sourceFiles.length > 0 ? { sourceFiles } : {}),
    ...(machineEvents !== undefined ? { machineEvents } : {}),
  });
  return createHash("sha256").update(payload).digest("hex");
}

/**
 * The config as the resume hash sees it: without a trace's `skipWarnShare`, which only decides
 * whether a warning is printed (setting it does not re-run finished runs).
 */
function hashedConfig(config: RunConfig): RunConfig {
  const w = config.workload;
  if (w.type !== "trace" || w.options?.skipWarnShare === undefined) return config;
  const { skipWarnShare: _printedOnly, ...options } = w.options;
  const { options: _all, ...rest } = w;
  const workload = Object.keys(options).length > 0 ? { ...rest, options } : rest;
  return { ...config, workload };
}

/** sha256 of the canonical JSON of a stored run without its `contentSha256` field. */
export function contentHash(stored: Omit<StoredRun, "contentSha256">): string {
  return createHash("sha256").update(canonicalJson(stored)).digest("hex");
}

/** Path of a run's file inside the output folder. */
export function runFile(outDir: string, runId: string): string {
  return path.join(outDir, "runs", `${runId}.json`);
}

/** Checks a stored file's text: corrupt, an older layout (stale), or a verified run. */
function checkText(text: string, runId: string, hash: string): StoredRunCheck {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { status: "corrupt", reason: "not valid JSON" };
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return { status: "corrupt", reason: "not a JSON object" };
  }
  const { contentSha256, ...rest } = parsed as Partial<StoredRun>;
  // Files written before stored runs carried a layout version: their hash cannot match anyway.
  if (rest.schemaVersion === undefined) return { status: "stale" };
  if (typeof contentSha256 !== "string" || contentHash(rest as StoredRun) !== contentSha256) {
    return { status: "corrupt", reason: "content hash mismatch" };
  }
  const stored = parsed as StoredRun;
  const current = stored.schemaVersion === STORED_RUN_SCHEMA_VERSION;
  return current && stored.hash === hash && stored.runId === runId
    ? { status: "reusable", stored }
    : { status: "stale" };
}

/** Reads and verifies `runs/<runId>.json` against the run's resume hash. */
export async function readStoredRun(outDir: string, runId: string, hash: string): Promise<StoredRunCheck> {
  let text: string;
  try {
    text = await readFile(runFile(outDir, runId), "utf8");
  } catch {
    // Missing (never run) or unreadable: simply run it.
    return { status: "stale" };
  }
  return checkText(text, runId, hash);
}

/** Adds the layout version and content hash to a finished run. */
export function sealRun(record: FinishedRun): StoredRun {
  const unsealed = { schemaVersion: STORED_RUN_SCHEMA_VERSION, ...record };
  return { ...unsealed, contentSha256: contentHash(unsealed) };
}

/** Writes a finished run atomically (sealed with its content hash). */
export async function writeStoredRun(outDir: string, stored: StoredRun): Promise<void> {
  await writeFileAtomic(runFile(outDir, stored.runId), jsonText(stored));
}
