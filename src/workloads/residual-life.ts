import type { RandomStream } from "../engine/rng.js";
import { inverseNormalCdf } from "./distributions.js";
import { lengthBiasedWeibull } from "./weibull-biased.js";
import type { Distribution, Sampler } from "./spec.js";

/**
 * Remaining lifetime of a job found running at a random moment of a steady-state cell. Jobs
 * caught running are length-biased (a job twice as long is twice as likely to be running), and
 * the moment falls uniformly inside the caught job: residual = U · D with D drawn from the
 * length-biased law x·f(x)/E[D]. Prefill jobs drawn this way make t = 0 look like the middle of
 * a long run, so the cell neither drains (full-length draws end too early for long services)
 * nor overshoots. Exact for every distribution type:
 * - constant c: D = c;
 * - exponential: memoryless, residual ~ the same exponential;
 * - uniform [a, b]: density ∝ x on [a, b], D = √(a² + u(b² − a²));
 * - lognormal(m, σ): length-biased is lognormal(m·e^{σ²}, σ);
 * - weibull(k, λ): (D/λ)^k is Gamma(1 + 1/k) distributed, inverted numerically (weibull-biased.ts);
 * - empirical: a mixture of uniforms between adjacent sorted samples; a segment is chosen with
 *   probability ∝ its mean, then D as for the uniform.
 * `ceil` (integer durations) is applied to D before the uniform split; it is rarely used for
 * durations and the bias it leaves is below one unit.
 */
export function makeResidualLifeSampler(s: Sampler, lengthStream: RandomStream, phaseStream: RandomStream) {
  const biased = makeLengthBiased(s.dist, lengthStream);
  if (biased === "memoryless") {
    const mean = (s.dist as { mean: number }).mean;
    return () => mean * -Math.log1p(-phaseStream.next());
  }
  return () => {
    const d = s.ceil ? Math.max(1, Math.ceil(biased())) : biased();
    return phaseStream.next() * d;
  };
}

function makeLengthBiased(d: Distribution, stream: RandomStream): (() => number) | "memoryless" {
  switch (d.type) {
    case "constant": {
      const value = d.value;
      return () => value;
    }
    case "exponential":
      return "memoryless";
    case "uniform": {
      const { min, max } = d;
      return () => biasedInSegment(min, max, stream.next());
    }
    case "lognormal": {
      const scale = d.median * Math.exp(d.sigma * d.sigma);
      const sigma = d.sigma;
      return () => scale * Math.exp(sigma * inverseNormalCdf(stream.next()));
    }
    case "weibull":
      return lengthBiasedWeibull(d.shape, d.scale, stream);
    case "empirical":
      return lengthBiasedEmpirical(d.values, stream);
  }
}

/** A draw with density ∝ x on [a, b] from the uniform u. */
function biasedInSegment(a: number, b: number, u: number): number {
  return a === b ? a : Math.sqrt(a * a + u * (b * b - a * a));
}

function lengthBiasedEmpirical(values: readonly number[], stream: RandomStream): () => number {
  const v = Float64Array.from(values).sort();
  if (v.length === 1) {
    const only = v[0] as number;
    return () => only;
  }
  // Cumulative weight of each segment [v[i], v[i+1]]: its probability 1/(n−1) times its mean.
  const cumulative = new Float64Array(v.length - 1);
  let total = 0;
  for (let i = 0; i < cumulative.length; i++) {
    total += ((v[i] as number) + (v[i + 1] as number)) / 2;
    cumulative[i] = total;
  }
  return () => {
    if (total <= 0) return 0;
    const target = stream.next() * total;
    let i = 0;
    while (i < cumulative.length - 1 && (cumulative[i] as number) <= target) i++;
    const start = i === 0 ? 0 : (cumulative[i - 1] as number);
    const within = (target - start) / ((cumulative[i] as number) - start) || 0;
    return biasedInSegment(v[i] as number, v[i + 1] as number, within);
  };
}
