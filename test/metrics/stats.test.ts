import { describe, expect, it } from "vitest";
import { mad, mean, median, quantileSorted } from "../../src/metrics/stats.js";

/** 1, 2, …, 10: positions q·(n−1) = 9q land between integers, so interpolation is visible. */
const oneToTen = Array.from({ length: 10 }, (_, i) => i + 1);

describe("mean", () => {
  it("is the arithmetic mean, and 0 for an empty list", () => {
    // (1 + 2 + 3 + 4) / 4 = 2.5.
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    expect(mean(Float64Array.of(-3, 3, 6))).toBe(2);
    expect(mean([])).toBe(0);
  });
});

describe("quantileSorted (type 7: linear between order statistics at q·(n−1))", () => {
  it("interpolates on 1..10, computed by hand", () => {
    // Position q·9 (0-based); value = x[⌊pos⌋] + frac(pos)·(x[⌊pos⌋+1] − x[⌊pos⌋]), x[i] = i + 1.
    // q = 0.9:  pos 8.1  → x[8] = 9 plus 0.1·(10 − 9)  = 9.1.
    expect(quantileSorted(oneToTen, 0.9)).toBeCloseTo(9.1, 12);
    // q = 0.99: pos 8.91 → 9 + 0.91·1 = 9.91.
    expect(quantileSorted(oneToTen, 0.99)).toBeCloseTo(9.91, 12);
    // q = 0.5:  pos 4.5  → x[4] = 5 plus 0.5 = 5.5 (the even-length median).
    expect(quantileSorted(oneToTen, 0.5)).toBeCloseTo(5.5, 12);
    // q = 0.25: pos 2.25 → x[2] = 3 plus 0.25 = 3.25.
    expect(quantileSorted(oneToTen, 0.25)).toBeCloseTo(3.25, 12);
  });

  it("hits order statistics exactly where the position is an integer, ends included", () => {
    // q = 0 → x[0]; q = 1 → pos 9 → x[9] (no element past the end is read); q = 1/3 → pos 3 → 4.
    expect(quantileSorted(oneToTen, 0)).toBe(1);
    expect(quantileSorted(oneToTen, 1)).toBe(10);
    expect(quantileSorted([0, 10, 20, 30, 40], 0.75)).toBe(30); // pos 0.75·4 = 3 → x[3]
  });

  it("p90 and p99 of a small skewed sample, computed by hand", () => {
    // n = 5, positions 4q. p50: pos 2 → 7. p90: pos 3.6 → 20 + 0.6·(100 − 20) = 68.
    // p99: pos 3.96 → 20 + 0.96·80 = 96.8. (Nearest-rank would give 100 for both.)
    const sample = [2, 4, 7, 20, 100];
    expect(quantileSorted(sample, 0.5)).toBe(7);
    expect(quantileSorted(sample, 0.9)).toBeCloseTo(68, 10);
    expect(quantileSorted(sample, 0.99)).toBeCloseTo(96.8, 10);
  });

  it("is 0 for an empty list and the value itself for one value", () => {
    expect(quantileSorted([], 0.9)).toBe(0);
    expect(quantileSorted([42], 0)).toBe(42);
    expect(quantileSorted([42], 0.99)).toBe(42);
    expect(quantileSorted([42], 1)).toBe(42);
  });
});

describe("median", () => {
  it("takes the middle value of an odd-length list, unsorted input", () => {
    // Sorted: 1, 2, 3 → 2.
    expect(median([3, 1, 2])).toBe(2);
  });

  it("averages the two middle values of an even-length list", () => {
    // Sorted: 1, 2, 3, 4 → (2 + 3) / 2 = 2.5; not 2 or 3 (one middle element).
    expect(median([4, 1, 3, 2])).toBe(2.5);
    // Sorted numerically: 2, 9, 10, 100 → (9 + 10) / 2 = 9.5. A string sort would order
    // 10, 100, 2, 9 and give (100 + 2) / 2 = 51.
    expect(median([10, 9, 100, 2])).toBe(9.5);
  });

  it("does not reorder its input, and is 0 for an empty list", () => {
    const xs = [5, 1, 4];
    expect(median(xs)).toBe(4);
    expect(xs).toEqual([5, 1, 4]);
    expect(median([])).toBe(0);
  });
});

describe("mad (median absolute deviation from the median, unscaled)", () => {
  it("is robust to one outlier, computed by hand", () => {
    // 1, 2, 3, 4, 100: median 3; |x − 3| = 2, 1, 0, 1, 97 → sorted 0, 1, 1, 2, 97 → 1.
    // Around the mean (22) it would be median(21, 20, 19, 18, 78) = 20; the mean of the
    // deviations from the median would be 101 / 5 = 20.2.
    expect(mad([1, 2, 3, 4, 100])).toBe(1);
  });

  it("uses the even-length median for both the centre and the deviations", () => {
    // 1, 2, 4, 8: median (2 + 4) / 2 = 3; |x − 3| = 2, 1, 1, 5 → sorted 1, 1, 2, 5 → (1 + 2) / 2 = 1.5.
    expect(mad([8, 1, 4, 2])).toBe(1.5);
  });

  it("is 0 for constant data and for an empty list", () => {
    expect(mad([7, 7, 7])).toBe(0);
    expect(mad([])).toBe(0);
  });
});
