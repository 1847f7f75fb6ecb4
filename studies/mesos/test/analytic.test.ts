import { describe, expect, it } from "vitest";
import {
  analyticCases,
  analyticTable,
  expected,
  harmonic,
  onSample,
  residualsSec,
  simulateCase,
} from "../analytic.js";
import { expectationTolerance, sampleTolerance } from "../verdicts/analytic.js";

/**
 * The §4 analysis against the idealized cell (analytic.ts; derivation in the README). First two
 * timelines worked by hand on k = 4 slots, then the study's table (k = 100, β = 2, T = 10 s)
 * within the tolerances the verdicts use (their reasons are in verdicts/analytic.ts).
 */
describe("the idealized cell, by hand (k = 4, T = 10 s, β = 1, constant durations)", () => {
  // Residuals are the midpoints (i + ½)/4 of [0, 10 s]: 1.25, 3.75, 6.25 and 8.75 s.
  const c = { k: 4, beta: 1, taskSec: 10, durations: "constant" as const, elasticTaskSec: 0.1 };

  it("rigid: the gang of four 10 s tasks starts when the last slot frees, at 8.75 s", () => {
    expect(residualsSec(c)).toEqual([1.25, 3.75, 6.25, 8.75]);
    const out = simulateCase({ ...c, shape: "rigid" });
    // Completion 8.75 + 10 = 18.75 s. Held slot-time Σ (18.75 − r_i) = 75 − 20 = 55 slot-s for
    // 40 slot-s of work: utilization 40/55.
    expect(out).toEqual({ rampUpSec: 8.75, completionSec: 18.75, utilization: 40 / 55 });
  });

  it("elastic: 400 tasks of 0.1 s fill each slot from its release; the last two start at 14.95 s", () => {
    // Slot i starts tasks at r_i, r_i + 0.1, … (all ≡ 0.05 mod 0.1). Tasks started by 14.85 s:
    // 137 + 112 + 87 + 62 = 398; by 14.95 s: 402 ≥ 400, so the last two start at 14.95 s and
    // end at 15.05 s — the fluid answer Σ (C − r_i) = 40, C = 15 s, plus half a task. Busy
    // 40 slot-s over held Σ (15.05 − r_i) = 60.2 − 20 = 40.2 slot-s.
    const out = simulateCase({ ...c, shape: "elastic" });
    expect(out.rampUpSec).toBe(8.75);
    expect(out.completionSec).toBeCloseTo(15.05, 9);
    expect(out.utilization).toBeCloseTo(40 / 40.2, 9);
    expect(onSample({ ...c, shape: "elastic" }, residualsSec(c)).completionSec).toBeCloseTo(15, 6);
  });
});

describe("the derivation in expectation", () => {
  it("matches the closed forms: (½ + β)T, H_k T + βT, β/(½ + β) and β/(H_k − 1 + β)", () => {
    const [ce, cr, ee, er] = analyticCases(100, 2, 10).map(expected);
    expect(ce!.completionSec).toBeCloseTo(25, 9);
    // Rigid, constant: held per slot E[C] − T/2 = (k/(k + 1) + β − ½)T.
    expect(cr!.utilization).toBeCloseTo(2 / (100 / 101 + 2 - 0.5), 9);
    // Elastic, exponential: C/T − 1 + e^{−C/T} = β, so C ≈ (1 + β − e^{−(1+β)})T = 29.50 s.
    expect(ee!.completionSec).toBeCloseTo(10 * (3 - Math.exp(-ee!.completionSec / 10)), 6);
    expect(er!.rampUpSec).toBeCloseTo(harmonic(100) * 10, 9);
    expect(er!.utilization).toBeCloseTo(2 / (harmonic(100) - 1 + 2), 9);
  });
});

describe("the study's table (k = 100, β = 2, T = 10 s)", () => {
  const rows = analyticTable();

  it("the simulation agrees with the derivation on its own sample and with its expectation", () => {
    for (const r of rows) {
      for (const m of ["rampUpSec", "completionSec", "utilization"] as const) {
        if (m === "rampUpSec" && r.case.shape === "elastic" && r.case.durations === "exponential") continue;
        expect(
          Math.abs(r.simulated[m] - r.onSample[m]),
          `${r.case.durations} ${r.case.shape} ${m}`,
        ).toBeLessThanOrEqual(sampleTolerance(r)[m]);
        expect(
          Math.abs(r.simulated[m] - r.expected[m]),
          `${r.case.durations} ${r.case.shape} ${m}`,
        ).toBeLessThanOrEqual(expectationTolerance(r)[m]);
      }
    }
  });

  it("rigid frameworks are slower and waste held slots; exponential durations hurt them most", () => {
    const [ce, cr, ee, er] = rows.map((r) => r.simulated);
    expect(cr!.completionSec).toBeGreaterThan(ce!.completionSec + 4);
    expect(er!.completionSec).toBeGreaterThan(2 * ee!.completionSec);
    expect(er!.utilization).toBeLessThan(cr!.utilization - 0.4);
    // With exponential durations the elastic job is done (≈ 29.5 s) before the last slot frees
    // (T ln 2k ≈ 53 s): it never holds all its slots.
    expect(ee!.rampUpSec).toBeLessThan(ee!.completionSec);
  });
});
