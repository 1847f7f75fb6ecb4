import { InputError } from "../engine/errors.js";
import type { RandomStream } from "../engine/rng.js";
import type { Distribution, Sampler } from "./spec.js";

/**
 * Samplers turn one uniform stream into draws of a distribution. Every sampler consumes exactly
 * one uniform per draw (inverse-CDF everywhere, including the lognormal), so a stream's n-th draw
 * is always the n-th job's value: adding a quantity or a kind never shifts another's numbers, and
 * the closures allocate nothing per draw.
 */

/** A function drawing the next value of `s` from `stream` (one uniform per draw). */
export function makeSampler(s: Sampler, stream: RandomStream): () => number {
  const raw = makeRawSampler(s.dist, stream);
  if (!s.ceil) return raw;
  return () => Math.max(1, Math.ceil(raw()));
}

function makeRawSampler(d: Distribution, stream: RandomStream): () => number {
  switch (d.type) {
    case "constant": {
      const value = d.value;
      return () => value;
    }
    case "uniform": {
      const { min } = d;
      const width = d.max - d.min;
      return () => min + stream.next() * width;
    }
    case "exponential": {
      const mean = d.mean;
      // −mean·ln(1 − u) with u ∈ [0, 1): finite; log1p is exact near u = 0 and gives +0 there.
      return () => mean * -Math.log1p(-stream.next());
    }
    case "lognormal": {
      const { median, sigma } = d;
      return () => median * Math.exp(sigma * inverseNormalCdf(stream.next()));
    }
    case "weibull": {
      const { scale } = d;
      const inverseShape = 1 / d.shape;
      // Inverse CDF λ·(−ln(1 − u))^(1/k), one uniform per draw like every other sampler.
      return () => scale * Math.pow(-Math.log1p(-stream.next()), inverseShape);
    }
    case "empirical":
      return makeEmpiricalSampler(d.values, stream);
  }
}

/**
 * Inverse of the piecewise-linear empirical CDF through the sorted samples v[0..n-1] placed at
 * quantiles i/(n-1): position u·(n−1), value v[i] + f·(v[i+1] − v[i]). (The reference simulator
 * computes `below + f·(below + above)`, which inflates draws; see docs/design.md.)
 */
function makeEmpiricalSampler(values: readonly number[], stream: RandomStream): () => number {
  if (values.length === 0) throw new InputError("empirical distribution needs at least one value");
  const sorted = Float64Array.from(values).sort();
  const last = sorted.length - 1;
  if (last === 0) {
    const only = sorted[0] as number;
    return () => only;
  }
  return () => {
    const pos = stream.next() * last;
    const i = Math.floor(pos);
    const below = sorted[i] as number;
    // u < 1 keeps i ≤ last − 1, so i + 1 is in range.
    return below + (pos - i) * ((sorted[i + 1] as number) - below);
  };
}

// Acklam's rational approximation of the standard normal quantile (relative error < 1.2e-9),
// chosen over Box–Muller so that one draw uses exactly one uniform and no state is carried.
const A = [
  -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
  2.506628277459239,
];
const B = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
const C = [
  -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
];
const D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;

/** Standard normal quantile Φ⁻¹(p); p = 0 is nudged to 2⁻⁵⁴ so the result stays finite. */
export function inverseNormalCdf(p: number): number {
  const q0 = p > 0 ? p : 2 ** -54;
  if (q0 < P_LOW) return tail(Math.sqrt(-2 * Math.log(q0)));
  if (q0 > 1 - P_LOW) return -tail(Math.sqrt(-2 * Math.log(1 - q0)));
  const q = q0 - 0.5;
  const r = q * q;
  const num = (((((A[0]! * r + A[1]!) * r + A[2]!) * r + A[3]!) * r + A[4]!) * r + A[5]!) * q;
  const den = ((((B[0]! * r + B[1]!) * r + B[2]!) * r + B[3]!) * r + B[4]!) * r + 1;
  return num / den;
}

function tail(q: number): number {
  const num = ((((C[0]! * q + C[1]!) * q + C[2]!) * q + C[3]!) * q + C[4]!) * q + C[5]!;
  const den = (((D[0]! * q + D[1]!) * q + D[2]!) * q + D[3]!) * q + 1;
  return num / den;
}

/**
 * The exact mean of a distribution (before `ceil`): used for analytic checks (preset
 * calibration, saturation estimates) and to reject generators that would never advance time.
 */
export function distributionMean(d: Distribution): number {
  switch (d.type) {
    case "constant":
      return d.value;
    case "uniform":
      return (d.min + d.max) / 2;
    case "exponential":
      return d.mean;
    case "lognormal":
      return d.median * Math.exp((d.sigma * d.sigma) / 2);
    case "weibull":
      return d.scale * gamma(1 + 1 / d.shape);
    case "empirical":
      return empiricalMean(d.values);
  }
}

/** Mean of the piecewise-linear inverse CDF: the average of the segment midpoints. */
function empiricalMean(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length <= 1) return sorted[0] ?? NaN;
  let sum = 0;
  for (let i = 0; i + 1 < sorted.length; i++) sum += ((sorted[i] as number) + (sorted[i + 1] as number)) / 2;
  return sum / (sorted.length - 1);
}

// Lanczos approximation of Γ(x) for x > 0 (g = 7, 9 terms; relative error ~1e-15): the Weibull
// mean is λ·Γ(1 + 1/k).
const LANCZOS = [
  0.9999999999998099, 676.5203681218851, -1259.1392167224028, 771.3234287776531, -176.6150291621406,
  12.507343278686905, -0.13857109526572012, 9.984369578019572e-6, 1.5056327351493116e-7,
];

/** Γ(x) for x > 0. */
export function gamma(x: number): number {
  if (x < 0.5) return Math.PI / (Math.sin(Math.PI * x) * gamma(1 - x));
  const z = x - 1;
  let a = LANCZOS[0] as number;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += (LANCZOS[i] as number) / (z + i);
  return Math.sqrt(2 * Math.PI) * Math.pow(t, z + 0.5) * Math.exp(-t) * a;
}
