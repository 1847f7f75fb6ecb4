/**
 * Reading the Mesos study's results: which runs are shared and which static, per-framework mean
 * completion, pooled locality, and utilization over the time the finite streams took.
 */
import type { ResultsFile, RunRecord } from "../../../src/experiment/results-types.js";
import type { FrameworkSummary } from "../../../src/metrics/summary.js";
import { mean } from "../../../src/report/sweep.js";

export { mean };

/** The architecture a run used: `static-partition` or `two-level`. */
export function architectureOf(run: RunRecord): string {
  const key = Object.keys(run.params).find((k) => k.split(",")[0] === "architecture");
  const raw = key === undefined ? undefined : run.params[key];
  const block = Array.isArray(raw) ? raw[0] : raw;
  const type = (block as { type?: unknown } | undefined)?.type;
  return typeof type === "string" ? type : "two-level";
}

export const isStatic = (run: RunRecord): boolean => architectureOf(run) === "static-partition";

/** The frameworks of a run (empty when it had none). */
export const frameworksOf = (run: RunRecord): FrameworkSummary[] => run.summary.frameworks?.byFramework ?? [];

/** Mean completion of a framework's completed applications in a run, s (NaN if none completed). */
export function completionOf(run: RunRecord, name: string): number {
  return frameworksOf(run).find((f) => f.name === name)?.completionSec?.mean ?? NaN;
}

/** Mean completion over every completed application of every framework of the run, s. */
export function pooledCompletion(run: RunRecord): number {
  let sum = 0;
  let count = 0;
  for (const f of frameworksOf(run)) {
    if (!f.completionSec) continue;
    sum += f.completionSec.mean * f.completionSec.count;
    count += f.completionSec.count;
  }
  return count === 0 ? NaN : sum / count;
}

/** Σ local / Σ (local + remote) over the run's frameworks. */
export function pooledLocality(run: RunRecord): number {
  const fw = frameworksOf(run);
  const local = fw.reduce((t, f) => t + f.localTasks, 0);
  const all = fw.reduce((t, f) => t + f.localTasks + f.remoteTasks, 0);
  return all === 0 ? NaN : local / all;
}

/**
 * When the run's finite streams (`names`) were done, s: the end of the last sample interval at
 * which one of them still held resources; the horizon if one has unfinished applications.
 */
export function finiteWorkEndSec(run: RunRecord, names: readonly string[]): number {
  const fw = run.summary.frameworks;
  const horizon = run.summary.simulatedSec;
  if (!fw) return horizon;
  const mine = fw.byFramework.filter((f) => names.includes(f.name));
  if (mine.some((f) => f.appsUnfinished > 0)) return horizon;
  let last = -1;
  for (const f of mine) f.dominantShare.forEach((d, i) => d > 0 && i > last && (last = i));
  const period = (fw.sampleSec[1] ?? horizon) - (fw.sampleSec[0] ?? 0);
  return Math.min(horizon, (fw.sampleSec[last] ?? 0) + period);
}

/**
 * CPU and memory utilization averaged over [0, end): the cell series' exact bin means over the
 * whole bins before `end` (the end is a sample time, so a whole number of bins).
 */
export function utilizationUntil(run: RunRecord, endSec: number): { cpu: number; mem: number } {
  const s = run.summary.cell.series;
  const bins = Math.max(1, Math.round(endSec / s.periodSec));
  return { cpu: mean(s.cpuUtilization.slice(0, bins)), mem: mean(s.memUtilization.slice(0, bins)) };
}

/** Seed mean of `f` over the runs of one architecture. */
export function meanOver(
  results: ResultsFile,
  pick: (run: RunRecord) => boolean,
  f: (run: RunRecord) => number,
): number {
  return mean(results.runs.filter(pick).map(f));
}
