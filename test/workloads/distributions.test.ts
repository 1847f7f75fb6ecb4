import { describe, it, expect } from "vitest";
import { makeStream, type RandomStream } from "../../src/engine/rng.js";
import { distributionMean, inverseNormalCdf, makeSampler } from "../../src/workloads/distributions.js";
import type { Distribution } from "../../src/workloads/spec.js";

const N = 200_000;

function draws(dist: Distribution, seed = "dist-test", ceil = false, n = N): Float64Array {
  const sample = makeSampler({ dist, ceil }, makeStream(seed));
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = sample();
  return out.sort();
}

const mean = (xs: Float64Array) => xs.reduce((a, b) => a + b, 0) / xs.length;
const quantile = (sorted: Float64Array, q: number) => sorted[Math.floor(q * (sorted.length - 1))] as number;

/** A stream replaying fixed uniforms, for exact-value checks. */
function fixed(...us: number[]): RandomStream {
  let i = 0;
  return { next: () => us[i++ % us.length] as number };
}

describe("makeSampler", () => {
  it("constant returns its value and consumes nothing", () => {
    const s = makeSampler({ dist: { type: "constant", value: 7 }, ceil: false }, fixed(0.5));
    expect([s(), s()]).toEqual([7, 7]);
  });

  it("uniform: mean and range", () => {
    const xs = draws({ type: "uniform", min: 2, max: 6 });
    expect(mean(xs)).toBeCloseTo(4, 1);
    expect(xs[0]).toBeGreaterThanOrEqual(2);
    expect(xs[xs.length - 1]).toBeLessThan(6);
  });

  it("exponential: mean and median −mean·ln(1/2)", () => {
    const xs = draws({ type: "exponential", mean: 10 });
    expect(mean(xs) / 10).toBeCloseTo(1, 1);
    expect(quantile(xs, 0.5) / (10 * Math.LN2)).toBeCloseTo(1, 1);
    expect(quantile(xs, 0.8) / (-10 * Math.log(0.2))).toBeCloseTo(1, 1);
  });

  it("exponential is the exact inverse CDF", () => {
    const s = makeSampler({ dist: { type: "exponential", mean: 2 }, ceil: false }, fixed(0, 0.5));
    expect(s()).toBe(0);
    expect(s()).toBeCloseTo(2 * Math.LN2, 12);
  });

  it("lognormal: median, mean median·exp(σ²/2) and 80th percentile", () => {
    const xs = draws({ type: "lognormal", median: 300, sigma: 1 });
    expect(quantile(xs, 0.5) / 300).toBeCloseTo(1, 1);
    expect(mean(xs) / (300 * Math.exp(0.5))).toBeCloseTo(1, 1);
    expect(quantile(xs, 0.8) / (300 * Math.exp(0.8416212))).toBeCloseTo(1, 1);
  });

  it("weibull is the exact inverse CDF λ·(−ln(1 − u))^(1/k), one uniform per draw", () => {
    // u = 1 − e⁻¹ gives (−ln e⁻¹)^(1/k) = 1, so λ exactly; u = 0.75 with k = 2: λ·√ln 4.
    const s = makeSampler(
      { dist: { type: "weibull", shape: 2, scale: 10 }, ceil: false },
      fixed(1 - Math.exp(-1), 0.75, 0),
    );
    expect(s()).toBeCloseTo(10, 12);
    expect(s()).toBeCloseTo(10 * Math.sqrt(Math.log(4)), 12);
    expect(s()).toBe(0);
  });

  it("weibull: mean λ·Γ(1 + 1/k) and median λ·(ln 2)^(1/k)", () => {
    const xs = draws({ type: "weibull", shape: 0.7, scale: 100 });
    // Γ(1 + 1/0.7) = Γ(2.428571…) = 1.265824…
    expect(distributionMean({ type: "weibull", shape: 0.7, scale: 100 })).toBeCloseTo(126.58235, 3);
    expect(mean(xs) / 126.58235).toBeCloseTo(1, 1);
    expect(quantile(xs, 0.5) / (100 * Math.LN2 ** (1 / 0.7))).toBeCloseTo(1, 1);
  });

  it("inverse normal CDF matches known quantiles", () => {
    expect(inverseNormalCdf(0.5)).toBeCloseTo(0, 9);
    expect(inverseNormalCdf(0.975)).toBeCloseTo(1.959964, 5);
    expect(inverseNormalCdf(0.01)).toBeCloseTo(-2.326348, 5);
    expect(Number.isFinite(inverseNormalCdf(0))).toBe(true);
  });

  it("empirical: exact linear interpolation between sorted samples at u·(n−1)", () => {
    const dist: Distribution = { type: "empirical", values: [30, 10, 20, 100] };
    // sorted 10, 20, 30, 100 at quantiles 0, 1/3, 2/3, 1
    const us = [0, 1 / 6, 1 / 3, 0.5, 5 / 6, 0.999999];
    const s = makeSampler({ dist, ceil: false }, fixed(...us));
    const got = us.map(() => s());
    const want = [10, 15, 20, 25, 65, 30 + 0.999997 * 70];
    got.forEach((g, i) => expect(g).toBeCloseTo(want[i] as number, 6));
  });

  it("empirical does not mutate its input and handles one value", () => {
    const values = [3, 1, 2];
    makeSampler({ dist: { type: "empirical", values }, ceil: false }, fixed(0.3))();
    expect(values).toEqual([3, 1, 2]);
    const one = makeSampler({ dist: { type: "empirical", values: [4] }, ceil: false }, fixed(0.9));
    expect(one()).toBe(4);
  });

  it("empirical mean matches the analytic piecewise-linear mean", () => {
    const dist: Distribution = { type: "empirical", values: [1, 2, 4, 8, 100] };
    expect(mean(draws(dist)) / distributionMean(dist)).toBeCloseTo(1, 1);
    expect(distributionMean(dist)).toBeCloseTo((1.5 + 3 + 6 + 54) / 4, 12);
  });

  it("ceil rounds up to an integer ≥ 1", () => {
    const s = makeSampler(
      { dist: { type: "uniform", min: 0, max: 3 }, ceil: true },
      fixed(0, 0.1, 0.5, 0.99),
    );
    expect([s(), s(), s(), s()]).toEqual([1, 1, 2, 3]);
  });

  it("same seed → same draws; different seed → different draws", () => {
    const d: Distribution = { type: "lognormal", median: 5, sigma: 1.2 };
    expect(draws(d, "a", false, 100)).toEqual(draws(d, "a", false, 100));
    expect(draws(d, "a", false, 100)).not.toEqual(draws(d, "b", false, 100));
  });

  it("distributionMean of the closed forms", () => {
    expect(distributionMean({ type: "constant", value: 3 })).toBe(3);
    expect(distributionMean({ type: "uniform", min: 1, max: 3 })).toBe(2);
    expect(distributionMean({ type: "exponential", mean: 9 })).toBe(9);
    expect(distributionMean({ type: "lognormal", median: 1, sigma: 2 })).toBeCloseTo(Math.E ** 2, 12);
    // k = 1 is the exponential; k = 2 has mean λ·√π/2.
    expect(distributionMean({ type: "weibull", shape: 1, scale: 9 })).toBeCloseTo(9, 12);
    expect(distributionMean({ type: "weibull", shape: 2, scale: 2 })).toBeCloseTo(Math.sqrt(Math.PI), 12);
  });
});
