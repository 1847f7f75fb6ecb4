import { describe, expect, it } from "vitest";
import {
  meanInterval,
  pairedDifferences,
  sampleSd,
  studentTTwoSided,
  tCritical,
  unpairedDifference,
} from "../../src/metrics/paired.js";

describe("tCritical (two-sided 95 % Student-t quantile)", () => {
  it("matches the closed forms for 1 and 2 degrees of freedom", () => {
    // df = 1 is Cauchy: t = tan(π · 0.475). df = 2: t = (2p − 1) / √(2p(1 − p)) at p = 0.975.
    expect(tCritical(1)).toBeCloseTo(Math.tan(Math.PI * 0.475), 10);
    expect(tCritical(2)).toBeCloseTo(0.95 / Math.sqrt(2 * 0.975 * 0.025), 12);
  });

  it("matches the printed t table", () => {
    const table: [number, number][] = [
      [3, 3.182446],
      [4, 2.776445],
      [5, 2.570582],
      [9, 2.262157],
      [10, 2.228139],
      [29, 2.04523],
      [30, 2.042272],
      [100, 1.983972],
    ];
    for (const [df, t] of table) expect(tCritical(df)).toBeCloseTo(t, 6);
  });

  it("takes other levels, and inverts the distribution function", () => {
    expect(tCritical(4, 0.9)).toBeCloseTo(2.131847, 6);
    expect(tCritical(4, 0.99)).toBeCloseTo(4.604095, 6);
    expect(studentTTwoSided(tCritical(7), 7)).toBeCloseTo(0.95, 14);
    expect(studentTTwoSided(0, 3)).toBe(0);
  });

  it("refuses degrees of freedom that are not positive integers, and bad levels", () => {
    expect(() => tCritical(0)).toThrow(RangeError);
    expect(() => tCritical(2.5)).toThrow(RangeError);
    expect(() => tCritical(3, 1)).toThrow(RangeError);
  });
});

describe("meanInterval", () => {
  it("gives mean, sample sd and mean ± t·sd/√n, computed by hand", () => {
    // 2, 4, 9: mean 5; squared deviations 9, 1, 16 → variance 26 / 2 = 13.
    const est = meanInterval([2, 4, 9]);
    const half = (4.302652729749464 * Math.sqrt(13)) / Math.sqrt(3);
    expect(est.n).toBe(3);
    expect(est.mean).toBe(5);
    expect(est.sd).toBeCloseTo(Math.sqrt(13), 12);
    expect(est.halfWidth).toBeCloseTo(half, 10);
    expect(est.low).toBeCloseTo(5 - half, 10);
    expect(est.high).toBeCloseTo(5 + half, 10);
  });

  it("gives no interval for a single value (one seed)", () => {
    expect(meanInterval([7])).toEqual({
      n: 1,
      mean: 7,
      sd: undefined,
      level: 0.95,
      halfWidth: undefined,
      low: undefined,
      high: undefined,
    });
    expect(sampleSd([7])).toBeUndefined();
    expect(() => meanInterval([])).toThrow(RangeError);
  });
});

describe("pairedDifferences", () => {
  it("pairs by seed, skipping seeds the baseline lacks", () => {
    const baseline = new Map([
      [1, 10],
      [2, 20],
      [3, 30],
    ]);
    const point = new Map([
      [3, 31],
      [1, 12],
      [2, 23],
      [4, 99],
    ]);
    const d = pairedDifferences(point, baseline);
    expect(d.seeds).toEqual([3, 1, 2]);
    expect(d.differences).toEqual([1, 2, 3]);
    expect(d.mean).toBe(2);
    expect(d.sd).toBe(1);
    expect(d.halfWidth).toBeCloseTo(4.302652729749464 / Math.sqrt(3), 10);
    expect(() => pairedDifferences(new Map([[9, 1]]), baseline)).toThrow(/share no seed/);
  });

  it("is narrower than the unpaired interval when the points move together across seeds", () => {
    // Seeds change the load a lot (10 → 30); the point is 1–3 s slower under every seed.
    const base = [10, 20, 30];
    const point = [12, 23, 31];
    const byseed = (xs: number[]): Map<number, number> => new Map(xs.map((x, i) => [i + 1, x]));
    const paired = pairedDifferences(byseed(point), byseed(base));
    const unpaired = unpairedDifference(point, base);
    expect(unpaired.mean).toBe(paired.mean);
    // Unpaired by hand: variances 100 and 91, pooled (200 + 182) / 4 = 95.5, t with 4 df.
    expect(unpaired.halfWidth).toBeCloseTo(2.7764451051977934 * Math.sqrt(95.5) * Math.sqrt(2 / 3), 10);
    expect(paired.halfWidth).toBeCloseTo(2.484138, 6);
    expect(unpaired.halfWidth).toBeCloseTo(22.1536, 4);
    // Both intervals contain 0 here, but the paired one is about 9× narrower.
    expect((paired.halfWidth ?? 0) * 8).toBeLessThan(unpaired.halfWidth ?? 0);
  });
});
