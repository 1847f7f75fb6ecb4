/**
 * A synthetic architecture sweep: three variants swept as whole objects (one named, one named,
 * one with only a type) × four service decision times × two seeds, each with its own schedulers:
 * a monolithic scheduler serving both kinds, Omega batch + service schedulers that conflict, and
 * Mesos batch + service schedulers that abandon batch jobs and lock offers at slow decisions.
 */
import type { ResultsFile, RunRecord } from "../../src/experiment/results-types.js";
import type { RunSummary, SchedulerSummary, WorkloadSummary } from "../../src/metrics/summary.js";

export const ARCH_PATH = "architecture";
export const SERVICE_DT_PATH = "architecture.decisionTime.service.perJob";
export const ARCH_DTS = ["0.1s", "1s", "10s", "100s"] as const;
export const VARIANTS = [
  { type: "monolithic", name: "mono single-path", singlePath: true },
  { type: "shared-state", name: "Omega fine", conflictMode: "fine" },
  { type: "two-level" },
] as const;
/** How each variant reads in legends and panel headers (`name`, else `type`). */
export const VARIANT_LABELS = ["mono single-path", "Omega fine", "two-level"];

/** Omega service conflicts grow with the decision time; others never conflict. */
export function conflicts(variant: number, dtSec: number, seed: number): number {
  return variant === 1 ? (dtSec / 100) * 0.5 + 0.01 * seed : 0;
}

/** Mesos abandons batch jobs at the slowest decision time only. */
export function abandonedBatch(variant: number, dtSec: number, seed: number): number {
  return variant === 2 && dtSec === 100 ? 50 + seed : 0;
}

function workload(wait: number, abandoned: number): WorkloadSummary {
  const dist = { mean: wait, p50: wait, p90: wait, p99: wait, censored: 0 };
  return {
    submitted: 200,
    scheduled: 200 - abandoned,
    fullyScheduled: 200 - abandoned,
    abandoned,
    pending: 0,
    waitFirstSec: dist,
    waitFullSec: dist,
    attemptsMean: 1,
  };
}

function sched(name: string, workloads: string[], busy: number, conflict: number): SchedulerSummary {
  return {
    name,
    workloads,
    busyness: busy,
    busynessDailyMedian: busy,
    busynessDailyMad: 0.01,
    usefulSec: 100,
    wastedConflictSec: 0,
    wastedNoFitSec: 0,
    attempts: 100,
    transactions: { committed: 100, conflicted: Math.round(conflict * 100) },
    conflictFraction: conflict * 1.1,
    conflictFractionDailyMedian: conflict,
  };
}

function schedulers(variant: number, dtSec: number, seed: number): SchedulerSummary[] {
  const service = Math.min(1, dtSec / 50);
  if (variant === 0) return [sched("monolithic", ["batch", "service"], Math.min(1, 0.08 + service), 0)];
  const prefix = variant === 1 ? "omega" : "mesos";
  return [
    sched(`${prefix}-batch-0`, ["batch"], 0.08, 0),
    sched(`${prefix}-service-0`, ["service"], service, conflicts(variant, dtSec, seed)),
  ];
}

function summary(variant: number, dtSec: number, seed: number): RunSummary {
  const locked = variant === 2 ? dtSec / 200 : 0;
  const cpu = Array.from({ length: 12 }, (_, i) => 0.6 - 0.001 * dtSec + 0.005 * i);
  return {
    workloads: {
      batch: workload(0.05 * seed, abandonedBatch(variant, dtSec, seed)),
      service: workload(dtSec * (variant + 1), 0),
    },
    schedulers: schedulers(variant, dtSec, seed),
    cell: {
      machines: 10,
      totalCpus: 40,
      totalMemGb: 160,
      utilization: { cpu: 0.6 - 0.001 * dtSec, mem: 0.5 },
      locked: { cpu: locked, mem: locked },
      prefill: { jobs: 1, tasksPlaced: 10, tasksDropped: 0, cpuFraction: 0.6 },
      series: {
        periodSec: 7200,
        cpuUtilization: cpu,
        memUtilization: cpu.map((v) => v - 0.1),
        lockedCpu: cpu.map(() => locked),
        lockedMem: cpu.map(() => locked),
      },
    },
    events: 100,
    simulatedSec: 86_400,
  };
}

/** The architecture sweep, runs sorted by runId (variant outermost, as the sweep expands). */
export function makeArchResults(figures: string[] = []): ResultsFile {
  const runs: RunRecord[] = [];
  let point = 0;
  for (const [v, variant] of VARIANTS.entries()) {
    for (const dt of ARCH_DTS) {
      for (const seed of [1, 2]) {
        const runId = `${String(point).padStart(3, "0")}-s${seed}`;
        const params = { [ARCH_PATH]: structuredClone(variant), [SERVICE_DT_PATH]: dt };
        runs.push({ runId, seed, params, summary: summary(v, Number.parseFloat(dt), seed) });
      }
      point++;
    }
  }
  return {
    experiment: {
      name: "fixture-architectures",
      description: "Synthetic architecture sweep",
      figures,
      sweepPaths: [ARCH_PATH, SERVICE_DT_PATH],
      horizonSec: 86_400,
    },
    runs,
  };
}
