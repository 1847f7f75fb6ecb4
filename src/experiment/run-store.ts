import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { isQuasarConfig } from "./config.js";
import type { RunTiming } from "./executor.js";
import { canonicalJson, jsonText, writeFileAtomic } from "./files.js";
import type { InputFile } from "./inputs.js";
import type { AnyPlannedRun } from "./plan.js";
import type { AnyRunSummary } from "./results-types.js";

/**
 * Finished runs on disk (`<out>/runs/<runId>.json`), the basis of resume: a run whose file
 * exists with the same hash is not run again. The hash covers everything a result depends on —
 * the resolved config, the seed, cellsim's version and the bytes of any trace it reads — and
 * nothing it does not (params labels, the run's position in the sweep, wall-clock figures).
 */

/** Contents of `<out>/runs/<runId>.json`. */
export interface StoredRun {
  runId: string;
  seed: number;
  hash: string;
  params: Record<string, unknown>;
  summary: AnyRunSummary;
  timing: RunTiming;
}

/** The resume hash of a planned run. */
export function runHash(run: AnyPlannedRun, version: string, inputs: readonly InputFile[]): string {
  const w = isQuasarConfig(run.config) ? undefined : run.config.workload;
  const trace = w?.type === "trace" ? (inputs.find((i) => i.path === w.path)?.sha256 ?? null) : null;
  const payload = canonicalJson({ config: run.config, seed: run.seed, version, trace });
  return createHash("sha256").update(payload).digest("hex");
}

/** Path of a run's file inside the output folder. */
export function runFile(outDir: string, runId: string): string {
  return path.join(outDir, "runs", `${runId}.json`);
}

/** The stored run if its file exists, parses and carries `hash`; otherwise undefined (re-run it). */
export async function readStoredRun(
  outDir: string,
  runId: string,
  hash: string,
): Promise<StoredRun | undefined> {
  try {
    const stored = JSON.parse(await readFile(runFile(outDir, runId), "utf8")) as StoredRun;
    return stored.hash === hash && stored.runId === runId ? stored : undefined;
  } catch {
    // Missing or unreadable (e.g. from an older format): simply run it again.
    return undefined;
  }
}

/** Writes a finished run atomically. */
export async function writeStoredRun(outDir: string, stored: StoredRun): Promise<void> {
  await writeFileAtomic(runFile(outDir, stored.runId), jsonText(stored));
}
