import { describe, expect, it } from "vitest";
import { leastResourcesPlan } from "../../src/quasar/quasar-allocator.js";
import { leastLoadedPlan, paragonPlan } from "../../src/quasar/reservation-policies.js";
import { cellOf, contextOf, handJob, linearPrediction, type } from "./helpers.js";

/**
 * Hand-worked allocation cases on a 3-machine cell:
 *   m0 "slow": 8 cores, type factor 0.5 · m1 "ref": 4 cores, factor 1 · m2 "fast": 2 cores, factor 2.
 * The prediction scales perfectly: perf = cores × nodes × mean(type factors). No headroom.
 */
const types = () => [type("slow", 8, 64), type("ref", 4, 64), type("fast", 2, 64)];
const pred = linearPrediction([0.5, 1, 2]);
const exact = { headroom: 1, correction: 1 };

describe("quasar greedy: least resources that meet the target, scale up first", () => {
  it("target 3: one node; 1 core on fast gives 2 < 3, 2 cores on fast give 4 ≥ 3", () => {
    const ctx = contextOf(cellOf(types()));
    expect(leastResourcesPlan(handJob(3), pred, ctx, exact)).toEqual({
      cores: 2,
      memGbPerNode: 2,
      machines: [2],
    });
  });

  it("target 3 with fast half full: 2 cores no longer fit there, so 3 cores on ref (3 ≥ 3)", () => {
    const cell = cellOf(types());
    cell.place(99, 2, 1, 1, new Float64Array(3));
    // c=1 on fast: 2 < 3; c=2 fits only ref and slow: ref gives 2; c=3 on ref gives 3.
    expect(leastResourcesPlan(handJob(3), pred, contextOf(cell), exact)).toEqual({
      cores: 3,
      memGbPerNode: 3,
      machines: [1],
    });
  });

  it("target 6: no single machine reaches 6 (best: 4), so scale out to 2 cores on fast + ref", () => {
    // n=1: fast 2 cores → 4, ref 4 cores → 4, slow 8 cores → 4. n=2, c=1: 1·2·1.5 = 3; c=2: 2·2·1.5 = 6.
    const ctx = contextOf(cellOf(types()));
    expect(leastResourcesPlan(handJob(6), pred, ctx, exact)).toEqual({
      cores: 2,
      memGbPerNode: 2,
      machines: [2, 1],
    });
  });

  it("target 9: nothing in the cell meets it, so the job queues", () => {
    // Best: n=3, c=2 → 2·3·(3.5/3) = 7; c=3 fits only 2 machines.
    expect(leastResourcesPlan(handJob(9), pred, contextOf(cellOf(types())), exact)).toBeUndefined();
  });

  it("headroom: planning for target × 1.05 turns the exact fit (3 on ref) into 4 cores", () => {
    const cell = cellOf(types());
    cell.place(99, 2, 1, 1, new Float64Array(3));
    const plan = leastResourcesPlan(handJob(3), pred, contextOf(cell), { headroom: 1.05, correction: 1 });
    expect(plan).toEqual({ cores: 4, memGbPerNode: 4, machines: [1] });
  });

  it("interference: a sensitive job skips the fast machine when its co-runner's pressure is too high", () => {
    const cell = cellOf(types());
    // Co-runner on fast: LLC pressure 0.9; the job tolerates 0.3 → factor 1/(1 + 4·0.6) ≈ 0.29, score ≈ 0.59.
    cell.place(99, 2, 1, 1, Float64Array.from([0.9, 0, 0]));
    const sensitive = linearPrediction([0.5, 1, 2], [0.3, 1, 1]);
    // Ranking: ref (1) > fast (0.59) > slow (0.5); c=1 on ref gives 1, c=2 gives 2 ≥ 2.
    expect(leastResourcesPlan(handJob(2), sensitive, contextOf(cell), exact)).toEqual({
      cores: 2,
      memGbPerNode: 2,
      machines: [1],
    });
  });
});

describe("reservation assignment", () => {
  it("least-loaded takes the lowest reserved fraction, blind to type", () => {
    const cell = cellOf(types());
    cell.place(98, 0, 2, 2, new Float64Array(3)); // slow: 2/8 = 25% reserved
    cell.place(99, 2, 1, 1, new Float64Array(3)); // fast: 1/2 = 50%
    const job = handJob(1, "batch", { cores: 1, nodes: 2 });
    // ref 0% < slow 25% < fast 50%.
    expect(leastLoadedPlan(job, contextOf(cell))?.machines).toEqual([1, 0]);
  });

  it("least-loaded queues a reservation that fits on too few machines", () => {
    const job = handJob(1, "batch", { cores: 4, nodes: 2 }); // only slow and ref have 4 cores
    const cell = cellOf(types());
    cell.place(99, 1, 1, 1, new Float64Array(3));
    expect(leastLoadedPlan(job, contextOf(cell))).toBeUndefined();
  });

  it("paragon gives the same reservation but on the best-ranked machines", () => {
    const job = handJob(1, "batch", { cores: 2, nodes: 1 });
    expect(paragonPlan(job, pred, contextOf(cellOf(types())))).toEqual({
      cores: 2,
      memGbPerNode: 2,
      machines: [2],
    });
    expect(leastLoadedPlan(job, contextOf(cellOf(types())))?.machines).toEqual([0]);
  });
});
