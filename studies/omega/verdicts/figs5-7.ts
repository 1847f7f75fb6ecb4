/**
 * Claim checks for figs 5/6 (single-path, multi-path, shared state) and 7 (two-level), each
 * against what the paper says it must show (claims.ts). x is t_job (service) in seconds.
 */
import type { ResultsFile } from "../../../src/experiment/results-types.js";
import {
  abandonedOf,
  allOf,
  busyOf,
  letter,
  notRun,
  type Point,
  pointsBy,
  saturatedAt,
  secText,
  seedMean,
  sig,
  type StudyResults,
  sweptNumber,
  unscheduledOf,
  type Verdict,
  waitOf,
} from "./points.js";

export const SINGLE = "omega-fig5-6-single-path";
export const MULTI = "omega-fig5-6-multi-path";
export const SHARED = "omega-fig5-6-shared-state";
export const TWO_LEVEL = "omega-fig7-two-level";

export const byTJob = (r: ResultsFile): Map<string, Point[]> =>
  pointsBy(r, (run) => sweptNumber(run, "perJob"));

/** The point at x (or the nearest one). */
function at(points: Point[], x: number): Point {
  return points.reduce((best, p) =>
    Math.abs(Math.log(p.x / x)) < Math.abs(Math.log(best.x / x)) ? p : best,
  );
}

const first = (ps: Point[]): Point => ps[0] as Point;
const last = (ps: Point[]): Point => ps[ps.length - 1] as Point;

/** A judge reads every study's results and returns our value for one claim. */
export type Judge = (all: StudyResults) => Verdict;

function withStudy(all: StudyResults, name: string, f: (r: ResultsFile) => Verdict): Verdict {
  const r = all.get(name);
  return r ? f(r) : notRun(name);
}

/** Jobs per second submitted (both kinds), for the slope of busyness in t_job. */
const jobsPerSec = (p: Point): number =>
  seedMean(
    p,
    (run) =>
      Object.values(run.summary.workloads).reduce((t, w) => t + w.submitted, 0) / run.summary.simulatedSec,
  );

export const singlePath: Judge[] = [
  // Busyness ~linear in t_job until saturation: its slope is the job arrival rate λ.
  (all) =>
    withStudy(all, SINGLE, (r) => {
      const parts: string[] = [];
      const ok: boolean[] = [];
      for (const [cluster, points] of byTJob(r)) {
        const below = points.filter(
          (p) => !saturatedAt(p, "batch") && seedMean(p, (x) => busyOf(x, "batch")) < 0.9,
        );
        if (below.length < 2) continue;
        const [a, b] = [first(below), last(below)];
        const slope =
          (seedMean(b, (x) => busyOf(x, "batch")) - seedMean(a, (x) => busyOf(x, "batch"))) / (b.x - a.x);
        const ratio = slope / jobsPerSec(b);
        ok.push(ratio > 0.85 && ratio < 1.15);
        parts.push(`${letter(cluster)} slope/λ ${sig(ratio, 3)} (${secText(a.x)}–${secText(b.x)})`);
      }
      return { value: `busyness vs t_job below saturation: ${parts.join("; ")}`, holds: allOf(ok) };
    }),
  // Waits of batch and service track each other (one queue).
  (all) =>
    withStudy(all, SINGLE, (r) => {
      const ratios: number[] = [];
      for (const points of byTJob(r).values())
        for (const p of points.filter((q) => !saturatedAt(q, "batch")))
          ratios.push(seedMean(p, (x) => waitOf(x, "service")) / seedMean(p, (x) => waitOf(x, "batch")));
      const lo = Math.min(...ratios);
      const hi = Math.max(...ratios);
      return {
        value: `service/batch mean wait ratio ${sig(lo)}–${sig(hi)} over all unsaturated points`,
        holds: allOf([lo > 1 / 3, hi < 3]),
      };
    }),
  // Past saturation waits explode and work stays unscheduled.
  (all) =>
    withStudy(all, SINGLE, (r) => {
      const parts: string[] = [];
      const ok: boolean[] = [];
      for (const [cluster, points] of byTJob(r)) {
        const idx = points.findIndex((p) => saturatedAt(p, "batch"));
        if (idx < 0) {
          parts.push(`${letter(cluster)} never saturated`);
          ok.push(false);
          continue;
        }
        const sat = points[idx] as Point;
        const waitSat = seedMean(last(points), (x) => waitOf(x, "batch"));
        const waitBase = seedMean(first(points), (x) => waitOf(x, "batch"));
        const unsched = seedMean(last(points), (x) => unscheduledOf(x, "batch"));
        ok.push(waitSat > 100 * waitBase && unsched > 0.1);
        const from =
          idx > 0
            ? `between ${secText((points[idx - 1] as Point).x)} and ${secText(sat.x)}`
            : `by ${secText(sat.x)}`;
        parts.push(
          `${letter(cluster)} saturates ${from}; at ${secText(last(points).x)} batch wait ${secText(waitSat)} (vs ${secText(waitBase)}), ${sig(100 * unsched)}% of batch jobs unscheduled`,
        );
      }
      return { value: parts.join("; "), holds: allOf(ok) };
    }),
];

/** Ratio of `f` between two studies at the same cluster and t_job. */
function compareAt(a: ResultsFile, b: ResultsFile, x: number, f: (p: Point) => number): Map<string, number> {
  const out = new Map<string, number>();
  const bs = byTJob(b);
  for (const [cluster, points] of byTJob(a)) {
    const other = bs.get(cluster);
    if (other) out.set(cluster, f(at(points, x)) / f(at(other, x)));
  }
  return out;
}

const ratioText = (m: Map<string, number>): string =>
  [...m].map(([c, v]) => `${letter(c)} ${sig(v)}`).join(", ");

export const multiPath: Judge[] = [
  // Much lower waits and busyness than single-path (at t_job(service) = 10 s).
  (all) => {
    const [m, s] = [all.get(MULTI), all.get(SINGLE)];
    if (!m || !s) return notRun(!m ? MULTI : SINGLE);
    const wait = compareAt(m, s, 10, (p) => seedMean(p, (x) => waitOf(x, "batch")));
    const busy = compareAt(m, s, 10, (p) => seedMean(p, (x) => busyOf(x, "batch")));
    return {
      value: `at t_job(service) = 10 s, multi-path / single-path batch wait: ${ratioText(wait)}; busyness: ${ratioText(busy)}`,
      holds: allOf([...wait.values(), ...busy.values()].map((v, i) => (i < wait.size ? v < 0.1 : v < 0.7))),
    };
  },
  // Batch still suffers head-of-line blocking behind slow service decisions.
  (all) =>
    withStudy(all, MULTI, (r) => {
      const parts: string[] = [];
      const ok: boolean[] = [];
      for (const [cluster, points] of byTJob(r)) {
        const lo = seedMean(first(points), (x) => waitOf(x, "batch"));
        const hi = seedMean(last(points), (x) => waitOf(x, "batch"));
        ok.push(hi > 1.2 * lo);
        parts.push(`${letter(cluster)} ${secText(lo)} → ${secText(hi)}`);
      }
      return {
        value: `batch mean wait from the smallest to the largest t_job(service): ${parts.join(", ")}`,
        holds: allOf(ok),
      };
    }),
];

export const sharedState: Judge[] = [
  // Waits comparable to multi-path (at the paper's default 0.1 s).
  (all) => {
    const [o, m] = [all.get(SHARED), all.get(MULTI)];
    if (!o || !m) return notRun(!o ? SHARED : MULTI);
    const wait = compareAt(o, m, 0.1, (p) => seedMean(p, (x) => waitOf(x, "batch")));
    return {
      value: `batch mean wait, shared state / multi-path at t_job(service) = 0.1 s: ${ratioText(wait)}`,
      holds: allOf([...wait.values()].map((v) => v > 0.5 && v < 2)),
    };
  },
  // Batch lines independent of t_job(service).
  (all) =>
    withStudy(all, SHARED, (r) => {
      const parts: string[] = [];
      const ok: boolean[] = [];
      for (const [cluster, points] of byTJob(r)) {
        const waits = points.map((p) => seedMean(p, (x) => waitOf(x, "batch")));
        const busy = points.map((p) => seedMean(p, (x) => busyOf(x, "batch")));
        const spread = (v: number[]) => Math.max(...v) / Math.min(...v);
        ok.push(spread(waits) < 1.1 && spread(busy) < 1.1);
        parts.push(
          `${letter(cluster)} wait max/min ${sig(spread(waits), 3)}, busyness max/min ${sig(spread(busy), 3)}`,
        );
      }
      return { value: `batch over the whole t_job(service) range: ${parts.join("; ")}`, holds: allOf(ok) };
    }),
  // All jobs scheduled.
  (all) =>
    withStudy(all, SHARED, (r) => {
      const abandoned = r.runs.reduce((t, run) => t + abandonedOf(run), 0);
      const worst = (kind: string) => Math.max(...r.runs.map((run) => unscheduledOf(run, kind)));
      const serviceBacklog = [...byTJob(r)]
        .map(
          ([c, ps]) => [c, ps.find((p) => seedMean(p, (x) => unscheduledOf(x, "service")) > 0.01)] as const,
        )
        .filter(([, p]) => p !== undefined)
        .map(([c, p]) => `${letter(c)} from ${secText((p as Point).x)}`);
      const holds =
        abandoned > 0 ? "no" : worst("batch") < 0.01 && worst("service") < 0.01 ? "yes" : "partly";
      const backlog =
        serviceBacklog.length > 0
          ? `; service backlog (its own scheduler saturated): ${serviceBacklog.join(", ")}`
          : "";
      return {
        value: `${abandoned} jobs abandoned in ${r.runs.length} runs; batch unscheduled ≤ ${sig(100 * worst("batch"))}%${backlog}`,
        holds,
      };
    }),
];

export const twoLevel: Judge[] = [
  // Batch busyness much higher than multi-path. Multi-path's one scheduler also makes the service
  // decisions, so past t_job(service) ≈ its inter-arrival it is saturated by those alone; the
  // batch work without offers (shared state's batch scheduler) is the second yardstick.
  (all) => {
    const [t, m, o] = [all.get(TWO_LEVEL), all.get(MULTI), all.get(SHARED)];
    if (!t || !m || !o) return notRun(!t ? TWO_LEVEL : !m ? MULTI : SHARED);
    const busy = (p: Point) => seedMean(p, (x) => busyOf(x, "batch"));
    const vsMulti = compareAt(t, m, 100, busy);
    const vsShared = compareAt(t, o, 100, busy);
    const holds = [...vsMulti.values()].every((v) => v > 2)
      ? "yes"
      : [...vsShared.values()].every((v) => v > 2)
        ? "partly"
        : "no";
    return {
      value: `batch busyness at t_job(service) = 100 s, two-level / multi-path: ${ratioText(vsMulti)}; two-level / shared state's batch scheduler: ${ratioText(vsShared)}`,
      holds,
    };
  },
  // Jobs abandoned because slow service decisions hold offers: per cluster, at the largest
  // t_job(service) at least one abandoned job per run on average ("jobs abandoned", not one in
  // some seed) and more than at the smallest t_job(service) (the cause: slow decisions).
  (all) =>
    withStudy(all, TWO_LEVEL, (r) => {
      const parts: string[] = [];
      const ok: boolean[] = [];
      for (const [cluster, points] of byTJob(r)) {
        const p = last(points);
        const ab = seedMean(p, abandonedOf);
        const abFast = seedMean(points[0] as Point, abandonedOf);
        const pend = seedMean(p, (x) => unscheduledOf(x, "batch"));
        ok.push(ab >= 1 && ab > abFast);
        parts.push(`${letter(cluster)} ${sig(ab, 3)} abandoned, ${sig(100 * pend)}% of batch unscheduled`);
      }
      const xMax = Math.max(...r.runs.map((run) => sweptNumber(run, "perJob")));
      const shared = all.get(SHARED);
      const sharedAbandoned = shared ? shared.runs.reduce((t, run) => t + abandonedOf(run), 0) : NaN;
      return {
        value: `at t_job(service) = ${secText(xMax)} (mean per seed): ${parts.join("; ")}; shared state: ${sharedAbandoned} abandoned in all its runs`,
        holds: allOf(ok),
      };
    }),
];
