import { describe, expect, it } from "vitest";
import { simulate } from "../../../src/api.js";
import { delayScheduling, macrobenchmark } from "../experiments.js";
import { finiteWorkEndSec, isStatic, pooledLocality, utilizationUntil } from "../verdicts/measures.js";
import { delayOf, FINITE, PAPER_SPEEDUP, speedup } from "../verdicts/simulated.js";

/**
 * The directions of the paper's §6.1 and §6.3 results on reduced runs (one seed; the delay
 * experiment over 20 minutes), so a change to the simulator that breaks them fails CI. The sizes
 * of the effects are the combined report's business, not these tests'.
 */
describe("macrobenchmark (seed 1, full 2 h horizon)", async () => {
  const r = await simulate(macrobenchmark, { overrides: { seeds: [1] } });
  const util = (pickStatic: boolean) => {
    const run = r.runs.find((x) => isStatic(x) === pickStatic)!;
    return utilizationUntil(run, finiteWorkEndSec(run, FINITE));
  };

  it("sharing gives at least the utilization of static partitions, CPU and memory", () => {
    expect(util(false).cpu).toBeGreaterThanOrEqual(util(true).cpu);
    expect(util(false).mem).toBeGreaterThanOrEqual(util(true).mem);
  });

  it("the large-job Hadoop mix gains most, and Torque/MPI does not gain", () => {
    const s = Object.fromEntries(Object.keys(PAPER_SPEEDUP).map((n) => [n, speedup(r, n)]));
    for (const n of Object.keys(s))
      if (n !== "hadoop-large") expect(s["hadoop-large"]).toBeGreaterThan(s[n]!);
    expect(s["hadoop-large"]).toBeGreaterThan(1.5);
    // Torque/MPI about breaks even: 1.11×, 1.02× and 1.04× for seeds 1–3 under the per-agent
    // allocator (1.07×, 1.02×, 1.04× under whole-cell; the report judges the seed mean against
    // 1.05). 1.15 is seed 1 with that spread: a gain beyond it would be a real change.
    expect(s["torque-mpi"]).toBeLessThanOrEqual(1.15);
  });
});

describe("delay scheduling (seed 1, 20 min)", async () => {
  const r = await simulate(delayScheduling, { overrides: { seeds: [1], horizon: "20m" } });
  const locality = (shared: boolean, delaySec: number) =>
    pooledLocality(r.runs.find((x) => isStatic(x) !== shared && delayOf(x) === delaySec)!);

  it("locality rises from static partitions to sharing, and with the delay under sharing", () => {
    const ladder = [locality(false, 0), locality(true, 0), locality(true, 1), locality(true, 5)];
    for (let i = 1; i < ladder.length; i++) expect(ladder[i]).toBeGreaterThan(ladder[i - 1]!);
  });

  it("static partitions of ~6 of 93 machines hold a replica of a block by chance: near 3 × 5.8/93 ≈ 18 %", () => {
    expect(locality(false, 0)).toBeGreaterThan(0.1);
    expect(locality(false, 0)).toBeLessThan(0.25);
  });
});
