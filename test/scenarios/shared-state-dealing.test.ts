import { describe, expect, it } from "vitest";
import { decisionTimes, sharedState } from "../helpers/architectures.js";
import { job, monolithicConfig } from "../helpers/configs.js";
import { runJobs } from "../helpers/run.js";

/**
 * Shared state deals the jobs of each kind to that kind's schedulers round-robin in arrival
 * order — not to the least loaded one. 3 batch schedulers (b0, b1, b2), 2 service (s0, s1);
 * think time 1 s per task (no per-job time), so a scheduler's useful seconds are the number of
 * tasks it decided. A roomy cell (100 × 4 CPUs) so that nothing conflicts or fails to fit.
 */

const sec = (s: number) => s * 1e6;

describe("shared state: round-robin dealing per kind", () => {
  const jobs = [
    job(0, 0, 10), // B0 → b0, [0, 10)
    job(1, 0.5, 1, { kind: "service" }), // S0 → s0, [0.5, 1.5)
    job(2, 1, 2), // B1 → b1, [1, 3)
    job(3, 2, 3), // B2 → b2, [2, 5)
    job(4, 3, 2, { kind: "service" }), // S1 → s1, [3, 5)
    job(5, 4, 4), // B3 → b0 (busy until 10, though b1 is idle): waits 6 s, [10, 14)
    job(6, 5, 3, { kind: "service" }), // S2 → s0, [5, 8)
    job(7, 6, 5), // B4 → b1, [6, 11)
  ];

  it("each kind's jobs go to its schedulers in turn", () => {
    const config = monolithicConfig({
      horizonUs: sec(60),
      architecture: sharedState({
        schedulers: { batch: 3, service: 2 },
        decisionTime: decisionTimes({ perJobUs: 0, perTaskUs: sec(1) }),
      }),
    });
    const s = runJobs(config, jobs);
    const by = Object.fromEntries(s.schedulers.map((x) => [x.name, x]));
    expect(Object.keys(by)).toEqual([
      "omega-batch-0",
      "omega-batch-1",
      "omega-batch-2",
      "omega-service-0",
      "omega-service-1",
    ]);
    const decided = (name: string) => [by[name]!.attempts, by[name]!.usefulSec];
    expect(decided("omega-batch-0")).toEqual([2, 10 + 4]);
    expect(decided("omega-batch-1")).toEqual([2, 2 + 5]);
    expect(decided("omega-batch-2")).toEqual([1, 3]);
    expect(decided("omega-service-0")).toEqual([2, 1 + 3]);
    expect(decided("omega-service-1")).toEqual([1, 2]);
    expect(s.schedulers.every((x) => x.transactions.conflicted === 0)).toBe(true);
    // Only B3 waits (6 s, behind B0 on b0).
    expect(s.workloads.batch!.waitFirstSec.mean).toBeCloseTo(6 / 5, 9);
    expect(s.workloads.service!.waitFirstSec.mean).toBe(0);
  });
});
