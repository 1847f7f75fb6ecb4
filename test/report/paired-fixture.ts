/**
 * A hand-made paired comparison: two architectures swept as whole objects × three seeds. The
 * seed moves both architectures' numbers together (a heavier seed is heavier for both), so the
 * per-seed differences vary far less than the values: the case pairing by seed is made for.
 */
import type { ResultsFile, RunRecord } from "../../src/experiment/results-types.js";
import type { RunSummary, SchedulerSummary, WorkloadSummary } from "../../src/metrics/summary.js";

export const PAIRED_ARCH_PATH = "architecture";
export const PAIRED_VARIANTS = [
  { type: "monolithic", name: "mono" },
  { type: "shared-state", name: "Omega" },
] as const;
export const PAIRED_SEEDS = [1, 2, 3] as const;

/** Mean batch wait (s) per variant, per seed 1, 2, 3. */
export const BATCH_WAIT = [
  [10, 20, 30],
  [12, 23, 31],
] as const;
/** Busyness of the scheduler(s) serving batch jobs per variant, per seed 1, 2, 3. */
export const BATCH_BUSYNESS = [
  [0.5, 0.7, 0.6],
  [0.25, 0.45, 0.4],
] as const;

function workload(wait: number): WorkloadSummary {
  const dist = { mean: wait, p50: wait, p90: wait, p99: wait, censored: 0 };
  return {
    submitted: 50,
    scheduled: 50,
    fullyScheduled: 50,
    abandoned: 0,
    pending: 0,
    waitFirstSec: dist,
    waitFullSec: dist,
    attemptsMean: 1,
  };
}

function sched(name: string, workloads: string[], busy: number): SchedulerSummary {
  return {
    name,
    workloads,
    busyness: busy,
    busynessDailyMedian: busy,
    busynessDailyMad: 0,
    usefulSec: 100,
    wastedConflictSec: 0,
    wastedNoFitSec: 0,
    attempts: 50,
    transactions: { committed: 50, conflicted: 0 },
    conflictFraction: 0,
    conflictFractionDailyMedian: 0,
  };
}

function summary(variant: number, s: number): RunSummary {
  const busy = BATCH_BUSYNESS[variant]?.[s] ?? 0;
  // The Omega service scheduler is very busy; it serves no batch job, so it is not compared.
  const schedulers =
    variant === 0
      ? [sched("monolithic", ["batch", "service"], busy)]
      : [sched("omega-batch-0", ["batch"], busy), sched("omega-service-0", ["service"], 0.9)];
  const cpu = [0.5, 0.6];
  return {
    workloads: { batch: workload(BATCH_WAIT[variant]?.[s] ?? 0), service: workload(5) },
    schedulers,
    cell: {
      machines: 4,
      totalCpus: 16,
      totalMemGb: 64,
      utilization: { cpu: 0.55, mem: 0.5 },
      locked: { cpu: 0, mem: 0 },
      prefill: { jobs: 1, tasksPlaced: 4, tasksDropped: 0, cpuFraction: 0.5 },
      series: {
        periodSec: 43_200,
        cpuUtilization: cpu,
        memUtilization: cpu,
        lockedCpu: [0, 0],
        lockedMem: [0, 0],
      },
    },
    events: 100,
    simulatedSec: 86_400,
  };
}

/** The comparison's results.json, runs sorted by runId (variant outermost). `seeds` picks a subset. */
export function makePairedResults(seeds: readonly number[] = PAIRED_SEEDS): ResultsFile {
  const runs: RunRecord[] = [];
  for (const [v, variant] of PAIRED_VARIANTS.entries()) {
    for (const seed of seeds) {
      const runId = `${String(v).padStart(3, "0")}-s${seed}`;
      const params = { [PAIRED_ARCH_PATH]: structuredClone(variant) };
      runs.push({ runId, seed, params, summary: summary(v, seed - 1) });
    }
  }
  return {
    experiment: {
      name: "fixture-paired",
      description: "Two architectures, three seeds",
      figures: ["paired-differences"],
      sweepPaths: [PAIRED_ARCH_PATH],
      horizonSec: 86_400,
    },
    runs,
  };
}
