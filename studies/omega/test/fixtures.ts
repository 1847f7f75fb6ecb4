/**
 * Hand-made results for the Omega claim judges (judges.test.ts): each run states only what a judge
 * reads — the swept values, and per workload kind its jobs and wait and the busyness and conflict
 * fraction of the scheduler serving it. Everything else is a neutral default (nothing pending,
 * nothing abandoned, idle schedulers, one simulated day).
 */
import type { ResultsFile, RunRecord } from "../../../src/experiment/results-types.js";
import type { SchedulerSummary, WorkloadSummary } from "../../../src/metrics/summary.js";
import type { StudyResults } from "../verdicts/index.js";

/** The swept paths the judges look up (by suffix), as the experiment files write them. */
export const PATH = {
  cluster: "cluster.preset,workload.preset",
  serviceJob: "architecture.decisionTime.service.perJob",
  serviceTask: "architecture.decisionTime.service.perTask",
  batchJob: "architecture.decisionTime.batch.perJob",
  rate: "workload.rateMultiplier.batch",
  batchSchedulers: "architecture.schedulers.batch",
  architecture: "architecture",
} as const;

/** One workload kind in a run: its jobs, and the one scheduler serving only that kind. */
export interface KindSpec {
  /** Jobs submitted (default 100). */
  submitted?: number;
  /** Mean wait for the first attempt, seconds (default 1). */
  wait?: number;
  pending?: number;
  abandoned?: number;
  /** Jobs never attempted by the horizon (`waitFirstSec.censored`; a growing queue). */
  neverAttempted?: number;
  /** The scheduler's daily-median busyness (also its overall busyness unless `busyness`). */
  busy?: number;
  /** Overall busyness, when it must differ from the daily median. */
  busyness?: number;
  conflicts?: number;
  wastedConflictSec?: number;
}

export interface RunSpec {
  /** Swept path → value, as results.json stores it (durations as strings, e.g. "10s"). */
  params?: Record<string, unknown>;
  /** google-a/b/c (stored under the cluster preset path); left out, judges fall back to google-c. */
  cluster?: string;
  seed?: number;
  /** Default one day. */
  simulatedSec?: number;
  batch?: KindSpec;
  service?: KindSpec;
}

function workload(k: KindSpec): WorkloadSummary {
  const wait = k.wait ?? 1;
  const censored = k.neverAttempted ?? 0;
  const dist = { mean: wait, p50: wait, p90: wait, p99: wait, censored };
  const submitted = k.submitted ?? 100;
  const done = submitted - (k.pending ?? 0) - (k.abandoned ?? 0);
  return {
    submitted,
    scheduled: done,
    fullyScheduled: done,
    abandoned: k.abandoned ?? 0,
    pending: k.pending ?? 0,
    waitFirstSec: dist,
    waitFullSec: dist,
    attemptsMean: 1,
  };
}

function scheduler(kind: string, k: KindSpec): SchedulerSummary {
  const busy = k.busy ?? 0;
  const conflicts = k.conflicts ?? 0;
  return {
    name: `${kind}-0`,
    workloads: [kind],
    busyness: k.busyness ?? busy,
    busynessDailyMedian: busy,
    busynessDailyMad: 0,
    usefulSec: 0,
    wastedConflictSec: k.wastedConflictSec ?? 0,
    wastedNoFitSec: 0,
    attempts: 100,
    transactions: { committed: 100, conflicted: Math.round(100 * conflicts) },
    conflictFraction: conflicts,
    conflictFractionDailyMedian: conflicts,
  };
}

/** One run: a workload and a scheduler for each kind given. */
export function run(spec: RunSpec): RunRecord {
  const kinds = (["batch", "service"] as const).flatMap((kind) => {
    const k = spec[kind];
    return k ? [[kind, k] as const] : [];
  });
  const params = { ...spec.params };
  if (spec.cluster !== undefined) params[PATH.cluster] = [spec.cluster, spec.cluster];
  const seed = spec.seed ?? 1;
  return {
    runId: `000-s${seed}`,
    seed,
    params,
    summary: {
      workloads: Object.fromEntries(kinds.map(([kind, k]) => [kind, workload(k)])),
      schedulers: kinds.map(([kind, k]) => scheduler(kind, k)),
      // The judges never read the cell.
      cell: undefined as never,
      events: 0,
      simulatedSec: spec.simulatedSec ?? 86_400,
    },
  };
}

/** One experiment's results.json. */
export function results(name: string, runs: RunRecord[]): ResultsFile {
  return { experiment: { name, description: "", figures: [], sweepPaths: [], horizonSec: 86_400 }, runs };
}

/** Several experiments' results, by experiment name, as the judges receive them. */
export function studies(byName: Record<string, RunSpec[]>): StudyResults {
  return new Map(Object.entries(byName).map(([name, specs]) => [name, results(name, specs.map(run))]));
}

/** One run per point, each with `path` swept to the point's `x` (as stored: a number or a duration). */
export function over(path: string, points: ReadonlyArray<{ x: unknown } & RunSpec>): RunSpec[] {
  return points.map(({ x, ...spec }) => ({ ...spec, params: { ...spec.params, [path]: x } }));
}

/** Runs over a decision time in seconds (t_job(service) unless `path` says otherwise). */
export function overTJob(
  points: ReadonlyArray<{ x: number } & RunSpec>,
  path: string = PATH.serviceJob,
): RunSpec[] {
  return over(
    path,
    points.map((p) => ({ ...p, x: `${p.x}s` })),
  );
}
