import { describe, it, expect } from "vitest";
import type { RunSummary } from "../../src/metrics/summary.js";
import { busynessOf, runOmega, runSinglePath, workloadStats } from "../../scripts/calibrate-presets.js";

/**
 * Reduced-configuration shape checks of the google-a/b/c calibration (docs/presets.md): 4
 * simulated hours, seed 1, the paper's decision times (t_job 0.1 s, t_task 5 ms). "Saturated"
 * means the scheduler is busy ≥ 99% of the run and its queue grows (more than 1% of the jobs
 * still wait for a first attempt at the horizon); below saturation busyness equals the offered
 * decision work, so it sits well under 1.
 */
const HORIZON = "4h";
const PRESETS = ["google-a", "google-b", "google-c"] as const;
/** Omega fig 8: the batch scheduler saturates at ≈ these multiples of the default batch rate. */
const FIG8_TARGET = { "google-a": 2.5, "google-b": 6, "google-c": 9.5 } as const;

/** Jobs of `kind` never attempted by the horizon, as a share of those submitted. */
function neverAttemptedShare(s: RunSummary, kind: "batch" | "service"): number {
  const w = s.workloads[kind];
  return w ? w.waitFirstSec.censored / Math.max(1, w.submitted) : 0;
}

/** Omega runs by preset and multiplier, shared between the tests of this file. */
const omegaRuns = new Map<string, Promise<RunSummary>>();
function omega(name: string, multiplier: number): Promise<RunSummary> {
  const key = `${name}@${multiplier}`;
  let run = omegaRuns.get(key);
  if (!run) omegaRuns.set(key, (run = runOmega(name, multiplier, { horizon: HORIZON })));
  return run;
}

function expectSaturated(s: RunSummary, label: string): void {
  expect(busynessOf(s, "batch"), label).toBeGreaterThanOrEqual(0.99);
  expect(neverAttemptedShare(s, "batch"), label).toBeGreaterThan(0.01);
}

function expectKeepingUp(s: RunSummary, label: string): void {
  expect(busynessOf(s, "batch"), label).toBeLessThan(0.9);
  expect(neverAttemptedShare(s, "batch"), label).toBeLessThan(0.005);
  expect(s.workloads.batch?.abandoned, label).toBe(0);
}

describe("single-path saturation within ±30% of the analytic t_job* (figs 5a/6a)", () => {
  for (const name of PRESETS) {
    it(
      name,
      async () => {
        const tStar = workloadStats(name, 10).singlePathTJobStarSec;
        const below = await runSinglePath(name, 0.7 * tStar, { horizon: HORIZON });
        const above = await runSinglePath(name, 1.3 * tStar, { horizon: HORIZON });
        expectKeepingUp(below, `${name} at 0.7 t_job* = ${(0.7 * tStar).toFixed(2)} s`);
        expectSaturated(above, `${name} at 1.3 t_job* = ${(1.3 * tStar).toFixed(2)} s`);
        // Below saturation, busyness is the offered decision work Σλ_k (t_job + t_task E[n_k]).
        expect(busynessOf(below, "batch")).toBeGreaterThan(0.6);
      },
      30_000,
    );
  }
});

describe("Omega fig 8: the batch scheduler saturates near 2.5× (A), 6× (B), 9.5× (C)", () => {
  for (const name of PRESETS) {
    it(`${name}: keeps up at 0.7× and saturates at 1.3× its target multiplier`, async () => {
      const m = FIG8_TARGET[name];
      const below = await omega(name, 0.7 * m);
      const above = await omega(name, 1.3 * m);
      expectKeepingUp(below, `${name} at ${0.7 * m}×`);
      expectSaturated(above, `${name} at ${1.3 * m}×`);
      // Linear below saturation: busyness(0.7 m) / 0.7 extrapolates to 1 within ±15% of the target.
      const extrapolated = (0.7 * m) / busynessOf(below, "batch");
      expect(extrapolated).toBeGreaterThan(0.85 * m);
      expect(extrapolated).toBeLessThan(1.15 * m);
      // Saturation is the scheduler's, not the cell's: the batch work still fits.
      expect(above.schedulers.find((s) => s.workloads.includes("batch"))!.wastedNoFitSec).toBe(0);
      // The service scheduler keeps up throughout.
      expect(busynessOf(above, "service")).toBeLessThan(0.05);
      expect(above.workloads.service?.pending).toBeLessThan(5);
    }, 30_000);
  }

  it("ordering A < B < C: A saturated where B keeps up, B saturated where C keeps up", async () => {
    const saturated = async (name: string, m: number) => busynessOf(await omega(name, m), "batch") >= 0.99;
    // 1.3 × 2.5 = 3.25 < 0.7 × 6 = 4.2: A saturated at 3.25×, B not even at 4.2×.
    expect(await saturated("google-a", 1.3 * 2.5)).toBe(true);
    expect(await saturated("google-b", 0.7 * 6)).toBe(false);
    // At 1.3 × 6 = 7.8×, B is saturated and C is not.
    expect(await saturated("google-b", 1.3 * 6)).toBe(true);
    expect(await saturated("google-c", 1.3 * 6)).toBe(false);
  }, 30_000);
});
