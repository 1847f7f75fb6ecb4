import { describe, it, expect } from "vitest";
import { getPreset, PRESETS } from "../../src/workloads/presets.js";
import { workloadStats } from "../../scripts/calibrate-presets.js";

/**
 * The workload side of the presets' calibration (docs/presets.md). The measured
 * saturation points (single-path t_job*, Omega fig-8 multipliers) are in test/omega/calibration.test.ts.
 */
describe("presets", () => {
  it("getPreset returns presets and lists valid names for unknown ones", () => {
    expect(getPreset("google-c").cluster.machines).toBe(12_583);
    expect(() => getPreset("google-z")).toThrow(/google-a, google-b, google-c/);
    expect(() => getPreset("toString")).toThrow(/unknown preset/);
  });

  it("google-c has the 2011 trace's cell and job rate, and ≈60 tasks per job (for fig 8's 9.5×)", () => {
    const m = workloadStats("google-c", 30);
    expect(m.jobsPerSec).toBeGreaterThan(0.25);
    expect(m.jobsPerSec).toBeLessThan(0.29);
    // The trace has 37.8 tasks/job; ≈60 puts the Omega batch saturation at 9.5× (docs/presets.md).
    expect(m.tasksPerJob).toBeGreaterThan(55);
    expect(m.tasksPerJob).toBeLessThan(65);
    expect(m.meanTasks.batch).toBeGreaterThan(57);
    expect(m.meanTasks.batch).toBeLessThan(67);
    expect(m.meanTasks.service).toBeLessThan(m.meanTasks.batch);
    // docs/presets.md: C's trace rates give t_job* ≈ 3.5 s.
    expect(m.singlePathTJobStarSec).toBeGreaterThan(3.2);
    expect(m.singlePathTJobStarSec).toBeLessThan(3.8);
    // A 1-day run stays light.
    expect(m.jobsPerSec * 86_400).toBeLessThan(25_000);
    expect(m.jobsPerSec * m.tasksPerJob * 86_400).toBeLessThan(1_600_000);
  });

  it("analytic Omega batch saturation multipliers are the fig-8 targets 2.5× (A), 6× (B), 9.5× (C)", () => {
    const target = { "google-a": 2.5, "google-b": 6, "google-c": 9.5 } as const;
    for (const [name, m] of Object.entries(target)) {
      const star = workloadStats(name, 30).omegaBatchMultiplierStar;
      expect(star, name).toBeGreaterThan(0.95 * m);
      expect(star, name).toBeLessThan(1.05 * m);
    }
  });

  it("all Google-like presets: 80th percentiles, job mix, steady-state load and prefill", () => {
    // The Google-like presets (gpu-cluster is illustrative, not calibrated: test/gpu).
    for (const [name, p] of Object.entries(PRESETS).filter(([n]) => n.startsWith("google-"))) {
      const m = workloadStats(name, 10);
      expect(m.p80.batchRuntimeMin, name).toBeGreaterThan(12);
      expect(m.p80.batchRuntimeMin, name).toBeLessThan(20);
      expect(m.p80.serviceRuntimeDays, name).toBeGreaterThan(25);
      expect(m.p80.serviceRuntimeDays, name).toBeLessThan(33);
      expect(m.p80.batchGapSec, name).toBeGreaterThan(3.8);
      expect(m.p80.batchGapSec, name).toBeLessThan(7);
      expect(m.p80.serviceGapMin, name).toBeGreaterThan(1.9);
      expect(m.p80.serviceGapMin, name).toBeLessThan(15);
      expect(m.batchJobFraction, name).toBeGreaterThan(0.8);
      // Service dominates CPU-seconds; above the 55–80% target for B and C, whose batch work must
      // stay small enough for the cell to have room at 6× and 9.5× the batch rate (docs/presets.md).
      expect(m.serviceCpuSecShare, name).toBeGreaterThan(0.55);
      expect(m.serviceCpuSecShare, name).toBeLessThan(0.97);
      // Steady-state offered load ≈ the 60% prefill, so a run neither drains nor overflows fast…
      const load = m.offeredLoad.batch + m.offeredLoad.service;
      expect(load, name).toBeGreaterThan(0.54);
      expect(load, name).toBeLessThan(0.66);
      expect(p.prefill.cpuFraction).toBe(0.6);
      // …and the prefill splits its CPU between kinds as the steady state does.
      expect(p.prefill.kindShares.service, name).toBeCloseTo(m.offeredLoad.service / load, 1);
      expect((p.prefill.kindShares.service ?? 0) + (p.prefill.kindShares.batch ?? 0)).toBeCloseTo(1, 9);
      // The cell still has room when the batch rate reaches the saturation multiplier.
      expect(m.offeredLoad.service + m.omegaBatchMultiplierStar * m.offeredLoad.batch, name).toBeLessThan(
        0.9,
      );
    }
  });

  it("A's service share is inside the published 55–80%", () => {
    const m = workloadStats("google-a", 10);
    expect(m.serviceCpuSecShare).toBeLessThan(0.8);
  });

  it("B is the biggest cell with the highest arrival rate; A is medium", () => {
    const [a, b, c] = (["google-a", "google-b", "google-c"] as const).map((n) => getPreset(n));
    expect(b!.cluster.machines).toBeGreaterThan(c!.cluster.machines);
    expect(a!.cluster.machines).toBeLessThan(c!.cluster.machines);
    const rate = (n: string) => workloadStats(n, 3).jobsPerSec;
    expect(rate("google-b")).toBeGreaterThan(rate("google-a"));
    expect(rate("google-b")).toBeGreaterThan(rate("google-c"));
  });
});
