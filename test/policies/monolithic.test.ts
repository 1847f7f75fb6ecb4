import { describe, expect, it } from "vitest";
import { decisionTimes, monolithic } from "../helpers/architectures.js";
import { monolithicConfig, job } from "../helpers/configs.js";
import { runJobs } from "../helpers/run.js";

const sec = (s: number) => s * 1e6;
const decision = (perJobSec: number, perTaskSec: number) => {
  return monolithic(decisionTimes({ perJobUs: sec(perJobSec), perTaskUs: sec(perTaskSec) }));
};

describe("monolithic: hand-worked timelines", () => {
  it("4 jobs arriving together wait 0, 1, 3, 6 s (think 0 s + 1 s/task, 1–4 tasks)", () => {
    // Think times 1, 2, 3, 4 s, served FIFO: attempts start at 0, 1, 3, 6.
    const config = monolithicConfig({ architecture: decision(0, 1), horizonUs: sec(100) });
    const s = runJobs(config, [job(0, 0, 1), job(1, 0, 2), job(2, 0, 3), job(3, 0, 4)]);
    const b = s.workloads.batch!;
    expect(b.waitFirstSec.mean).toBe((0 + 1 + 3 + 6) / 4);
    expect(b.waitFirstSec.p50).toBe(2); // between 1 and 3
    // All tasks fit at once: fully scheduled at the end of each think time (1, 3, 6, 10 s).
    expect(b.waitFullSec.mean).toBe((1 + 3 + 6 + 10) / 4);
    expect(s.schedulers[0]!.usefulSec).toBe(10);
    expect(s.schedulers[0]!.busyness).toBe(10 / 100);
  });

  it("with think time 1 s + 1 s/task the same jobs wait 0, 2, 5, 9 s", () => {
    const config = monolithicConfig({ architecture: decision(1, 1), horizonUs: sec(100) });
    const s = runJobs(config, [job(0, 0, 1), job(1, 0, 2), job(2, 0, 3), job(3, 0, 4)]);
    expect(s.workloads.batch!.waitFirstSec.mean).toBe((0 + 2 + 5 + 9) / 4);
  });

  it("multi-path: a slow service decision blocks the batch job queued behind it", () => {
    const config = monolithicConfig({
      architecture: monolithic(
        decisionTimes({ perJobUs: sec(0.1), perTaskUs: 0 }, { perJobUs: sec(10), perTaskUs: 0 }),
      ),
      horizonUs: sec(100),
    });
    const s = runJobs(config, [job(0, 0, 1, { kind: "service" }), job(1, 0, 1)]);
    expect(s.workloads.service!.waitFirstSec.mean).toBe(0);
    expect(s.workloads.batch!.waitFirstSec.mean).toBe(10);
  });

  it("a partly placed job retries from the queue tail after 1 s, thinking only about the rest", () => {
    // One machine with 2 CPUs; think time 1 s per attempt; both jobs' tasks run 5 s.
    // t=0→1 job 0 places both its tasks (they end at 6). Job 1 (3 tasks): 1→2 no fit, retry at 3;
    // 3→4 no fit; 5→6 fits 2 (task ends run before decisions at equal times), 1 left; 7→8 and
    // 9→10 no fit; 11→12 fits the last one (job 1's first tasks ended at 11). Six attempts.
    const config = monolithicConfig({
      cluster: { machines: 1, cpus: 2, memGb: 16 },
      architecture: decision(1, 0),
      horizonUs: sec(30),
    });
    const s = runJobs(config, [job(0, 0, 2, { durationUs: sec(5) }), job(1, 0, 3, { durationUs: sec(5) })]);
    const b = s.workloads.batch!;
    expect(b.fullyScheduled).toBe(2);
    // Job 1: attempts end at 2 (no fit), 4 (no fit), 6 (fit 2: tasks of job 0 end at 6, first),
    // then retry at 7, attempt 7→8 no fit, 9→10 no fit, 11→12 fits (job 1's first tasks end at 11).
    expect(b.waitFullSec.mean).toBe((1 + 12) / 2);
    expect(s.schedulers[0]!.wastedNoFitSec).toBe(4);
    expect(s.schedulers[0]!.usefulSec).toBe(3);
    expect(b.attemptsMean).toBe((1 + 6) / 2);
  });
});

describe("monolithic: the retry/abandon rule", () => {
  const full = monolithicConfig({
    cluster: { machines: 1, cpus: 1, memGb: 16 },
    architecture: decision(0.1, 0),
  });

  it("abandons after 100 attempts when no task was ever placed", () => {
    // The job needs 2 CPUs per task on a 1-CPU machine: it never fits.
    const s = runJobs({ ...full, horizonUs: sec(1000) }, [job(0, 0, 1, { cpusPerTask: 2 })]);
    expect(s.workloads.batch!.abandoned).toBe(1);
    expect(s.schedulers[0]!.attempts).toBe(100);
    // 100 attempts of 0.1 s with 1 s between them: abandoned at 99 × 1.1 + 0.1 = 109 s.
    expect(s.schedulers[0]!.wastedNoFitSec).toBeCloseTo(10, 9);
  });

  it("abandons after 1,000 attempts when some tasks were placed", () => {
    // 2 tasks, only 1 fits, and it runs forever: the second never fits.
    const s = runJobs({ ...full, horizonUs: sec(5000) }, [job(0, 0, 2, { durationUs: sec(1e6) })]);
    expect(s.workloads.batch!.abandoned).toBe(1);
    expect(s.workloads.batch!.scheduled).toBe(1);
    expect(s.schedulers[0]!.attempts).toBe(1000);
  });

  it("the limits are configurable", () => {
    const retry = { retryDelayUs: sec(2), maxAttempts: 5, maxAttemptsWithoutProgress: 3 };
    const s = runJobs({ ...full, retry, horizonUs: sec(1000) }, [job(0, 0, 1, { cpusPerTask: 2 })]);
    expect(s.schedulers[0]!.attempts).toBe(3);
  });

  it("jobs never attempted by the horizon are pending and their waits censored at the horizon", () => {
    const config = monolithicConfig({ architecture: decision(60, 0), horizonUs: sec(100) });
    const s = runJobs(config, [job(0, 0, 1), job(1, 10, 1), job(2, 20, 1)]);
    const b = s.workloads.batch!;
    // Job 0 attempted at 0, job 1 at 60, job 2 never (the second attempt ends at 120 > 100).
    expect(b.pending).toBe(2);
    expect(b.waitFirstSec.censored).toBe(1);
    expect(b.waitFirstSec.mean).toBeCloseTo((0 + 50 + 80) / 3, 9);
  });
});
