/**
 * Empirical CDF points for plotting: at most `maxPoints` (value, fraction ≤ value) pairs taken
 * at evenly spaced ranks, always including the minimum and maximum, so a chart of a million
 * jobs stays small while its shape (and both tails' ends) are kept.
 */

/** One point of an empirical CDF. */
export interface CdfPoint {
  value: number;
  fraction: number;
}

/** CDF points of `values` (not modified), sorted by value. */
export function cdfPoints(values: readonly number[], maxPoints = 200): CdfPoint[] {
  const n = values.length;
  if (n === 0) return [];
  const sorted = Float64Array.from(values).sort();
  const step = Math.max(1, (n - 1) / Math.max(1, maxPoints - 1));
  const out: CdfPoint[] = [];
  for (let r = 0; r < n; r += step) {
    const i = Math.round(r);
    out.push({ value: sorted[i] as number, fraction: (i + 1) / n });
  }
  const last = out[out.length - 1];
  if (!last || last.fraction < 1) out.push({ value: sorted[n - 1] as number, fraction: 1 });
  return out;
}
