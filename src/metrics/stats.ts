/** Small, exact statistics helpers. Inputs are not modified. */

/** Arithmetic mean; 0 for an empty list. */
export function mean(xs: ArrayLike<number>): number {
  if (xs.length === 0) return 0;
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i] as number;
  return s / xs.length;
}

/**
 * The q-quantile (0 ≤ q ≤ 1) of an ascending-sorted list, interpolating linearly between order
 * statistics at position q·(n−1) (Hyndman–Fan type 7, numpy's default). 0 for an empty list.
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return 0;
  const pos = q * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, n - 1);
  const f = pos - lo;
  const a = sorted[lo] as number;
  return f === 0 ? a : a + f * ((sorted[hi] as number) - a);
}

/** Median of an unsorted list (0 for empty). */
export function median(xs: ArrayLike<number>): number {
  return quantileSorted(Float64Array.from(xs).sort(), 0.5);
}

/** Median absolute deviation from the median (unscaled), as the Omega paper's error bars. */
export function mad(xs: ArrayLike<number>): number {
  const m = median(xs);
  return median(Array.from(xs, (x) => Math.abs(x - m)));
}
