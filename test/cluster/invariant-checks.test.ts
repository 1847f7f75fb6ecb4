import { describe, expect, it } from "vitest";
import { CellState } from "../../src/cluster/cell-state.js";
import { FIT_EPSILON } from "../../src/cluster/cell-view.js";

/**
 * The cell's two invariant checks, one condition at a time: every amount that can go wrong, on
 * the second machine (so the scan has to get there), and each bound exactly at its slack. Found
 * by mutation testing: the over-commit check's failing cases lived only in the Quasar tests, so
 * mutants of single conditions survived the cluster tests.
 */

/** Three machines of 4 CPUs / 16 GB / 100 GB SSD, nothing held. */
const cell = (): CellState => CellState.homogeneous(3, 4, 16, { ssdGb: 100 });

/** Writable running totals (the checks compare them with the per-machine arrays). */
type Totals = { allocatedCpus: number; allocatedMemGb: number; lockedCpus: number; lockedMemGb: number };

describe("findOvercommitted", () => {
  const cases: [string, (c: CellState) => void][] = [
    ["CPUs allocated past capacity", (c) => (c.cpuAllocated[1] = 4.5)],
    ["memory allocated past capacity", (c) => (c.memAllocated[1] = 16.5)],
    ["CPUs locked past the room left", (c) => (c.cpuLocked[1] = 4.5)],
    ["memory locked past the room left", (c) => (c.memLocked[1] = 16.5)],
    ["negative CPUs allocated", (c) => (c.cpuAllocated[1] = -1)],
    ["negative memory allocated", (c) => (c.memAllocated[1] = -1)],
    ["negative CPUs locked", (c) => (c.cpuLocked[1] = -1)],
    ["negative memory locked", (c) => (c.memLocked[1] = -1)],
    ["a further dimension allocated past capacity", (c) => ((c.extraAllocated[0] as Float64Array)[1] = 101)],
    ["a further dimension locked past the room left", (c) => ((c.extraLocked[0] as Float64Array)[1] = 101)],
    ["a negative further dimension allocated", (c) => ((c.extraAllocated[0] as Float64Array)[1] = -1)],
    ["a negative further dimension locked", (c) => ((c.extraLocked[0] as Float64Array)[1] = -1)],
  ];
  for (const [what, breakIt] of cases) {
    it(`finds ${what}`, () => {
      const c = cell();
      expect(c.findOvercommitted()).toBe(-1);
      breakIt(c);
      expect(c.findOvercommitted()).toBe(1);
    });
  }

  it("allows exactly the fit slack, in every amount", () => {
    // Free exactly −FIT_EPSILON (capacity 0 and −ε held is how to get it exactly).
    const slack = CellState.fromCapacities(
      [4, 0],
      [16, 0],
      [{ name: "ssdGb", capacity: Float64Array.from([100, 0]) }],
    );
    slack.cpuAllocated[1] = FIT_EPSILON;
    slack.memAllocated[1] = FIT_EPSILON;
    (slack.extraAllocated[0] as Float64Array)[1] = FIT_EPSILON;
    expect(slack.findOvercommitted()).toBe(-1);
    for (const array of ["cpuAllocated", "memAllocated", "cpuLocked", "memLocked"] as const) {
      const c = cell();
      c[array][1] = -FIT_EPSILON;
      expect(c.findOvercommitted(), array).toBe(-1);
    }
    const extra = cell();
    (extra.extraAllocated[0] as Float64Array)[1] = -FIT_EPSILON;
    (extra.extraLocked[0] as Float64Array)[1] = -FIT_EPSILON;
    expect(extra.findOvercommitted()).toBe(-1);
  });
});

describe("findTotalsMismatch", () => {
  it("names the running total that drifted from its per-machine array", () => {
    const drift: [string, (c: CellState) => void][] = [
      ["allocatedCpus 0 ≠ Σ 1", (c) => (c.cpuAllocated[1] = 1)],
      ["allocatedMemGb 0 ≠ Σ 1", (c) => (c.memAllocated[1] = 1)],
      ["lockedCpus 0 ≠ Σ 1", (c) => (c.cpuLocked[1] = 1)],
      ["lockedMemGb 0 ≠ Σ 1", (c) => (c.memLocked[1] = 1)],
      ["allocated ssdGb 0 ≠ Σ 1", (c) => ((c.extraAllocated[0] as Float64Array)[1] = 1)],
      ["locked ssdGb 0 ≠ Σ 1", (c) => ((c.extraLocked[0] as Float64Array)[1] = 1)],
    ];
    for (const [message, breakIt] of drift) {
      const c = cell();
      expect(c.findTotalsMismatch()).toBeUndefined();
      breakIt(c);
      expect(c.findTotalsMismatch()).toBe(message);
    }
  });

  it("allows rounding drift up to 1e-9 of the cell's scale (at least one per machine), and no more", () => {
    // Three machines, nothing held: the scale is max(1, |Σ|, machines) = 3.
    const bound = 1e-9 * 3;
    const atBound = cell();
    (atBound as unknown as Totals).allocatedCpus = bound;
    expect(atBound.findTotalsMismatch()).toBeUndefined();
    const past = cell();
    (past as unknown as Totals).allocatedCpus = 2 * bound;
    expect(past.findTotalsMismatch()).toBe(`allocatedCpus ${2 * bound} ≠ Σ 0`);
    // With 1,000 CPUs held on the first machine the scale is 1,000: 1e-7 of drift is rounding.
    const big = CellState.fromCapacities([2000, 4, 4], [16, 16, 16]);
    big.claim(0, 1000, 1);
    (big as unknown as Totals).allocatedCpus = 1000 + 1e-7;
    expect(big.findTotalsMismatch()).toBeUndefined();
  });
});

describe("locks and dimension names", () => {
  it("an unlock returns exactly the CPUs, memory and further amounts its lock held", () => {
    const c = cell();
    const ssd = Float64Array.from([30]);
    c.lock(1, 1.5, 6, ssd);
    expect([c.freeCpus(1), c.freeMemGb(1), c.freeExtra(1, 0)]).toEqual([2.5, 10, 70]);
    c.unlock(1, 1.5, 6, ssd);
    expect([c.cpuLocked[1], c.memLocked[1], (c.extraLocked[0] as Float64Array)[1]]).toEqual([0, 0, 0]);
    expect([c.lockedCpus, c.lockedMemGb, c.extraLockedTotals[0]]).toEqual([0, 0, 0]);
    expect(c.findTotalsMismatch()).toBeUndefined();
  });

  it("refuses further dimensions named twice or named like CPU and memory", () => {
    const message = /resource dimension names must be distinct and not cpus\/memGb: /;
    expect(() => CellState.homogeneous(1, 4, 16, { cpus: 1 })).toThrow(message);
    expect(() => CellState.homogeneous(1, 4, 16, { memGb: 1 })).toThrow(message);
    const dim = { name: "gpus", capacity: Float64Array.from([1]) };
    expect(() => CellState.fromCapacities([4], [16], [dim, dim])).toThrow(/: gpus, gpus$/);
    expect(() => CellState.homogeneous(1, 4, 16, { gpus: 1, ssdGb: 2 })).not.toThrow();
  });
});
