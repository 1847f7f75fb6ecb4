/**
 * Synthetic results for the Omega figure kinds: a fig-8 rate sweep (2 clusters × 4 multipliers ×
 * 2 seeds) whose batch scheduler saturates at a known multiplier per cluster, a fig-9 scheduler
 * count sweep, and a fig-10 grid (2 architectures × 2 t_job × 2 t_task) with known unscheduled cells.
 */
import type { ResultsFile, RunRecord } from "../../src/experiment/results-types.js";
import type { RunSummary, SchedulerSummary, WorkloadSummary } from "../../src/metrics/summary.js";

export const RATE_PATH = "workload.rateMultiplier.batch";
export const PRESET_PATH = "cluster.preset,workload.preset";
export const RATES = [1, 2, 3, 4] as const;
/** google-a saturates by busyness at 3×; google-c by a growing queue at 4× (busyness stays 0.9). */
export const SATURATES_AT = { "google-a": 3, "google-c": 4 } as const;

function workload(submitted: number, waitMean: number, censored = 0, extra: Partial<WorkloadSummary> = {}) {
  const dist = { mean: waitMean, p50: waitMean, p90: waitMean, p99: waitMean, censored };
  return {
    submitted,
    scheduled: submitted - censored,
    fullyScheduled: submitted - censored,
    abandoned: 0,
    pending: censored,
    waitFirstSec: dist,
    waitFullSec: dist,
    attemptsMean: 1,
    ...extra,
  };
}

export function sched(name: string, kinds: string[], busy: number, conflict = 0): SchedulerSummary {
  return {
    name,
    workloads: kinds,
    busyness: busy,
    busynessDailyMedian: busy,
    busynessDailyMad: 0.02,
    usefulSec: 1,
    wastedConflictSec: 0,
    wastedNoFitSec: 0,
    attempts: 100,
    transactions: { committed: 100, conflicted: Math.round(conflict * 100) },
    conflictFraction: conflict,
    conflictFractionDailyMedian: conflict,
  };
}

function summary(workloads: Record<string, WorkloadSummary>, schedulers: SchedulerSummary[]): RunSummary {
  const series = {
    periodSec: 3600,
    cpuUtilization: [0.6],
    memUtilization: [0.5],
    lockedCpu: [0],
    lockedMem: [0],
  };
  return {
    workloads,
    schedulers,
    cell: {
      machines: 10,
      totalCpus: 40,
      totalMemGb: 160,
      utilization: { cpu: 0.6, mem: 0.5 },
      locked: { cpu: 0, mem: 0 },
      prefill: { jobs: 1, tasksPlaced: 1, tasksDropped: 0, cpuFraction: 0.6 },
      series,
    },
    events: 100,
    simulatedSec: 86_400,
  };
}

function rateRun(preset: "google-a" | "google-c", rate: number, seed: number): RunSummary {
  const at = SATURATES_AT[preset];
  const batchBusy = preset === "google-a" ? Math.min(0.99, 0.32 * rate) : 0.9;
  const queued = rate >= at && preset === "google-c" ? 500 : 0;
  return summary({ batch: workload(1000 * rate, rate * seed, queued), service: workload(100, 0.5 * rate) }, [
    sched("omega-batch-0", ["batch"], batchBusy),
    sched("omega-service-0", ["service"], 0.1 * rate),
  ]);
}

function results(name: string, sweepPaths: string[], runs: RunRecord[], figures: string[]): ResultsFile {
  return { experiment: { name, description: "", figures, sweepPaths, horizonSec: 86_400 }, runs };
}

function runId(point: number, seed: number): string {
  return `${String(point).padStart(3, "0")}-s${seed}`;
}

/** Fig 8: clusters outermost, then the multiplier, then seeds 1 and 2. */
export function makeRateResults(): ResultsFile {
  const runs: RunRecord[] = [];
  let point = 0;
  for (const preset of ["google-a", "google-c"] as const) {
    for (const rate of RATES) {
      for (const seed of [1, 2]) {
        const params = { [PRESET_PATH]: [preset, preset], [RATE_PATH]: rate };
        runs.push({ runId: runId(point, seed), seed, params, summary: rateRun(preset, rate, seed) });
      }
      point++;
    }
  }
  return results("fixture-fig8", [PRESET_PATH, RATE_PATH], runs, ["wait-vs-arrival-rate"]);
}

export const COUNT_PATH = "architecture.schedulers.batch";
export const COUNTS = [1, 2, 4] as const;

/** Fig 9: relative batch rate outermost, then 1/2/4 batch schedulers, one seed. */
export function makeCountResults(): ResultsFile {
  const runs: RunRecord[] = [];
  let point = 0;
  for (const rate of [1, 2]) {
    for (const n of COUNTS) {
      const batch = Array.from({ length: n }, (_, i) =>
        sched(`omega-batch-${i}`, ["batch"], (0.4 * rate) / n, 0.1 * n * rate),
      );
      const schedulers = [...batch, sched("omega-service-0", ["service"], 0.2, 0.05)];
      const params = { [RATE_PATH]: rate, [COUNT_PATH]: n };
      runs.push({
        runId: runId(point++, 1),
        seed: 1,
        params,
        summary: summary({ batch: workload(100, 1) }, schedulers),
      });
    }
  }
  return results("fixture-fig9", [RATE_PATH, COUNT_PATH], runs, []);
}

/** Fig 9 as the paper draws it: per batch scheduler, busyness and conflict fraction by count and rate. */
const BY_COUNT: Record<number, Record<number, { busy: number[]; conflict: number[] }>> = {
  1: {
    1: { busy: [0.25], conflict: [0] },
    2: { busy: [0.5], conflict: [0] },
    4: { busy: [0.98], conflict: [0] },
  },
  // Two batch schedulers with different loads: the figure must plot their mean, not either one or the sum.
  2: {
    1: { busy: [0.15, 0.1], conflict: [0.02, 0.04] },
    2: { busy: [0.3, 0.2], conflict: [0.05, 0.07] },
    4: { busy: [0.6, 0.4], conflict: [0.1, 0.14] },
  },
};

/**
 * Fig 9 (rate × count, the paper's drawing): relative batch rate 1/2/4 outermost, then 1 or 2
 * batch schedulers, seeds 1 and 2 (busyness 0.01 below and above the values of BY_COUNT, so the
 * seed mean is the table's value). One batch scheduler saturates at 4× (busyness 0.98); two never
 * do. The service scheduler is always 0.99 busy with conflict fraction 0.5, so any figure that
 * drew it would show it. Batch scheduler 0 commits 200 transactions, scheduler 1 commits 100, so
 * the pooled conflict fraction differs from the per-scheduler mean.
 */
export function makeRateByCountResults(): ResultsFile {
  const runs: RunRecord[] = [];
  let point = 0;
  for (const rate of [1, 2, 4]) {
    for (const n of [1, 2]) {
      const cell = BY_COUNT[n]![rate]!;
      for (const seed of [1, 2]) {
        const batch = cell.busy.map((busy, i) => {
          const s = sched(
            `omega-batch-${i}`,
            ["batch"],
            busy + (seed === 1 ? -0.01 : 0.01),
            cell.conflict[i],
          );
          const committed = i === 0 ? 200 : 100;
          return {
            ...s,
            transactions: { committed, conflicted: Math.round(committed * (cell.conflict[i] ?? 0)) },
          };
        });
        const schedulers = [...batch, sched("omega-service-0", ["service"], 0.99, 0.5)];
        const params = { [RATE_PATH]: rate, [COUNT_PATH]: n };
        const w = { batch: workload(1000 * rate, 1), service: workload(100, 1) };
        runs.push({ runId: runId(point, seed), seed, params, summary: summary(w, schedulers) });
      }
      point++;
    }
  }
  return results("fixture-fig9-rate", [RATE_PATH, COUNT_PATH], runs, []);
}

export const ARCH_PATH = "architecture";
export const JOB_PATH = "architecture.decisionTime.service.perJob";
export const TASK_PATH = "architecture.decisionTime.service.perTask";

/** Fig 10: single-path abandons nothing but leaves a backlog at t_job 10 s; Omega never does. */
export function makeGridResults(): ResultsFile {
  const runs: RunRecord[] = [];
  let point = 0;
  const archs = [
    { type: "monolithic", name: "single-path", singlePath: true },
    { type: "shared-state", name: "Omega" },
  ];
  for (const [a, arch] of archs.entries()) {
    for (const tJob of ["0.1s", "10s"]) {
      for (const tTask of ["5ms", "1s"]) {
        const slow = Number.parseFloat(tJob) === 10;
        const busy = a === 0 ? (slow ? 1 : 0.3) : slow ? 0.6 : 0.1;
        const pending = a === 0 && slow ? 400 : 3; // 3 in-flight jobs of 1100 must not count
        const w = { batch: workload(1000, 1, 0, { pending }), service: workload(100, 1) };
        const schedulers =
          a === 0
            ? [sched("mono", ["batch", "service"], busy)]
            : [sched("b", ["batch"], 0.1), sched("s", ["service"], busy)];
        const params = { [ARCH_PATH]: arch, [JOB_PATH]: tJob, [TASK_PATH]: tTask };
        runs.push({ runId: runId(point++, 1), seed: 1, params, summary: summary(w, schedulers) });
      }
    }
  }
  return results("fixture-fig10", [ARCH_PATH, JOB_PATH, TASK_PATH], runs, ["busyness-grid"]);
}
