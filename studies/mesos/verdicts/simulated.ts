/**
 * Judges of the macrobenchmark, delay-scheduling and failover claims (claims.ts), in claim order.
 * The tolerance rules are fixed once for all claims (judgeRatio, judgeFraction), never per claim.
 */
import type { ResultsFile, RunRecord } from "../../../src/experiment/results-types.js";
import { type Holds, sig, type Verdict } from "../../omega/verdicts/points.js";
import { DELAY, FAILOVER, MACRO } from "../experiments.js";
import {
  completionOf,
  finiteWorkEndSec,
  frameworksOf,
  isStatic,
  meanOver,
  pooledCompletion,
  pooledLocality,
  utilizationUntil,
} from "./measures.js";

/** Every section's results, by experiment name (missing when not run). */
export type StudyResults = ReadonlyMap<string, ResultsFile>;
export type Judge = (all: StudyResults) => Verdict;

const notRun = (name: string): Verdict => ({ value: `${name} has no results`, holds: "not run" });
const pct = (x: number) => `${sig(100 * x, 3)} %`;

/**
 * A ratio against a baseline of 1 ("≈ 1.14×", "+10 %"): yes when its excess over 1 has the
 * paper's sign and is within a factor 1.5 of the paper's (the Omega study's rule); partly when
 * only the sign agrees; no otherwise.
 */
export function judgeRatio(ours: number, paper: number): Holds {
  const [e, p] = [ours - 1, paper - 1];
  if (!Number.isFinite(e) || Math.sign(e) !== Math.sign(p)) return "no";
  return Math.abs(e) >= Math.abs(p) / 1.5 && Math.abs(e) <= Math.abs(p) * 1.5 ? "yes" : "partly";
}

/** A fraction near 1 ("≈ 95 %"): judged on its complement, the miss rate, by the same factor 1.5. */
export function judgeNearOne(ours: number, paper: number): boolean {
  const [miss, target] = [1 - ours, 1 - paper];
  return miss >= target / 1.5 && miss <= target * 1.5;
}

/** The finite streams of the macrobenchmark (Torque's gangs arrive until the horizon). */
export const FINITE = ["hadoop-fb", "hadoop-large", "spark"] as const;
/** The paper's Table 3 speedups (sum of job running times, static / Mesos). */
export const PAPER_SPEEDUP: Readonly<Record<string, number>> = {
  "hadoop-fb": 1.14,
  "hadoop-large": 2.1,
  spark: 1.26,
  "torque-mpi": 0.96,
};

const sharedRun = (run: RunRecord) => !isStatic(run);

/** Static / shared mean completion of one framework, seed means first. */
export function speedup(r: ResultsFile, name: string): number {
  return (
    meanOver(r, isStatic, (x) => completionOf(x, name)) / meanOver(r, sharedRun, (x) => completionOf(x, name))
  );
}

function utilizationGain(r: ResultsFile, dim: "cpu" | "mem"): [number, number] {
  const u = (run: RunRecord) => utilizationUntil(run, finiteWorkEndSec(run, FINITE))[dim];
  return [meanOver(r, isStatic, u), meanOver(r, sharedRun, u)];
}

function utilizationJudge(dim: "cpu" | "mem", paper: number): Judge {
  return (all) => {
    const r = all.get(MACRO);
    if (!r) return notRun(MACRO);
    const [st, sh] = utilizationGain(r, dim);
    const end = (pick: (x: RunRecord) => boolean) => meanOver(r, pick, (x) => finiteWorkEndSec(x, FINITE));
    return {
      value: `${dim === "cpu" ? "CPU" : "memory"} ${pct(st)} static → ${pct(sh)} shared (×${sig(sh / st, 3)}; paper +${sig(100 * (paper - 1))} %), averaged until the finite streams were done (${sig(end(isStatic), 3)} s static, ${sig(end(sharedRun), 3)} s shared)`,
      holds: judgeRatio(sh / st, paper),
    };
  };
}

function speedupJudge(name: string): Judge {
  return (all) => {
    const r = all.get(MACRO);
    if (!r) return notRun(MACRO);
    const st = meanOver(r, isStatic, (x) => completionOf(x, name));
    const sh = meanOver(r, sharedRun, (x) => completionOf(x, name));
    const paper = PAPER_SPEEDUP[name] ?? NaN;
    return {
      value: `${sig(st / sh, 3)}× (mean completion ${sig(st, 3)} s static, ${sig(sh, 3)} s shared; paper ${paper}×)`,
      holds: judgeRatio(st / sh, paper),
    };
  };
}

export const macro: Judge[] = [
  utilizationJudge("cpu", 1.1),
  utilizationJudge("mem", 1.17),
  ...Object.keys(PAPER_SPEEDUP).map(speedupJudge),
  (all) => {
    const r = all.get(MACRO);
    if (!r) return notRun(MACRO);
    const ranked = Object.keys(PAPER_SPEEDUP)
      .map((n) => ({ n, s: speedup(r, n) }))
      .sort((a, b) => b.s - a.s);
    const top = ranked[0]?.n;
    return {
      value: `speedups in order: ${ranked.map((x) => `${x.n} ${sig(x.s, 3)}×`).join(", ")}`,
      holds: top === "hadoop-large" ? "yes" : "no",
    };
  },
  (all) => {
    const r = all.get(MACRO);
    if (!r) return notRun(MACRO);
    const s = speedup(r, "torque-mpi");
    // 5 %: the seed-to-seed spread of a framework's mean completion in this cell is of that order.
    return { value: `Torque/MPI ${sig(s, 3)}×`, holds: s <= 1.05 ? "yes" : "no" };
  },
];

/** The delay a run's Hadoop instances used, s (the swept key ending in `delay`; 0 if none). */
export function delayOf(run: RunRecord): number {
  const key = Object.keys(run.params).find((k) => k.endsWith("delay"));
  const raw = key === undefined ? undefined : run.params[key];
  const first: unknown = Array.isArray(raw) ? raw[0] : raw;
  return typeof first === "string" ? Number.parseFloat(first) : typeof first === "number" ? first : 0;
}

function delayPoints(r: ResultsFile) {
  const loc = (pick: (x: RunRecord) => boolean) => meanOver(r, pick, pooledLocality);
  const at = (shared: boolean, d: number) => (x: RunRecord) => sharedRun(x) === shared && delayOf(x) === d;
  return {
    static: loc(at(false, 0)),
    shared: [0, 1, 5].map((d) => loc(at(true, d))),
    completion: {
      static: meanOver(r, at(false, 0), pooledCompletion),
      five: meanOver(r, at(true, 5), pooledCompletion),
    },
  };
}

function delayJudge(f: (p: ReturnType<typeof delayPoints>) => Verdict): Judge {
  return (all) => {
    const r = all.get(DELAY);
    return r ? f(delayPoints(r)) : notRun(DELAY);
  };
}

export const delay: Judge[] = [
  delayJudge((p) => ({
    value: `${pct(p.static)} (paper 18 %)`,
    holds: p.static >= 0.18 / 1.5 && p.static <= 0.18 * 1.5 ? "yes" : "no",
  })),
  delayJudge((p) => ({
    value: `${pct(p.shared[1]!)} at 1 s (no delay ${pct(p.shared[0]!)}; paper > 90 %)`,
    holds: p.shared[1]! > 0.9 ? "yes" : p.shared[1]! > p.shared[0]! ? "partly" : "no",
  })),
  delayJudge((p) => ({
    value: `${pct(p.shared[2]!)} at 5 s (paper ≈ 95 %)`,
    holds: judgeNearOne(p.shared[2]!, 0.95) ? "yes" : p.shared[2]! > p.shared[1]! ? "partly" : "no",
  })),
  delayJudge((p) => {
    const [a, b, c] = p.shared as [number, number, number];
    return {
      value: `static ${pct(p.static)}; shared: 0 s ${pct(a)}, 1 s ${pct(b)}, 5 s ${pct(c)}`,
      holds: a < b && b < c ? "yes" : a < c ? "partly" : "no",
    };
  }),
  delayJudge((p) => {
    const ratio = p.completion.static / p.completion.five;
    return {
      value: `${sig(ratio, 3)}× (mean job completion ${sig(p.completion.static, 3)} s static, ${sig(p.completion.five, 3)} s shared with 5 s delay; paper 1.7×)`,
      holds: judgeRatio(ratio, 1.7),
    };
  }),
];

export const failover: Judge[] = [
  (all) => {
    const r = all.get(FAILOVER);
    if (!r) return notRun(FAILOVER);
    const fw = r.runs.flatMap(frameworksOf);
    const failed = fw.reduce((t, f) => t + f.appsFailed, 0);
    const finite = fw.filter((f) => (FINITE as readonly string[]).includes(f.name));
    const unfinished = finite.reduce((t, f) => t + f.appsUnfinished, 0);
    const down = mean(r.runs.map((x) => x.summary.failures?.schedulerDownSec ?? 0));
    const base = all.get(MACRO);
    const drift = base
      ? FINITE.map((n) => {
          const a = meanOver(
            r,
            () => true,
            (x) => completionOf(x, n),
          );
          const b = meanOver(base, sharedRun, (x) => completionOf(x, n));
          return `${n} ${sig(a, 3)} s (no failures ${sig(b, 3)} s)`;
        }).join(", ")
      : "no failure-free baseline";
    return {
      value: `master down ${sig(down, 3)} s per run over 3 failures; ${failed} applications failed, ${unfinished} of the finite streams' unfinished at the horizon; mean completion ${drift}`,
      holds: failed === 0 && unfinished === 0 ? "yes" : "no",
    };
  },
];

function mean(xs: readonly number[]): number {
  return xs.length === 0 ? NaN : xs.reduce((a, b) => a + b, 0) / xs.length;
}
