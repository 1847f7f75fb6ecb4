import { describe, expect, it } from "vitest";
import type { JobSpec } from "../../src/cluster/job.js";
import type { RunSummary } from "../../src/metrics/summary.js";
import { decisionTimes, monolithic, staticPartition } from "../helpers/architectures.js";
import { job, monolithicConfig } from "../helpers/configs.js";
import { runJobs } from "../helpers/run.js";

/**
 * Static partitions strand capacity: a job that the whole cell could fit is unschedulable in its
 * own partition. Cell: 10 machines × 4 CPUs; batch gets machines 0–4 (20 CPUs), service 5–9.
 * Decisions take 0.1 s (no per-task time); retries come 1 s after an attempt ends.
 */

const sec = (s: number) => s * 1e6;
const FOREVER = sec(1e6);

function run(kind: "partitioned" | "monolithic", jobs: JobSpec[], prefill: JobSpec[], horizonSec: number) {
  const dt = decisionTimes({ perJobUs: sec(0.1), perTaskUs: 0 });
  const config = monolithicConfig({
    horizonUs: sec(horizonSec),
    cluster: { machines: 10, cpus: 4, memGb: 16 },
    architecture: kind === "partitioned" ? staticPartition(dt) : monolithic(dt),
  });
  return runJobs(config, jobs, prefill);
}

const batchOf = (s: RunSummary) => s.workloads.batch!;

describe("static partitions: unschedulable in the partition, schedulable in the cell", () => {
  // Prefill: 20 one-CPU batch tasks running for ever. Partitioned, they fill the batch partition
  // exactly; monolithic, they take half of the cell.
  const prefill = [job(100, 0, 20, { durationUs: FOREVER, prefill: true })];
  const jobs = [job(0, 0, 1)];

  it("partitioned: a 1-task batch job never fits and is abandoned after 100 attempts", () => {
    // Attempt k (k = 1..100) thinks over [1.1(k−1), 1.1(k−1) + 0.1) and places nothing; after the
    // 100th (ending at 99 × 1.1 + 0.1 = 109 s) the job is abandoned — no task was ever placed.
    // The service partition's 20 free CPUs are never looked at.
    const s = run("partitioned", jobs, prefill, 200);
    expect(s.cell.prefill).toMatchObject({ tasksPlaced: 20, tasksDropped: 0 });
    expect(batchOf(s)).toMatchObject({ abandoned: 1, scheduled: 0, pending: 0, attemptsMean: 100 });
    const [batchSched, serviceSched] = s.schedulers;
    expect(batchSched!.attempts).toBe(100);
    expect(batchSched!.wastedNoFitSec).toBeCloseTo(100 * 0.1, 9);
    expect(batchSched!.usefulSec).toBe(0);
    expect(serviceSched!.attempts).toBe(0);
    expect(batchOf(s).waitFullSec.censored).toBe(1);
  });

  it("monolithic: the same job is placed at its first attempt", () => {
    const s = run("monolithic", jobs, prefill, 200);
    expect(batchOf(s)).toMatchObject({ fullyScheduled: 1, abandoned: 0, attemptsMean: 1 });
    expect(batchOf(s).waitFullSec.mean).toBeCloseTo(0.1, 9);
  });
});

describe("static partitions: a job bigger than its partition", () => {
  // No prefill. One batch job of 25 one-CPU tasks running for ever: the cell has 40 CPUs, the
  // batch partition 20.
  const jobs = [job(0, 0, 25, { durationUs: FOREVER })];

  it("partitioned: 20 tasks start, the other 5 retry until the 1,000-attempt limit", () => {
    // Attempt 1 [0, 0.1) places 20 tasks; attempts 2..1000 place nothing; abandoned at the end of
    // attempt 1000: 999 × 1.1 + 0.1 = 1099 s.
    const s = run("partitioned", jobs, [], 1200);
    expect(batchOf(s)).toMatchObject({ scheduled: 1, fullyScheduled: 0, abandoned: 1, attemptsMean: 1000 });
    const sched = s.schedulers[0]!;
    expect(sched.usefulSec).toBeCloseTo(0.1, 9);
    expect(sched.wastedNoFitSec).toBeCloseTo(999 * 0.1, 6);
    // Half the cell's CPUs busy from 0.1 s on.
    expect(s.cell.utilization.cpu).toBeCloseTo((20 * (1200 - 0.1)) / (40 * 1200), 9);
  });

  it("monolithic: all 25 tasks start at 0.1 s", () => {
    const s = run("monolithic", jobs, [], 1200);
    expect(batchOf(s)).toMatchObject({ fullyScheduled: 1, attemptsMean: 1 });
  });
});
