import { describe, expect, it } from "vitest";
import { simulateWorkload } from "../../src/experiment/run-one.js";
import { RngFactory } from "../../src/engine/rng.js";
import { workloadFromList } from "../../src/workloads/source.js";
import { cellConfig, handJob } from "../../src/testing/busy-cell.js";
import { DEFAULT_RETRY } from "../../src/cluster/decision.js";
import type { JobRecords } from "../../src/metrics/summary.js";

/**
 * `retry.when: "freed"` by hand: a monolithic scheduler with zero think time on one machine of
 * 4 CPUs. Job 0 (4 tasks of 1 CPU, 10 s) fills the machine at t = 0. Jobs 1 (1 task) and 2
 * (4 tasks) arrive at 1 s and 2 s and find no room. Under the timer rule they retry every second;
 * under "freed" they wait, never retried before t = 10 s when job 0 ends, then in submission
 * order: job 1 (1 CPU) starts at 10 s; the drain counts the free CPUs again, and job 2 (4 CPUs)
 * no longer fits the 3 left, so it is not even tried until job 1's end at 20 s. Never abandoned,
 * whatever the attempt limits.
 */
const ZERO = { perJob: "0s", perTask: "0s" };

function run(
  retry: typeof DEFAULT_RETRY,
  backfillWindow?: number,
  jobs = [handJob(0, 0, 4), handJob(1, 1, 1), handJob(2, 2, 4)],
): JobRecords {
  const config = cellConfig(
    { type: "monolithic", decisionTime: { batch: ZERO, service: ZERO } },
    {
      horizonUs: 100e6,
      cluster: { machines: 1, cpus: 4, memGb: 16 },
      retry: { ...retry, ...(backfillWindow !== undefined ? { backfillWindow } : {}) },
      metrics: { samplePeriodUs: 10e6, jobs: true },
    },
  );
  return simulateWorkload(config, workloadFromList([], jobs), new RngFactory(1)).jobs as JobRecords;
}

describe('retry.when "freed": a batch queue', () => {
  it("waits for freed resources, then retries in submission order", () => {
    const r = run({ ...DEFAULT_RETRY, retryWhen: "freed" });
    expect(r.fullyScheduledSec).toEqual([0, 10, 20]);
    // Job 1: tried at 1 s, then at 10 s. Job 2: at 2 s, then at 20 s (skipped at 10 s: no room).
    expect(r.attempts).toEqual([1, 2, 2]);
  });

  it("never abandons, even past the attempt limits", () => {
    const r = run({ ...DEFAULT_RETRY, retryWhen: "freed", maxAttempts: 1, maxAttemptsWithoutProgress: 1 });
    expect(r.outcome).toEqual(["fully-scheduled", "fully-scheduled", "fully-scheduled"]);
  });

  it("the timer rule retries every second instead, and its order is not submission order", () => {
    const r = run(DEFAULT_RETRY);
    // At 2 s job 2's arrival goes before job 1's retry (arrivals rank before retries), so from
    // then on job 2 retries first each second: at 10 s it takes the whole machine and job 1
    // waits for 20 s. Attempts: job 1 at 1, 2, …, 20 s; job 2 at 2, 3, …, 10 s.
    expect(r.fullyScheduledSec).toEqual([0, 20, 10]);
    expect(r.attempts).toEqual([1, 20, 9]);
  });

  it("a backfill window bounds the attempts per release", () => {
    // Three 1-CPU jobs wait behind job 0; at 10 s all three fit. Window 64: all start at 10 s.
    // Window 1: one per release — job 1 at 10 s, job 2 at job 1's end (20 s), job 3 at 30 s.
    const jobs = [handJob(0, 0, 4), handJob(1, 1, 1), handJob(2, 2, 1), handJob(3, 3, 1)];
    const freed = { ...DEFAULT_RETRY, retryWhen: "freed" as const };
    expect(run(freed, undefined, jobs).fullyScheduledSec).toEqual([0, 10, 10, 10]);
    expect(run(freed, 1, jobs).fullyScheduledSec).toEqual([0, 10, 20, 30]);
  });
});
