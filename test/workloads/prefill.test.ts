import { describe, it, expect } from "vitest";
import { RngFactory } from "../../src/engine/rng.js";
import type { JobSpec } from "../../src/cluster/job.js";
import { generatePrefill } from "../../src/workloads/prefill.js";
import { getPreset } from "../../src/workloads/presets.js";
import { makeSyntheticWorkload } from "../../src/workloads/synthetic.js";
import { drain, smallSpec } from "./helpers.js";

const cpus = (jobs: readonly JobSpec[]) => jobs.reduce((a, j) => a + j.tasks * j.cpusPerTask, 0);
const maxJobCpus = (jobs: readonly JobSpec[]) => Math.max(...jobs.map((j) => j.tasks * j.cpusPerTask));

describe("generatePrefill", () => {
  const totalCpus = 40_000;
  const spec = { cpuFraction: 0.6, kindShares: { service: 0.7, batch: 0.3 } };

  it("reaches each kind's CPU target within half a job", () => {
    const jobs = generatePrefill(smallSpec().kinds, spec, totalCpus, new RngFactory(1));
    for (const [kind, share] of [
      ["service", 0.7],
      ["batch", 0.3],
    ] as const) {
      const mine = jobs.filter((j) => j.kind === kind);
      const target = share * 0.6 * totalCpus;
      expect(Math.abs(cpus(mine) - target)).toBeLessThanOrEqual(maxJobCpus(mine) / 2);
      expect(cpus(mine) / target).toBeCloseTo(1, 1);
    }
  });

  it("service first, then batch; ids 0..P−1; submit 0; prefill true", () => {
    const jobs = generatePrefill(smallSpec().kinds, spec, totalCpus, new RngFactory(1));
    const firstBatch = jobs.findIndex((j) => j.kind === "batch");
    expect(firstBatch).toBeGreaterThan(0);
    expect(jobs.slice(firstBatch).every((j) => j.kind === "batch")).toBe(true);
    jobs.forEach((j, i) => expect([j.id, j.submitUs, j.prefill]).toEqual([i, 0, true]));
  });

  it("is deterministic and does not shift the submitted jobs' streams", () => {
    const a = generatePrefill(smallSpec().kinds, spec, totalCpus, new RngFactory(9));
    expect(generatePrefill(smallSpec().kinds, spec, totalCpus, new RngFactory(9))).toEqual(a);
    const opts = { horizonUs: 3_600e6, firstId: 0, prefill: [] };
    const without = drain(makeSyntheticWorkload(smallSpec(), new RngFactory(9), opts));
    const rng = new RngFactory(9);
    generatePrefill(smallSpec().kinds, spec, totalCpus, rng);
    expect(drain(makeSyntheticWorkload(smallSpec(), rng, opts))).toEqual(without);
  });

  it("zero fraction or share → no jobs of that kind; missing generator with a share → error", () => {
    expect(
      generatePrefill(
        smallSpec().kinds,
        { cpuFraction: 0, kindShares: { batch: 1 } },
        100,
        new RngFactory(1),
      ),
    ).toEqual([]);
    const onlyBatch = generatePrefill(
      smallSpec().kinds,
      { cpuFraction: 0.5, kindShares: { batch: 1 } },
      1000,
      new RngFactory(1),
    );
    expect(onlyBatch.every((j) => j.kind === "batch")).toBe(true);
    const kinds = smallSpec().kinds;
    delete kinds.service;
    expect(() => generatePrefill(kinds, spec, 100, new RngFactory(1))).toThrow(
      /prefill\.kindShares\.service/,
    );
    expect(() =>
      generatePrefill(kinds, { cpuFraction: 1.5, kindShares: {} }, 100, new RngFactory(1)),
    ).toThrow(/prefill\.cpuFraction/);
  });

  it("google-c prefill fills 60% of the cell's CPUs, 95/5 service/batch (the steady state's split)", () => {
    const p = getPreset("google-c");
    const total = p.cluster.machines * p.cluster.cpus;
    const jobs = generatePrefill(p.workload.kinds, p.prefill, total, new RngFactory(1));
    expect(cpus(jobs) / total).toBeCloseTo(0.6, 2);
    expect(cpus(jobs.filter((j) => j.kind === "service")) / cpus(jobs)).toBeCloseTo(0.95, 2);
  });
});
