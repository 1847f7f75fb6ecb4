import { describe, expect, it } from "vitest";
import type { JobSpec } from "../../src/cluster/job.js";
import { RngFactory } from "../../src/engine/rng.js";
import type { ArchitectureBlock, RunConfig } from "../../src/experiment/config.js";
import { simulateWorkload } from "../../src/experiment/run-one.js";
import type { JobRecords, RunSummary } from "../../src/metrics/summary.js";
import { cellConfig, handJob } from "../../src/testing/busy-cell.js";
import { workloadFromList } from "../../src/workloads/source.js";

/**
 * Replay of trace task runs (`JobSpec.taskRuns`, docs/traces.md "Event-keeping mode") worked out
 * by hand. One machine of 8 CPUs (room for everything); monolithic, 1 s per job decision and
 * nothing per task, so an attempt started at t commits at t + 1 s.
 */

const S = 1e6;
const MONOLITHIC: ArchitectureBlock = {
  type: "monolithic",
  decisionTime: { batch: { perJob: "1s", perTask: "0s" }, service: { perJob: "1s", perTask: "0s" } },
};

function run(jobs: JobSpec[], over: Partial<RunConfig> = {}): RunSummary {
  const config = cellConfig(MONOLITHIC, {
    cluster: { machines: 1, cpus: 8, memGb: 16 },
    horizonUs: 300 * S,
    placement: "first-fit",
    metrics: { samplePeriodUs: 10 * S, jobs: true, timeline: true },
    ...over,
  });
  return simulateWorkload(config, workloadFromList([], jobs), new RngFactory(1), { checkInvariants: true });
}

const records = (s: RunSummary): JobRecords => s.jobs as JobRecords;
const bars = (s: RunSummary): string[] =>
  (s.timeline?.tasks ?? []).map((t) => `${t.jobId}:${t.startSec}-${t.endSec}`).sort();

// Job 0 (batch, 2 tasks, submitted at 0 s). Task 0 ran 100 s and was evicted, then 50 s to its
// finish; task 1 ran 80 s to its finish. The collapsed duration (reader's mean) is 115 s.
const replayed = handJob(0, 0, 2, {
  durationUs: 115 * S,
  taskRuns: [
    [
      { durationUs: 100 * S, end: "evict" },
      { durationUs: 50 * S, end: "finish" },
    ],
    [{ durationUs: 80 * S, end: "finish" }],
  ],
});

describe("a task evicted in the trace runs again (monolithic, 1 s per decision)", () => {
  // 0 s: attempt 1 starts; 1 s: both tasks placed (fully scheduled), task 0 for 100 s, task 1
  // for 80 s: two running groups. 81 s: task 1 ends, done. 101 s: task 0's run ends by `evict`
  // and it has another run: the job is pending again and goes back to its scheduler (JobRetry
  // at 101 s); attempt 2 runs 101–102 s and places task 0 for its 50 s run: 102–152 s.
  // Fully scheduled (again) at 102 s; one preemption, 100 task-s thrown away.
  const s = run([replayed]);

  it("ends and restarts the tasks at the hand-worked times", () => {
    expect(bars(s)).toEqual(["0:1-101", "0:1-81", "0:102-152"]);
    expect(records(s).fullyScheduledSec).toEqual([102]);
    expect(records(s).attempts).toEqual([2]);
    expect(records(s).outcome).toEqual(["fully-scheduled"]);
  });

  it("counts the re-run as a preemption with its 100 s thrown away, and nothing lost", () => {
    const b = s.workloads.batch;
    expect([b?.preemptions, b?.preemptedTaskSec, b?.tasksLost, b?.lostTaskSec]).toEqual([1, 100, 0, 0]);
    expect([b?.submitted, b?.fullyScheduled, b?.pending, b?.abandoned]).toEqual([1, 1, 0, 0]);
    // Full wait: submitted at 0 s, all tasks placed (last) at 102 s.
    expect(b?.waitFullSec.mean).toBe(102);
    expect(s.workloads.service?.preemptions).toBe(0);
  });

  it("a failed or lost run counts as a lost task; a last run ended by evict is just done", () => {
    const failing = handJob(0, 0, 2, {
      taskRuns: [
        [
          { durationUs: 30 * S, end: "fail" },
          { durationUs: 20 * S, end: "lost" },
          { durationUs: 10 * S, end: "evict" },
        ],
        [{ durationUs: 5 * S, end: "kill" }],
      ],
    });
    // 1 s: placed; task 1 ends at 6 s (done); task 0 fails at 31 s → retry 31–32 s, runs 32–52 s,
    // lost → retry 52–53 s, runs 53–63 s: evicted, but it was its last run: done.
    const f = run([failing]);
    expect(bars(f)).toEqual(["0:1-31", "0:1-6", "0:32-52", "0:53-63"]);
    expect(records(f).fullyScheduledSec).toEqual([53]);
    const b = f.workloads.batch;
    expect([b?.preemptions, b?.preemptedTaskSec, b?.tasksLost, b?.lostTaskSec]).toEqual([0, 0, 2, 50]);
  });

  it("a job evicted in the trace and not placed again by the horizon is pending, counted once", () => {
    const p = run([replayed], { horizonUs: 101.5 * S });
    expect(records(p).outcome).toEqual(["pending"]);
    expect(records(p).fullyScheduledSec).toEqual([null]);
    const b = p.workloads.batch;
    expect([b?.submitted, b?.fullyScheduled, b?.pending, b?.waitFullSec.censored]).toEqual([1, 0, 1, 1]);
  });
});

describe("jobs without taskRuns are replayed as before", () => {
  const plain = handJob(1, 0, 2, { durationUs: 115 * S });

  it("a job without taskRuns runs its collapsed duration and reports no re-run metric", () => {
    const s = run([plain]);
    expect(bars(s)).toEqual(["1:1-116", "1:1-116"]);
    expect(records(s).fullyScheduledSec).toEqual([1]);
    expect(s.workloads.batch).not.toHaveProperty("preemptions");
    expect(s.workloads.batch).not.toHaveProperty("tasksLost");
  });

  it("the same job beside a replayed one keeps its own timeline", () => {
    // Job 1 is submitted at 0 s too, after job 0: attempt 1–2 s (the scheduler is busy until 1 s).
    const s = run([replayed, plain]);
    expect(bars(s).filter((b) => b.startsWith("1:"))).toEqual(["1:2-117", "1:2-117"]);
    expect(records(s).fullyScheduledSec).toEqual([102, 2]);
  });

  it("without taskRuns the replayed job's spec runs every task for its collapsed duration", () => {
    const { taskRuns: _runs, ...collapsed } = replayed;
    const s = run([collapsed]);
    expect(bars(s)).toEqual(["0:1-116", "0:1-116"]);
    expect(records(s).fullyScheduledSec).toEqual([1]);
  });

  it("a taskRuns list that does not give one run list per task is bad input", () => {
    const bad = handJob(2, 0, 3, { taskRuns: [[{ durationUs: S, end: "finish" }]] });
    expect(() => run([bad])).toThrow("workload job 2: taskRuns: expected 3 non-empty lists");
  });
});

describe("a replayed task evicted by the simulated scheduler (preemption on)", () => {
  // One machine of 4 CPUs, zero think time. Job 0 (priority 0): one 4-CPU task whose trace runs
  // are 100 s (evict) then 20 s (finish). Job 1 (service, priority 5): one 2-CPU task for 50 s
  // at 10 s. 0 s: job 0's task starts its first run. 10 s: job 1 evicts it (10 task-s lost) and
  // starts; job 0 retries every second and finds room when job 1 ends at 60 s: the evicted run
  // starts over (60–160 s), then the trace's eviction sends it back once more (160–180 s).
  const zero = { perJob: "0s", perTask: "0s" };
  const jobs = [
    handJob(0, 0, 1, {
      priority: 0,
      cpusPerTask: 4,
      taskRuns: [
        [
          { durationUs: 100 * S, end: "evict" },
          { durationUs: 20 * S, end: "finish" },
        ],
      ],
    }),
    handJob(1, 10, 1, { kind: "service", priority: 5, cpusPerTask: 2, durationUs: 50 * S }),
  ];

  it("restarts the run it was in, then goes on with the trace's runs", () => {
    const s = run(jobs, {
      cluster: { machines: 1, cpus: 4, memGb: 16 },
      architecture: { type: "monolithic", decisionTime: { batch: zero, service: zero } },
      scheduling: { priorityOrder: false, preemption: true },
    });
    expect(bars(s)).toEqual(["0:0-10", "0:160-180", "0:60-160", "1:10-60"]);
    expect(records(s).fullyScheduledSec).toEqual([160, 10]);
    // One simulated eviction (10 task-s) and one from the trace (100 task-s).
    const b = s.workloads.batch;
    expect([b?.preemptions, b?.preemptedTaskSec, b?.tasksLost]).toEqual([2, 110, 0]);
  });
});
