import { describe, expect, it } from "vitest";
import type { JobSpec } from "../../src/cluster/job.js";
import type { RunSummary } from "../../src/metrics/summary.js";
import { handJob as job } from "../../src/testing/busy-cell.js";
import { decisionTimes, twoLevel } from "../helpers/architectures.js";
import { monolithicConfig } from "../helpers/configs.js";
import { runJobs } from "../helpers/run.js";

/**
 * DRF with GPUs, worked out by hand: a GPU-heavy batch framework and a CPU-heavy service
 * framework compete; with GPUs counted in the dominant share the allocator prefers service,
 * counted without them (the same jobs asking no GPUs) it would prefer batch. Settings as in
 * test/scenarios/two-level-timelines.test.ts: offer rounds 1 s after a trigger, offers delivered
 * 1 ms after their round, think time 0.1 s per job for both, first-fit, `minOfferCpus` 1.
 * Framework indices: mesos-batch-0 = 0, mesos-service-0 = 1 (ties go to the lower index).
 */

const sec = (s: number) => s * 1e6;
const µs = (s: number | null | undefined) => (s == null ? null : Math.round(s * 1e6));
const FAST = { perJobUs: sec(0.1), perTaskUs: 0 };

function run(
  cluster: { machines: number; cpus: number; memGb: number; resources: Record<string, number> },
  jobs: JobSpec[],
  perAgent: boolean,
): RunSummary {
  const base = twoLevel({ decisionTime: decisionTimes(FAST), minOfferCpus: 1 });
  const config = monolithicConfig({
    horizonUs: sec(200),
    cluster,
    placement: "first-fit",
    metrics: { samplePeriodUs: sec(1), jobs: true, timeline: true },
    architecture: perAgent ? { ...base, allocator: "per-agent" } : base,
  });
  return runJobs(config, jobs);
}

/** Job id → [first attempt, fully scheduled] (µs). */
function attempts(s: RunSummary): Record<number, [number | null, number | null]> {
  const j = s.jobs!;
  return Object.fromEntries(
    j.jobId.map((id, i) => [id, [µs(j.firstAttemptSec[i]), µs(j.fullyScheduledSec[i])]]),
  );
}

/** Job id → the machines its tasks run on. */
function machines(s: RunSummary): Record<number, number[]> {
  const out: Record<number, number[]> = {};
  for (const t of s.timeline!.tasks) (out[t.jobId] ??= []).push(t.machine);
  return out;
}

describe("whole-cell DRF counts GPUs in the dominant share", () => {
  // Two machines × (8 CPU, 64 GB, 4 GPUs) = 16 CPUs, 128 GB, 8 GPUs.
  const cell = { machines: 2, cpus: 8, memGb: 64, resources: { gpus: 4 } };
  const jobs = (b0Gpus: number) => [
    job(0, 0, 1, { cpusPerTask: 1, memGbPerTask: 4, durationUs: sec(100), resources: { gpus: b0Gpus } }), // B0
    job(1, 0, 1, { kind: "service", cpusPerTask: 4, memGbPerTask: 4, durationUs: sec(100) }), // S0
    job(2, 10, 1, { cpusPerTask: 1, memGbPerTask: 1, durationUs: sec(50), resources: { gpus: 1 } }), // B1
    job(3, 10, 1, { kind: "service", cpusPerTask: 1, memGbPerTask: 1, durationUs: sec(50) }), // S1
  ];

  // t=0       B0, S0 queued → round at 1.
  // t=1       shares 0 = 0 → batch (index 0): bulk offer, delivered 1.001; B0 on m0 at 1.101.
  //           Batch holds 1 CPU, 4 GB, 4 GPUs: max(1/16, 4/128, 4/8) = 0.5. Round at 2.101.
  // t=2.101   only service requests → offer delivered 2.102; S0 (4 CPU) on m0 at 2.202.
  //           Service holds 4 CPU, 4 GB: max(4/16, 4/128) = 0.25.
  // t=10      B1, S1 queued → round at 11: service 0.25 < batch 0.5 → service, delivered
  //           11.001, S1 on m0 (3 CPUs left) at 11.101. Round at 12.101: batch, delivered
  //           12.102, B1 needs a GPU: m0 has none left → m1 at 12.202.
  it("the GPU-heavy framework has the larger dominant share, so service is offered first", () => {
    const s = run(cell, jobs(4), false);
    expect(attempts(s)).toEqual({
      0: [µs(1.001), µs(1.101)],
      1: [µs(2.102), µs(2.202)],
      2: [µs(12.102), µs(12.202)],
      3: [µs(11.001), µs(11.101)],
    });
    expect(machines(s)).toEqual({ 0: [0], 1: [0], 2: [1], 3: [0] });
  });

  // Counterfactual: B0 asks no GPUs. Batch's share is max(1/16, 4/128) = 0.0625 < service 0.25 →
  // batch gets the round at 11 (B1 on m0 at 11.101: 4 GPUs free there), service the one at 12.101.
  it("without B0's GPUs, batch's share is the smaller and batch is offered first", () => {
    const s = run(cell, jobs(0), false);
    expect(attempts(s)[2]).toEqual([µs(11.001), µs(11.101)]);
    expect(attempts(s)[3]).toEqual([µs(12.102), µs(12.202)]);
    expect(machines(s)[2]).toEqual([0]);
  });
});

describe("per-agent weighted DRF counts running GPUs", () => {
  // Four machines × (4 CPU, 16 GB, 2 GPUs) = 16 CPUs, 64 GB, 8 GPUs. The per-agent allocator
  // hands out agents one by one to the lowest share, counting CPU and memory offered in the
  // round as used (as Mesos' sorters do) and further dimensions as their running tasks use them.
  const cell = { machines: 4, cpus: 4, memGb: 16, resources: { gpus: 2 } };
  const jobs = (b0Gpus: number) => [
    job(0, 0, 1, { cpusPerTask: 1, memGbPerTask: 1, durationUs: sec(100), resources: { gpus: b0Gpus } }), // B0
    job(1, 10, 1, { cpusPerTask: 1, memGbPerTask: 1, durationUs: sec(50), resources: { gpus: 1 } }), // B1
    job(2, 10, 1, { kind: "service", cpusPerTask: 1, memGbPerTask: 1, durationUs: sec(50) }), // S1
  ];

  // t=1       only batch requests: every agent to batch; B0 on m0 at 1.101 (ties by index).
  //           Batch runs 1 CPU, 1 GB, 2 GPUs: dominant max(1/16, 1/64, 2/8) = 0.25.
  // t=11      round, agent by agent (service starts at 0):
  //           m0 (3 CPU, 15 GB free): batch 0.25 > service 0 → service: max(3/16, 15/64) = 0.234
  //           m1: batch 0.25 > 0.234 → service: max(7/16, 31/64) = 0.484
  //           m2: batch 0.25 < 0.484 → batch: max(5/16, 17/64, 2/8) = 0.3125
  //           m3: batch 0.3125 < 0.484 → batch.
  //           B1 on batch's {m2, m3} → m2; S1 on service's {m0, m1}, largest room first → m1.
  it("agents go to service while batch's GPU share is the larger", () => {
    const s = run(cell, jobs(2), true);
    expect(machines(s)).toEqual({ 0: [0], 1: [2], 2: [1] });
  });

  // Counterfactual, B0 without GPUs: batch 1/16 = 0.0625. m0 → service (0.234); m1: 0.0625 <
  // 0.234 → batch (max(5/16, 17/64) = 0.3125); m2: 0.234 < 0.3125 → service (0.484); m3: batch.
  // B1 on {m1, m3} → m1; S1 on {m0, m2} → m2 (4 CPUs free beats m0's 3).
  it("without B0's GPUs the agents alternate from batch", () => {
    const s = run(cell, jobs(0), true);
    expect(machines(s)).toEqual({ 0: [0], 1: [1], 2: [2] });
  });
});
