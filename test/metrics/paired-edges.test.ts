import { describe, expect, it } from "vitest";
import {
  meanInterval,
  pairedDifferences,
  sampleSd,
  tCritical,
  unpairedDifference,
} from "../../src/metrics/paired.js";

/** Checks of the seed statistics that mutation testing found missing: messages, bounds, fields. */

describe("sampleSd", () => {
  it("has a value from two values on (denominator n − 1)", () => {
    // Mean 2, squares 1 + 1 = 2, over n − 1 = 1: sd √2.
    expect(sampleSd([1, 3])).toBe(Math.SQRT2);
    expect(sampleSd([5])).toBeUndefined();
  });
});

describe("argument errors say what is wrong", () => {
  it("levels outside (0, 1), an empty sample, bad degrees of freedom", () => {
    expect(() => tCritical(3, 0)).toThrow(/confidence level 0: expected 0 < level < 1/);
    expect(() => tCritical(3, 1)).toThrow(/confidence level 1: expected 0 < level < 1/);
    expect(() => tCritical(3, -0.5)).toThrow(RangeError);
    expect(() => meanInterval([])).toThrow(/meanInterval: no values/);
    expect(() => tCritical(0)).toThrow(/degrees of freedom 0: expected an integer ≥ 1/);
  });
});

describe("pairedDifferences leaves out non-finite values on either side", () => {
  it("a NaN or infinite value, in the point or the baseline, is skipped like a missing seed", () => {
    const point = new Map([
      [1, 10],
      [2, Number.NaN],
      [3, Number.POSITIVE_INFINITY],
      [4, 14],
      [5, 20],
      [6, 30],
      [7, 40],
    ]);
    const baseline = new Map([
      [1, 9],
      [2, 1],
      [3, 1],
      [4, 11],
      [6, Number.NaN],
      [7, Number.NEGATIVE_INFINITY],
    ]);
    const d = pairedDifferences(point, baseline);
    expect(d.seeds).toEqual([1, 4]);
    expect(d.differences).toEqual([1, 3]);
    expect(d.mean).toBe(2);
  });
});

describe("unpairedDifference", () => {
  it("interval fields: n is the total count, low and high are mean ∓ half-width", () => {
    // a = [1, 3] (mean 2, ss 2), b = [6] (ss 0): df 1, pooled sd √2, mean −4,
    // half-width t(0.975, 1) · √2 · √(1/2 + 1).
    const r = unpairedDifference([1, 3], [6]);
    const halfWidth = tCritical(1) * Math.SQRT2 * Math.sqrt(1 / 2 + 1);
    expect(r.n).toBe(3);
    expect(r.mean).toBe(-4);
    expect(r.sd).toBe(Math.SQRT2);
    expect(r.halfWidth).toBeCloseTo(halfWidth, 12);
    expect(r.low).toBeCloseTo(-4 - halfWidth, 12);
    expect(r.high).toBeCloseTo(-4 + halfWidth, 12);
  });

  it("needs a value in each sample and three in all", () => {
    expect(() => unpairedDifference([], [1, 2, 3])).toThrow(/needs ≥ 1 value per sample/);
    expect(() => unpairedDifference([1, 2, 3], [])).toThrow(/needs ≥ 1 value per sample/);
    expect(() => unpairedDifference([1], [2])).toThrow(/≥ 3 in all/);
  });
});
