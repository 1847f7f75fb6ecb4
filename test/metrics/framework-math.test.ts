import { describe, expect, it } from "vitest";
import {
  dominantShare,
  jainIndex,
  localityFraction,
  slowdown,
  spreadOf,
  timeMean,
} from "../../src/metrics/framework-math.js";

describe("slowdown", () => {
  it("is completion time over the time alone on the empty cell", () => {
    // 21 s against 10 s alone → 2.1; finishing as fast as alone → 1.
    expect(slowdown(21e6, 10e6)).toBeCloseTo(2.1, 12);
    expect(slowdown(10e6, 10e6)).toBe(1);
  });

  it("has no value without a positive baseline", () => {
    expect(slowdown(5e6, 0)).toBeNull();
    expect(slowdown(5e6, -1)).toBeNull();
  });
});

describe("localityFraction", () => {
  it("is local / (local + remote)", () => {
    // 3 local, 1 remote → 3/4.
    expect(localityFraction(3, 1)).toBe(0.75);
    expect(localityFraction(0, 5)).toBe(0);
    expect(localityFraction(5, 0)).toBe(1);
  });

  it("is null, not 0, when no task had a block", () => {
    expect(localityFraction(0, 0)).toBeNull();
  });
});

describe("dominantShare (Ghodsi et al. 2011)", () => {
  it("is the larger of the CPU and memory shares", () => {
    // Cell 8 CPUs, 32 GB. 2 CPUs + 16 GB: 0.25 vs 0.5 → 0.5 (memory dominates).
    expect(dominantShare(2, 16, 8, 32)).toBe(0.5);
    // 4 CPUs + 4 GB: 0.5 vs 0.125 → 0.5 (CPU dominates).
    expect(dominantShare(4, 4, 8, 32)).toBe(0.5);
    // The DRF paper's example: cell <9 CPUs, 18 GB>; user B's task <3 CPUs, 1 GB> → 1/3.
    expect(dominantShare(3, 1, 9, 18)).toBeCloseTo(1 / 3, 12);
    expect(dominantShare(0, 0, 8, 32)).toBe(0);
  });

  it("ignores a resource the cell has none of", () => {
    expect(dominantShare(2, 5, 8, 0)).toBe(0.25);
  });
});

describe("jainIndex (Jain, Chiu & Hawe 1984)", () => {
  it("is (Σx)² / (n·Σx²) on hand-computed cases", () => {
    // Equal shares → 1.
    expect(jainIndex([0.5, 0.5])).toBe(1);
    // One holds everything of two → 1/n = 0.5.
    expect(jainIndex([1, 0])).toBe(0.5);
    // [0.2, 0.4, 0.6]: Σx = 1.2, (Σx)² = 1.44; Σx² = 0.04 + 0.16 + 0.36 = 0.56; 1.44 / (3 · 0.56) = 0.857142…
    expect(jainIndex([0.2, 0.4, 0.6])).toBeCloseTo(1.44 / 1.68, 12);
    // One framework alone is always fair to itself.
    expect(jainIndex([0.3])).toBe(1);
    // [0.25, 0.5]: 0.75² / (2 · 0.3125) = 0.5625 / 0.625 = 0.9.
    expect(jainIndex(Float64Array.of(0.25, 0.5))).toBeCloseTo(0.9, 12);
  });

  it("is null when there is nothing to share (no values, or all zero)", () => {
    expect(jainIndex([])).toBeNull();
    expect(jainIndex([0, 0, 0])).toBeNull();
  });
});

describe("timeMean", () => {
  it("weights each sample by the time until the next one (the last: until the end)", () => {
    // Samples at 0, 10, 20 s of 0, 0.5, 1; end 40 s: (0·10 + 0.5·10 + 1·20) / 40 = 25/40.
    expect(timeMean([0, 10, 20], [0, 0.5, 1], 40)).toBe(0.625);
  });

  it("leaves null samples out with their time; null when none counts", () => {
    // Sample 0 skipped: (0.5·10 + 1·20) / 30 = 25/30.
    expect(timeMean([0, 10, 20], [null, 0.5, 1], 40)).toBeCloseTo(25 / 30, 12);
    expect(timeMean([0, 10], [null, null], 40)).toBeNull();
    expect(timeMean([], [], 40)).toBeNull();
  });
});

describe("spreadOf", () => {
  it("gives count, mean, median and p90 (type 7)", () => {
    // 1..10: mean 5.5, median 5.5, p90 at position 8.1 → 9.1.
    const s = spreadOf([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(s?.count).toBe(10);
    expect(s?.mean).toBe(5.5);
    expect(s?.p50).toBe(5.5);
    expect(s?.p90).toBeCloseTo(9.1, 12);
  });

  it("is null for no values", () => {
    expect(spreadOf([])).toBeNull();
  });
});
