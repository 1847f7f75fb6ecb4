/**
 * Reading the Omega study's results.json files for the claim checks: runs grouped by cluster and
 * swept value, seed means, and the few per-run quantities the claims are about.
 */
import { parseDurationUs } from "../../../src/engine/time.js";
import type { ResultsFile, RunRecord } from "../../../src/experiment/results-types.js";
import type { SchedulerSummary } from "../../../src/metrics/summary.js";
import { isSaturated } from "../../../src/report/kinds/saturation.js";
import { mean } from "../../../src/report/sweep.js";

/** Whether a claim holds in our numbers. */
export type Holds = "yes" | "partly" | "no" | "not run";

export interface Verdict {
  /** Our measured value(s), in words and numbers. */
  value: string;
  holds: Holds;
}

/** Every study's results, by experiment name (missing when not run). */
export type StudyResults = ReadonlyMap<string, ResultsFile>;

/** Runs at one swept point (all seeds). */
export interface Point {
  cluster: string;
  x: number;
  runs: RunRecord[];
}

const CLUSTER_KEY = "cluster.preset,workload.preset";
export const CLUSTER_LETTER: Readonly<Record<string, string>> = {
  "google-a": "A",
  "google-b": "B",
  "google-c": "C",
};

export function clusterOf(run: RunRecord, fallback: string): string {
  const v = run.params[CLUSTER_KEY];
  return Array.isArray(v) && typeof v[0] === "string" ? v[0] : fallback;
}

/** The value of the swept path ending in `suffix`, as a number (durations in seconds). */
export function sweptNumber(run: RunRecord, suffix: string): number {
  const key = Object.keys(run.params).find((k) => k.endsWith(suffix));
  if (key === undefined) throw new Error(`omega claims: no swept path ends in ${suffix}`);
  const raw = run.params[key];
  if (typeof raw === "number") return raw;
  const us = parseDurationUs(raw);
  if (typeof us === "string") throw new Error(`omega claims: ${key}: ${us}`);
  return us / 1e6;
}

/** Runs grouped by cluster and x, clusters in first-seen order, x ascending within each. */
export function pointsBy(
  results: ResultsFile,
  x: (run: RunRecord) => number,
  fallbackCluster = "google-c",
): Map<string, Point[]> {
  const byCluster = new Map<string, Map<number, RunRecord[]>>();
  for (const run of results.runs) {
    const c = clusterOf(run, fallbackCluster);
    const xs = byCluster.get(c) ?? new Map<number, RunRecord[]>();
    byCluster.set(c, xs);
    const v = x(run);
    xs.set(v, [...(xs.get(v) ?? []), run]);
  }
  const out = new Map<string, Point[]>();
  for (const [cluster, xs] of byCluster) {
    const points = [...xs.entries()].map(([v, runs]) => ({ cluster, x: v, runs }));
    out.set(
      cluster,
      points.sort((a, b) => a.x - b.x),
    );
  }
  return out;
}

export { mean };

/** Mean over a point's seeds. */
export const seedMean = (p: Point, f: (run: RunRecord) => number): number => mean(p.runs.map(f));

/** Schedulers serving only `kind` (or, if none, every scheduler serving it). */
export function schedulersFor(run: RunRecord, kind: string): SchedulerSummary[] {
  const all = run.summary.schedulers;
  const only = all.filter((s) => s.workloads.length === 1 && s.workloads[0] === kind);
  return only.length > 0 ? only : all.filter((s) => s.workloads.includes(kind));
}

/** Daily-median busyness of the schedulers serving `kind`, averaged over them. */
export const busyOf = (run: RunRecord, kind: string): number =>
  mean(schedulersFor(run, kind).map((s) => s.busynessDailyMedian));

export const conflictsOf = (run: RunRecord, kind: string): number =>
  mean(schedulersFor(run, kind).map((s) => s.conflictFraction));

export const waitOf = (run: RunRecord, kind: string): number =>
  run.summary.workloads[kind]?.waitFirstSec.mean ?? NaN;

/** Pending + abandoned jobs of `kind` at the horizon, as a share of those submitted. */
export function unscheduledOf(run: RunRecord, kind: string): number {
  const w = run.summary.workloads[kind];
  return w ? (w.pending + w.abandoned) / Math.max(1, w.submitted) : 0;
}

export const abandonedOf = (run: RunRecord): number =>
  Object.values(run.summary.workloads).reduce((t, w) => t + w.abandoned, 0);

/** Most seeds have the scheduler(s) serving `kind` saturated (busy ≥ 0.95 or a growing queue). */
export function saturatedAt(p: Point, kind: string): boolean {
  const votes = p.runs.filter((run) => schedulersFor(run, kind).some((s) => isSaturated(run, s)));
  return votes.length * 2 > p.runs.length;
}

/** `n` significant digits, for the value sentences. */
export function sig(x: number, n = 2): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return "0";
  return Number(x.toPrecision(n)).toString();
}

/** A duration in seconds, in the unit a reader expects (s, min, h). */
export function secText(s: number): string {
  if (s < 120) return `${sig(s)} s`;
  if (s < 7200) return `${sig(s / 60)} min`;
  return `${sig(s / 3600)} h`;
}

export const letter = (cluster: string): string => CLUSTER_LETTER[cluster] ?? cluster;

/** "yes" when every check passed, "no" when none did, else "partly". */
export function allOf(checks: readonly boolean[]): Holds {
  const passed = checks.filter(Boolean).length;
  return passed === checks.length ? "yes" : passed === 0 ? "no" : "partly";
}

/**
 * How the judges read the paper's approximate numbers, fixed once for every claim rather than per
 * claim (so no threshold can drift towards a measurement):
 * - "≈ x" holds within a factor 1.5 either way: [x / 1.5, 1.5 x];
 * - an effect "of ≈ x×" (a ratio against a baseline of 1) holds when its excess over 1 is within
 *   that factor: ≈ 1.4× means 1 + [0.4 / 1.5, 0.4 × 1.5] = [1.27, 1.6];
 * - "a–b×" holds from a / 1.25 up: a larger effect than the paper's still shows the claim;
 * - "only slightly more" means a ratio in [1, 1.5].
 */
export const APPROX_FACTOR = 1.5;
/** True if `value` is "≈ target" (within APPROX_FACTOR either way). */
export const approx = (value: number, target: number): boolean =>
  value >= target / APPROX_FACTOR && value <= target * APPROX_FACTOR;
/** True if a ratio is "≈ target×" against a baseline of 1 (its excess over 1 within APPROX_FACTOR). */
export const approxRatio = (ratio: number, target: number): boolean => approx(ratio - 1, target - 1);
/** True if a ratio shows a rise of "a–b×" (at least a / 1.25). */
export const risesBy = (ratio: number, a: number): boolean => ratio >= a / 1.25;
/** True if a ratio is "only slightly more" than its baseline. */
export const slightlyMore = (ratio: number): boolean => ratio >= 1 && ratio <= 1.5;

export const notRun = (study: string): Verdict => ({ value: `${study} has no results`, holds: "not run" });
