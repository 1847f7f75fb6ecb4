/**
 * Uncertainty across seeds, exactly. A sweep point run under n seeds gives n independent values
 * of a metric; their mean has a two-sided Student-t confidence interval
 * `mean ± t(1 − α/2, n − 1) · sd / √n`. Every sweep point sees the same jobs for a given seed
 * (common random numbers), so two points are best compared by their per-seed differences: the
 * seed-to-seed noise they share cancels, and the interval of the mean difference is narrower
 * than the unpaired one whenever the points' values are positively correlated across seeds.
 *
 * The t quantile is found by bisection on the exact Student-t distribution function for integer
 * degrees of freedom (a finite series, Abramowitz & Stegun 26.7.3–4), not read from a table or
 * approximated, so any n works and the result does not depend on the platform's math library
 * beyond `atan`, `sin` and `cos`.
 */

/** The mean of n values with its confidence interval (none for a single value). */
export interface MeanInterval {
  n: number;
  mean: number;
  /** Sample standard deviation (denominator n − 1); undefined when n = 1. */
  sd: number | undefined;
  /** Confidence level of the interval, e.g. 0.95. */
  level: number;
  /** `t(1 − α/2, n − 1) · sd / √n`; undefined when n = 1 (one seed gives no interval). */
  halfWidth: number | undefined;
  low: number | undefined;
  high: number | undefined;
}

/** Per-seed differences `point − baseline` over the seeds both have, in the point's seed order. */
export interface PairedDifferences extends MeanInterval {
  seeds: number[];
  differences: number[];
}

/** The two-sided level used throughout the report. */
export const CONFIDENCE_LEVEL = 0.95;

/** Sample standard deviation (denominator n − 1); undefined for fewer than 2 values. */
export function sampleSd(xs: readonly number[]): number | undefined {
  if (xs.length < 2) return undefined;
  const m = meanOf(xs);
  let ss = 0;
  for (const x of xs) ss += (x - m) ** 2;
  return Math.sqrt(ss / (xs.length - 1));
}

/**
 * P(|T| ≤ t) for Student's t with `df` (a positive integer) degrees of freedom, from the finite
 * series in θ = atan(|t| / √df): for odd df (2/π)(θ + sin θ (cos θ + ⅔ cos³θ + … )), for even df
 * sin θ (1 + ½ cos²θ + ⅜ cos⁴θ + … ), each series stopping at cos^(df−2) θ.
 */
export function studentTTwoSided(t: number, df: number): number {
  checkDf(df);
  const theta = Math.atan(Math.abs(t) / Math.sqrt(df));
  const cos2 = Math.cos(theta) ** 2;
  const odd = df % 2 === 1;
  if (df === 1) return (2 / Math.PI) * theta;
  let term = odd ? Math.cos(theta) : 1;
  let sum = term;
  for (let k = odd ? 3 : 2; k <= df - 2; k += 2) {
    term *= ((k - 1) / k) * cos2;
    sum += term;
  }
  return odd ? (2 / Math.PI) * (theta + Math.sin(theta) * sum) : Math.sin(theta) * sum;
}

/**
 * The t with P(|T| ≤ t) = `level` for `df` degrees of freedom, i.e. the (1 + level)/2 quantile
 * (12.7062… for df = 1 and level 0.95, 4.3027… for df = 2). Bisection to the last bit, so the
 * same inputs give the same number everywhere.
 */
export function tCritical(df: number, level: number = CONFIDENCE_LEVEL): number {
  checkDf(df);
  if (!(level > 0 && level < 1)) throw new RangeError(`confidence level ${level}: expected 0 < level < 1`);
  let lo = 0;
  let hi = 1;
  while (studentTTwoSided(hi, df) < level) hi *= 2;
  for (;;) {
    const mid = lo + (hi - lo) / 2;
    if (mid <= lo || mid >= hi) return hi;
    if (studentTTwoSided(mid, df) < level) lo = mid;
    else hi = mid;
  }
}

/** Mean, sample standard deviation and t interval of `xs` (at least one value). */
export function meanInterval(xs: readonly number[], level: number = CONFIDENCE_LEVEL): MeanInterval {
  if (xs.length === 0) throw new RangeError("meanInterval: no values");
  const n = xs.length;
  const mean = meanOf(xs);
  const sd = sampleSd(xs);
  if (sd === undefined) return { n, mean, sd, level, halfWidth: undefined, low: undefined, high: undefined };
  const halfWidth = (tCritical(n - 1, level) * sd) / Math.sqrt(n);
  return { n, mean, sd, level, halfWidth, low: mean - halfWidth, high: mean + halfWidth };
}

/**
 * Pairs `point` with `baseline` by seed (maps seed → value; non-finite values are left out) and
 * gives the differences `point − baseline` with their mean and t interval. Throws when the two
 * share no seed.
 */
export function pairedDifferences(
  point: ReadonlyMap<number, number>,
  baseline: ReadonlyMap<number, number>,
  level: number = CONFIDENCE_LEVEL,
): PairedDifferences {
  const seeds: number[] = [];
  const differences: number[] = [];
  for (const [seed, value] of point) {
    const base = baseline.get(seed);
    if (base === undefined || !Number.isFinite(base) || !Number.isFinite(value)) continue;
    seeds.push(seed);
    differences.push(value - base);
  }
  if (seeds.length === 0) throw new RangeError("pairedDifferences: the point and the baseline share no seed");
  return { ...meanInterval(differences, level), seeds, differences };
}

/**
 * For contrast only: the interval of `mean(a) − mean(b)` when the pairing is ignored (two
 * independent samples, pooled variance, n_a + n_b − 2 degrees of freedom). Needs 3 values in all.
 */
export function unpairedDifference(
  a: readonly number[],
  b: readonly number[],
  level: number = CONFIDENCE_LEVEL,
): MeanInterval {
  const df = a.length + b.length - 2;
  if (a.length === 0 || b.length === 0 || df < 1) {
    throw new RangeError("unpairedDifference: needs ≥ 1 value per sample and ≥ 3 in all");
  }
  const ss = (xs: readonly number[]): number => (sampleSd(xs) ?? 0) ** 2 * (xs.length - 1);
  const sd = Math.sqrt((ss(a) + ss(b)) / df);
  const mean = meanOf(a) - meanOf(b);
  const halfWidth = tCritical(df, level) * sd * Math.sqrt(1 / a.length + 1 / b.length);
  return {
    n: a.length + b.length,
    mean,
    sd,
    level,
    halfWidth,
    low: mean - halfWidth,
    high: mean + halfWidth,
  };
}

function meanOf(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

function checkDf(df: number): void {
  if (!Number.isInteger(df) || df < 1)
    throw new RangeError(`degrees of freedom ${df}: expected an integer ≥ 1`);
}
