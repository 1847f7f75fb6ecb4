import { describe, it, expect } from "vitest";
import { RngFactory } from "../../src/engine/rng.js";
import { US_PER_DAY, US_PER_MIN } from "../../src/engine/time.js";
import type { WorkloadKind } from "../../src/cluster/job.js";
import { getPreset, PRESETS, type Preset } from "../../src/workloads/presets.js";
import { makeSyntheticWorkload } from "../../src/workloads/synthetic.js";

interface KindStats {
  jobs: number;
  tasks: number;
  cpuSec: number;
  cpusBusy: number;
  gapsUs: number[];
  durationsUs: number[];
}

/** Samples `days` of a preset's workload and summarizes it per kind. */
function measure(p: Preset, days: number) {
  const horizonUs = days * US_PER_DAY;
  const w = makeSyntheticWorkload(p.workload, new RngFactory(1), { horizonUs, firstId: 0, prefill: [] });
  const empty = (): KindStats => ({ jobs: 0, tasks: 0, cpuSec: 0, cpusBusy: 0, gapsUs: [], durationsUs: [] });
  const k: Record<WorkloadKind, KindStats> = { batch: empty(), service: empty() };
  const lastUs: Record<WorkloadKind, number> = { batch: 0, service: 0 };
  for (let j = w.next(); j; j = w.next()) {
    const s = k[j.kind];
    s.jobs++;
    s.tasks += j.tasks;
    s.cpuSec += (j.tasks * j.cpusPerTask * j.durationUs) / 1e6;
    s.gapsUs.push(j.submitUs - lastUs[j.kind]);
    s.durationsUs.push(j.durationUs);
    lastUs[j.kind] = j.submitUs;
  }
  const sec = horizonUs / 1e6;
  const lambda = (kind: WorkloadKind) => k[kind].jobs / sec;
  const meanTasks = (kind: WorkloadKind) => k[kind].tasks / k[kind].jobs;
  const sumLambda = lambda("batch") + lambda("service");
  const sumLambdaN = lambda("batch") * meanTasks("batch") + lambda("service") * meanTasks("service");
  return {
    k,
    jobsPerSec: sumLambda,
    tasksPerJob: sumLambdaN / sumLambda,
    batchJobFraction: k.batch.jobs / (k.batch.jobs + k.service.jobs),
    serviceCpuSecShare: k.service.cpuSec / (k.service.cpuSec + k.batch.cpuSec),
    meanTasks,
    /** Single-path saturation t_job* with t_task = 5 ms (REFERENCE §1.3). */
    saturationSec: (1 - 0.005 * sumLambdaN) / sumLambda,
    jobsPerDay: sumLambda * 86_400,
    tasksPerDay: sumLambdaN * 86_400,
    offeredLoad: (k.batch.cpuSec + k.service.cpuSec) / sec / (p.cluster.machines * p.cluster.cpus),
  };
}

function p80(xs: number[]): number {
  const sorted = Float64Array.from(xs).sort();
  return sorted[Math.floor(0.8 * (sorted.length - 1))] as number;
}

describe("presets", () => {
  it("getPreset returns presets and lists valid names for unknown ones", () => {
    expect(getPreset("google-c").cluster.machines).toBe(12_583);
    expect(() => getPreset("google-z")).toThrow(/google-a, google-b, google-c/);
    expect(() => getPreset("toString")).toThrow(/unknown preset/);
  });

  it("google-c meets the REFERENCE §1.3 calibration targets", () => {
    const m = measure(getPreset("google-c"), 30);
    expect(m.jobsPerSec).toBeGreaterThan(0.25);
    expect(m.jobsPerSec).toBeLessThan(0.29);
    expect(m.tasksPerJob).toBeGreaterThan(35);
    expect(m.tasksPerJob).toBeLessThan(41);
    expect(m.batchJobFraction).toBeGreaterThan(0.8);
    expect(m.serviceCpuSecShare).toBeGreaterThan(0.55);
    expect(m.serviceCpuSecShare).toBeLessThan(0.8);
    expect(m.saturationSec).toBeGreaterThan(3.2);
    expect(m.saturationSec).toBeLessThan(3.8);
    expect(m.meanTasks("batch")).toBeGreaterThan(34);
    expect(m.meanTasks("batch")).toBeLessThan(46);
    expect(m.meanTasks("service")).toBeLessThan(m.meanTasks("batch"));
    // A 1-day run stays light.
    expect(m.jobsPerDay).toBeLessThan(25_000);
    expect(m.tasksPerDay).toBeLessThan(1_000_000);
  });

  it("all presets: 80th percentiles of runtimes and inter-arrivals in the published ranges", () => {
    for (const p of Object.values(PRESETS)) {
      const m = measure(p, 10);
      expect(p80(m.k.batch.durationsUs) / US_PER_MIN).toBeGreaterThan(12);
      expect(p80(m.k.batch.durationsUs) / US_PER_MIN).toBeLessThan(20);
      expect(p80(m.k.service.durationsUs) / US_PER_DAY).toBeGreaterThan(25);
      expect(p80(m.k.service.durationsUs) / US_PER_DAY).toBeLessThan(33);
      expect(p80(m.k.batch.gapsUs) / 1e6).toBeGreaterThan(3.8);
      expect(p80(m.k.batch.gapsUs) / 1e6).toBeLessThan(7);
      expect(p80(m.k.service.gapsUs) / US_PER_MIN).toBeGreaterThan(1.9);
      expect(p80(m.k.service.gapsUs) / US_PER_MIN).toBeLessThan(15);
      expect(m.batchJobFraction).toBeGreaterThan(0.8);
      expect(m.serviceCpuSecShare).toBeGreaterThan(0.55);
      expect(m.serviceCpuSecShare).toBeLessThan(0.8);
      // Steady-state offered load ≈ the 60% prefill, so a run neither drains nor overflows fast.
      expect(m.offeredLoad).toBeGreaterThan(0.5);
      expect(m.offeredLoad).toBeLessThan(0.7);
      expect(p.prefill.cpuFraction).toBe(0.6);
    }
  });

  it("B is the biggest cell with the highest arrival rate; A is medium", () => {
    const [a, b, c] = (["google-a", "google-b", "google-c"] as const).map((n) => getPreset(n));
    expect(b!.cluster.machines).toBeGreaterThan(c!.cluster.machines);
    expect(a!.cluster.machines).toBeLessThan(c!.cluster.machines);
    const rate = (p: Preset) => measure(p, 3).jobsPerSec;
    expect(rate(b!)).toBeGreaterThan(rate(a!));
    expect(rate(b!)).toBeGreaterThan(rate(c!));
  });
});
