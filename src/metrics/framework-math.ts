/**
 * The arithmetic of the framework metrics (docs/metrics.md#frameworks), as small pure functions
 * so each can be checked on hand-computed cases: slowdown, data locality, dominant share, Jain's
 * fairness index, a time-weighted mean of point samples, and the mean/median/p90 of a list.
 */
import { mean, quantileSorted } from "./stats.js";

/**
 * Slowdown of an application: its completion time over `aloneUs`, the time it would take alone
 * on the whole empty cell (≥ 1 unless the estimate is optimistic). Null when `aloneUs` is not
 * positive: no baseline, no ratio.
 */
export function slowdown(completionUs: number, aloneUs: number): number | null {
  return aloneUs > 0 ? completionUs / aloneUs : null;
}

/**
 * Data locality: the fraction of tasks with an input block that started on a machine holding
 * it. Null (not 0) when no task had a block: "no locality to speak of" differs from "never local".
 */
export function localityFraction(local: number, remote: number): number | null {
  const total = local + remote;
  return total > 0 ? local / total : null;
}

/**
 * Dominant share (Ghodsi et al., NSDI 2011): the largest of a framework's shares of the cell's
 * CPUs and memory. A resource the cell has none of contributes no share.
 */
export function dominantShare(cpus: number, memGb: number, cellCpus: number, cellMemGb: number): number {
  const cpuShare = cellCpus > 0 ? cpus / cellCpus : 0;
  const memShare = cellMemGb > 0 ? memGb / cellMemGb : 0;
  return Math.max(cpuShare, memShare);
}

/**
 * Jain's fairness index (Jain, Chiu & Hawe, DEC-TR-301, 1984): (Σx)² / (n·Σx²), 1 when every x is
 * equal, 1/n when one holds everything. Null when there is nothing to share fairly — no values,
 * or all zero (Σx = 0 makes the ratio 0/0); callers skip such samples.
 */
export function jainIndex(xs: ArrayLike<number>): number | null {
  let sum = 0;
  let sumSquares = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i] as number;
    sum += x;
    sumSquares += x * x;
  }
  return xs.length === 0 || sum <= 0 ? null : (sum * sum) / (xs.length * sumSquares);
}

/**
 * Time-weighted mean of point samples taken at `timesUs` (ascending), each standing for the time
 * until the next sample (the last one until `endUs`). Null samples (undefined values) are left
 * out with their time; null when no sample counts.
 */
export function timeMean(
  timesUs: readonly number[],
  values: readonly (number | null)[],
  endUs: number,
): number | null {
  let area = 0;
  let weight = 0;
  for (let i = 0; i < timesUs.length; i++) {
    const value = values[i];
    if (value === null || value === undefined) continue;
    const w = Math.max(0, (timesUs[i + 1] ?? endUs) - (timesUs[i] as number));
    area += value * w;
    weight += w;
  }
  return weight > 0 ? area / weight : null;
}

/** Mean, median and 90th percentile of a list (percentiles of type 7, as everywhere else). */
export interface Spread {
  count: number;
  mean: number;
  p50: number;
  p90: number;
}

/** The {@link Spread} of `values` (not modified); null for an empty list. */
export function spreadOf(values: readonly number[]): Spread | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  return {
    count: values.length,
    mean: mean(sorted),
    p50: quantileSorted(sorted, 0.5),
    p90: quantileSorted(sorted, 0.9),
  };
}
