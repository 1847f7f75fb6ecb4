import type { RandomStream } from "../engine/rng.js";
import { gamma } from "./distributions.js";

/**
 * Length-biased draws of a Weibull(k, λ) duration (prefill of jobs found running). If D is
 * length-biased Weibull, Y = (D/λ)^k has density ∝ y^{1/k} e^{−y}, i.e. Gamma(a = 1 + 1/k, 1);
 * so a draw inverts the regularized incomplete gamma P(a, y) = u by bisection (one uniform per
 * draw, like every sampler) and returns λ·Y^{1/k}. Prefill draws are few, so 64 halvings of a
 * bracketing interval cost nothing that matters.
 */
export function lengthBiasedWeibull(shape: number, scale: number, stream: RandomStream): () => number {
  const a = 1 + 1 / shape;
  const logGammaA = Math.log(gamma(a));
  return () => {
    const u = stream.next();
    let lo = 0;
    let hi = Math.max(1, a);
    while (regularizedGammaP(a, hi, logGammaA) < u) hi *= 2;
    for (let i = 0; i < 64; i++) {
      const mid = (lo + hi) / 2;
      if (regularizedGammaP(a, mid, logGammaA) < u) lo = mid;
      else hi = mid;
    }
    return scale * Math.pow((lo + hi) / 2, 1 / shape);
  };
}

/**
 * P(a, x), the regularized lower incomplete gamma function: the series below a + 1, the
 * continued fraction (modified Lentz) above it — the split where each converges fast.
 */
export function regularizedGammaP(a: number, x: number, logGammaA: number): number {
  if (x <= 0) return 0;
  const front = Math.exp(a * Math.log(x) - x - logGammaA);
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 500; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-16) break;
    }
    return front * sum;
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 500; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return 1 - front * h;
}
