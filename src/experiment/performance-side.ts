import { CellState } from "../cluster/cell-state.js";
import { PerformanceTracker, type PerformanceHost } from "../cluster/performance.js";
import type { RngFactory } from "../engine/rng.js";
import type { SimTime } from "../engine/time.js";
import { PerformanceMetrics } from "../metrics/performance.js";
import type { TypeCount } from "../quasar/machine-types.js";
import { PerfCell } from "../quasar/perf-cell.js";
import type { PerformanceSummary } from "../quasar/summary.js";

/** Width of the performance series' time bins (utilization used/allocated/reserved, heatmap), s. */
export const PERFORMANCE_BIN_SEC = 30;

/** What a run with a typed cell adds: the cell, its performance side, and their metrics. */
export interface PerformanceSide {
  readonly cell: CellState;
  readonly perf: PerfCell;
  readonly metrics: PerformanceMetrics;
  /** The tracker of jobs' progress, with the run's model as its host. */
  tracker(host: PerformanceHost): PerformanceTracker;
  /** The run's performance summary, or undefined if no job had a performance model. */
  summary(
    nowUs: SimTime,
    names: { scenario: string; allocation: string; policy: string },
  ): PerformanceSummary | undefined;
}

/**
 * Builds a typed cell. Machines are shuffled (seeded, stream `quasar:layout`) so that index
 * order — the last tie-break of every placement rule — says nothing about type: a type-blind
 * policy must not get type-awareness from how the cell was written down.
 */
export function performanceSide(
  types: readonly TypeCount[],
  rng: RngFactory,
  horizonUs: SimTime,
  /** Each machine's amount of further resource dimensions, by name (optional). */
  resources: Readonly<Record<string, number>> = {},
): PerformanceSide {
  const typeOf = shuffledLayout(types, rng);
  const kinds = types.map((t) => t.type);
  const cell = CellState.fromCapacities(
    Array.from(typeOf, (t) => kinds[t]!.cores),
    Array.from(typeOf, (t) => kinds[t]!.memGb),
    Object.entries(resources).map(([name, amount]) => ({
      name,
      capacity: new Float64Array(typeOf.length).fill(amount),
    })),
  );
  const perf = new PerfCell(kinds, typeOf);
  const metrics = new PerformanceMetrics(perf, horizonUs, PERFORMANCE_BIN_SEC);
  let tracker: PerformanceTracker | undefined;
  return {
    cell,
    perf,
    metrics,
    tracker(host) {
      tracker = new PerformanceTracker(host, perf, metrics);
      return tracker;
    },
    summary(nowUs, names) {
      if (!tracker || tracker.submittedCount === 0) return undefined;
      const unfinished = tracker.unfinished();
      // Measure to the last job's end, not to the horizon the clock was advanced to.
      const endUs = unfinished.length === 0 ? metrics.lastFinish : nowUs;
      return metrics.summarize(endUs, unfinished, names);
    },
  };
}

/** Type index of every machine, shuffled (Fisher–Yates on the layout stream). */
function shuffledLayout(types: readonly TypeCount[], rng: RngFactory): Int32Array {
  const out: number[] = [];
  types.forEach((t, typeIdx) => {
    for (let k = 0; k < t.count; k++) out.push(typeIdx);
  });
  const stream = rng.stream("quasar:layout");
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(stream.next() * (i + 1));
    [out[i], out[j]] = [out[j] as number, out[i] as number];
  }
  return Int32Array.from(out);
}
