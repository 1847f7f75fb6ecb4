import { describe, expect, it } from "vitest";
import { makeStream } from "../../src/engine/rng.js";
import { gamma } from "../../src/workloads/distributions.js";
import { makeResidualLifeSampler } from "../../src/workloads/residual-life.js";
import type { Distribution } from "../../src/workloads/spec.js";

/**
 * Renewal theory: the remaining life of the job running at a random moment has mean
 * E[D²] / (2·E[D]). Check it for every distribution type against the exact moments.
 */
function moments(d: Distribution): [number, number] {
  const seg = (a: number, b: number): [number, number] => [(a + b) / 2, (a * a + a * b + b * b) / 3];
  switch (d.type) {
    case "constant":
      return [d.value, d.value ** 2];
    case "exponential":
      return [d.mean, 2 * d.mean ** 2];
    case "uniform":
      return seg(d.min, d.max);
    case "lognormal":
      return [d.median * Math.exp(d.sigma ** 2 / 2), d.median ** 2 * Math.exp(2 * d.sigma ** 2)];
    case "weibull":
      // E[Dⁿ] = λⁿ·Γ(1 + n/k).
      return [d.scale * gamma(1 + 1 / d.shape), d.scale ** 2 * gamma(1 + 2 / d.shape)];
    case "empirical": {
      const v = [...d.values].sort((a, b) => a - b);
      const parts = v.slice(1).map((b, i) => seg(v[i]!, b));
      return [0, 1].map((k) => parts.reduce((s, p) => s + p[k]!, 0) / parts.length) as [number, number];
    }
  }
}
const CASES: [string, Distribution][] = [
  ["constant", { type: "constant", value: 100 }],
  ["exponential", { type: "exponential", mean: 100 }],
  ["uniform", { type: "uniform", min: 10, max: 1000 }],
  ["lognormal", { type: "lognormal", median: 300, sigma: 1.2 }],
  ["weibull k=0.7", { type: "weibull", shape: 0.7, scale: 200 }],
  ["weibull k=2", { type: "weibull", shape: 2, scale: 200 }],
  ["empirical", { type: "empirical", values: [60, 120, 600, 3600, 86400, 864000] }],
];

describe("residual lifetime of prefill jobs", () => {
  it.each(CASES)("%s: mean residual = E[D²] / 2E[D] within 3%%", (_name, dist) => {
    const n = 400_000;
    const [m1, m2] = moments(dist);
    const residual = makeResidualLifeSampler({ dist, ceil: false }, makeStream("len"), makeStream("phase"));
    let mean = 0;
    for (let i = 0; i < n; i++) mean += residual() / n;
    expect(Math.abs(mean / (m2 / (2 * m1)) - 1)).toBeLessThan(0.03);
  });

  it("is never longer than the length-biased job it comes from, nor negative", () => {
    const r = makeResidualLifeSampler(
      { dist: { type: "uniform", min: 5, max: 10 }, ceil: false },
      makeStream("a"),
      makeStream("b"),
    );
    for (let i = 0; i < 10_000; i++) {
      const x = r();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(10);
    }
  });
});
