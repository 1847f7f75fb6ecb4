/**
 * A small synthetic results.json: 3 decision times × 2 cluster presets × 2 seeds, with plausible
 * numbers chosen so the expected means are easy to compute by hand in the tests.
 */
import type { ResultsFile, RunRecord } from "../../src/experiment/results-types.js";
import type { RunSummary, WorkloadSummary } from "../../src/metrics/summary.js";

export const DECISION_TIMES = ["0.01s", "1s", "100s"] as const;
export const PRESETS = [
  ["google-a", "google-a"],
  ["google-b", "google-b"],
] as const;
export const SEEDS = [1, 2] as const;
export const DT_PATH = "architecture.decisionTime.*.perJob";
export const PRESET_PATH = "cluster.preset,workload.preset";

/** Mean batch wait for a point: 0 at the smallest decision time on google-a (tests the clamp). */
export function batchWait(dtSec: number, preset: number, seed: number): number {
  if (dtSec === 0.01 && preset === 0) return 0;
  return dtSec * (preset + 1) * (seed === 1 ? 1 : 1.5);
}

export function serviceWait(dtSec: number, preset: number, seed: number): number {
  return dtSec * 2 * (preset + 1) + seed;
}

export function busyness(dtSec: number, preset: number, seed: number): number {
  return Math.min(1, dtSec / 100 + 0.1 * preset + 0.01 * seed);
}

function workload(waitMean: number, abandoned: number): WorkloadSummary {
  const dist = { mean: waitMean, p50: waitMean, p90: waitMean * 2, p99: waitMean * 3, censored: 0 };
  return {
    submitted: 100,
    scheduled: 100 - abandoned,
    fullyScheduled: 100 - abandoned,
    abandoned,
    pending: 0,
    waitFirstSec: dist,
    waitFullSec: dist,
    attemptsMean: 1,
  };
}

function scheduler(name: string, b: number) {
  return {
    name,
    workloads: [name],
    busyness: b,
    busynessDailyMedian: b,
    busynessDailyMad: 0.02,
    usefulSec: 1000 * b,
    wastedConflictSec: 0,
    wastedNoFitSec: 0,
    attempts: 100,
    transactions: { committed: 100, conflicted: 0 },
    conflictFraction: 0,
    conflictFractionDailyMedian: 0,
  };
}

function summary(dtSec: number, preset: number, seed: number): RunSummary {
  const series = Array.from({ length: 24 }, (_, i) => 0.6 + 0.01 * i + 0.05 * preset);
  return {
    workloads: {
      batch: workload(batchWait(dtSec, preset, seed), 0),
      service: workload(serviceWait(dtSec, preset, seed), preset),
    },
    schedulers: [
      scheduler("batch", busyness(dtSec, preset, seed)),
      scheduler("service", busyness(dtSec, preset, seed) / 2),
    ],
    cell: {
      machines: 100,
      totalCpus: 400,
      totalMemGb: 1600,
      utilization: { cpu: 0.7 + 0.05 * preset, mem: 0.5 },
      locked: { cpu: 0, mem: 0 },
      prefill: { jobs: 10, tasksPlaced: 100, tasksDropped: 0, cpuFraction: 0.6 },
      series: {
        periodSec: 3600,
        cpuUtilization: series,
        memUtilization: series.map((v) => v - 0.1),
        lockedCpu: series.map(() => 0),
        lockedMem: series.map(() => 0),
      },
    },
    events: 1000,
    simulatedSec: 86_400,
  };
}

/** The fixture, runs sorted by runId as results.json guarantees. */
export function makeResults(): ResultsFile {
  const runs: RunRecord[] = [];
  let point = 0;
  for (const dt of DECISION_TIMES) {
    for (const [p, preset] of PRESETS.entries()) {
      for (const seed of SEEDS) {
        const runId = `${String(point).padStart(3, "0")}-s${seed}`;
        const params = { [DT_PATH]: dt, [PRESET_PATH]: [...preset] };
        runs.push({ runId, seed, params, summary: summary(Number.parseFloat(dt), p, seed) });
      }
      point++;
    }
  }
  return {
    experiment: {
      name: "fixture-omega-fig5",
      description: "Synthetic <fixture> for report tests & escaping",
      figures: ["wait-vs-decision-time", "busyness-vs-decision-time", "utilization-over-time"],
      sweepPaths: [DT_PATH, PRESET_PATH],
      horizonSec: 86_400,
    },
    runs,
  };
}

/** A manifest with the provenance fields the report header shows. */
export function makeManifest(): Record<string, unknown> {
  return {
    cellsimVersion: "0.1.0",
    gitCommit: "0123456789abcdef0123456789abcdef01234567",
    nodeVersion: "v20.19.0",
    seeds: [...SEEDS],
    config: {
      name: "fixture-omega-fig5",
      horizon: "1d",
      cluster: { preset: "google-c" },
      workload: { preset: "google-c" },
      architecture: { type: "monolithic" },
      placement: "random-first-fit",
      sweep: { [DT_PATH]: [...DECISION_TIMES], [PRESET_PATH]: PRESETS },
    },
  };
}
