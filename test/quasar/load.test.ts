import { describe, expect, it } from "vitest";
import { runOne } from "../../src/experiment/run-one.js";
import { QUASAR_LARGE } from "../../src/quasar/scenario.js";
import type { PerformanceSummary } from "../../src/quasar/summary.js";
import { withLoad } from "../../src/workloads/quasar-load.js";
import {
  performanceOf,
  plannedRuns,
  POLICIES,
  studyExperiment,
  LARGE_QUARTER,
  type StudyCell,
  type StudyPolicy,
} from "./helpers.js";

/**
 * The quasar workload source's load parameters (`rateMultiplier`, `kindShares`) and what load
 * does to the three policies (docs/quasar.md, "Load and pressure"): on a reduced cell, four
 * times the arrival rate fills Quasar's cell further but barely moves the reservation
 * baselines, whose concurrency their reservations cap; Quasar stays ahead of both.
 */

/**
 * A quarter of quasar-large, as the policy tests run it. (A tenth is too small: some reservations
 * then never fit and the reservation runs end at the horizon with jobs not started.)
 */
const CELL: StudyCell = LARGE_QUARTER;

async function runAt(
  policy: StudyPolicy,
  load: Record<string, unknown>,
  seed = 1,
): Promise<PerformanceSummary> {
  const [, allocation, placement] = POLICIES.find(([name]) => name === policy)!;
  const runs = plannedRuns(
    studyExperiment(CELL, {
      seeds: [seed],
      allocation,
      placement,
      sweep: undefined,
      workload: { source: "quasar", mix: "quasar-large", ...load },
    }),
  );
  expect(runs).toHaveLength(1);
  return performanceOf(await runOne(runs[0]!.config, seed, { checkInvariants: true }));
}

describe("withLoad: the quasar source's load parameters", () => {
  it("leaves the scenario itself when no load is set (experiments without them draw the same jobs)", () => {
    expect(withLoad(QUASAR_LARGE, {})).toBe(QUASAR_LARGE);
    expect(withLoad(QUASAR_LARGE, { rateMultiplier: 1 })).toBe(QUASAR_LARGE);
  });

  it("divides the interarrival time by rateMultiplier and replaces the kind shares, naming both", () => {
    const s = withLoad(QUASAR_LARGE, {
      rateMultiplier: 4,
      kindShares: { service: 1, batch: 0, "best-effort": 0 },
    });
    expect(s.interarrivalSec).toBeCloseTo(QUASAR_LARGE.interarrivalSec / 4, 12);
    expect(s.jobCount).toBe(QUASAR_LARGE.jobCount);
    expect(s.kindShares).toEqual({ service: 1, batch: 0, "best-effort": 0 });
    expect(s.name).toBe("quasar-large (rate×4, kinds 1/0/0)");
  });

  it("replaces only the mis-sizing fields given", () => {
    const s = withLoad(QUASAR_LARGE, { misSizing: { underFraction: 0 } });
    expect(s.misSizing).toEqual({ ...QUASAR_LARGE.misSizing, underFraction: 0 });
    expect(s.name).toBe("quasar-large (underFraction 0)");
  });

  it("rejects a non-positive rate, all-zero kind shares and mis-sized fractions over 1 as input errors", () => {
    const plan = (load: Record<string, unknown>) => () =>
      plannedRuns(studyExperiment(CELL, { workload: { source: "quasar", mix: "quasar-large", ...load } }));
    expect(plan({ rateMultiplier: 0 })).toThrow(/rateMultiplier/);
    expect(plan({ kindShares: { service: 0, batch: 0, "best-effort": 0 } })).toThrow(/kindShares/);
    // The mix's own 0.7 over-sized leaves at most 0.3 to under-size.
    expect(plan({ misSizing: { underFraction: 0.3 } })).not.toThrow();
    expect(plan({ misSizing: { underFraction: 0.4 } })).toThrow(/misSizing/);
    expect(plan({ misSizing: { overFraction: 0.5, underFraction: 0.4 } })).not.toThrow();
    expect(plan({ rateMultiplier: 2, kindShares: { service: 1, batch: 1, "best-effort": 0 } })).not.toThrow();
  });
});

describe("quasar-large (a quarter) at four times the arrival rate", () => {
  it("Quasar still beats both reservation policies on perf/target, and fills more of the cell than at ×1", async () => {
    const q4 = await runAt("quasar", { rateMultiplier: 4 });
    const p4 = await runAt("reservation+paragon", { rateMultiplier: 4 });
    const l4 = await runAt("reservation+least-loaded", { rateMultiplier: 4 });
    expect(q4.perfVsTarget.mean).toBeGreaterThan(p4.perfVsTarget.mean);
    expect(q4.perfVsTarget.mean).toBeGreaterThan(l4.perfVsTarget.mean);
    expect(q4.cpu.meanUtilization).toBeGreaterThan((await runAt("quasar", {})).cpu.meanUtilization);
    expect(q4.cpu.meanUtilization).toBeGreaterThan(3 * l4.cpu.meanUtilization);
  });

  it("reservation+least-loaded's perf/target moves little with load (its reservations cap concurrency)", async () => {
    const at1 = (await runAt("reservation+least-loaded", {})).perfVsTarget.mean;
    const at4 = (await runAt("reservation+least-loaded", { rateMultiplier: 4 })).perfVsTarget.mean;
    expect(Math.abs(at4 - at1)).toBeLessThan(0.05);
    expect(at4).toBeGreaterThan(0.75); // far from the paper's 0.62: load is not what brings it down here
  });
});
