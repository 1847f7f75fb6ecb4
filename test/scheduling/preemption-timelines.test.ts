import { describe, expect, it } from "vitest";
import { simulateWorkload } from "../../src/experiment/run-one.js";
import { RngFactory } from "../../src/engine/rng.js";
import { workloadFromList } from "../../src/workloads/source.js";
import { cellConfig, handJob } from "../../src/testing/busy-cell.js";
import type { ArchitectureBlock, RunConfig } from "../../src/experiment/config.js";
import type { JobSpec } from "../../src/cluster/job.js";
import type { JobRecords, RunSummary } from "../../src/metrics/summary.js";
import { workloadsCsv } from "../../src/experiment/tidy-tables.js";

/**
 * Preemption worked out by hand (docs/preemption.md). Every task takes 1 GB, so only CPUs bind;
 * placement is first-fit (the lowest machine with room), so where tasks land is known.
 */

const ZERO = { perJob: "0s", perTask: "0s" };
const MONOLITHIC: ArchitectureBlock = { type: "monolithic", decisionTime: { batch: ZERO, service: ZERO } };

function run(
  jobs: JobSpec[],
  over: Partial<RunConfig>,
  architecture: ArchitectureBlock = MONOLITHIC,
  preemption = true,
): RunSummary {
  const config = cellConfig(architecture, {
    placement: "first-fit",
    metrics: { samplePeriodUs: 10e6, jobs: true },
    scheduling: { priorityOrder: false, preemption },
    ...over,
  });
  return simulateWorkload(config, workloadFromList([], jobs), new RngFactory(1), { checkInvariants: true });
}

const records = (s: RunSummary): JobRecords => s.jobs as JobRecords;

describe("a preemption evicts exactly the lowest-priority tasks (monolithic, zero think time)", () => {
  // One machine of 8 CPUs. A (priority 1) takes 4 CPUs at 0 s, B (priority 0) 2 at 1 s, C
  // (priority 0) 2 at 2 s: the machine is full. D (service, priority 5) arrives at 10 s with 3
  // tasks of 1 CPU for 50 s and does not fit. Victims in eviction order: priority 0 before
  // priority 1, the youngest first: C's 2 tasks (started 2 s), then B's (1 s), then A's. D's
  // three tasks evict C, C, B: A, the higher priority, keeps all 4 tasks.
  //
  // Lost work: C's 2 tasks ran 10 − 2 = 8 s each, B's one 10 − 1 = 9 s: 2·8 + 9 = 25 task-s.
  // B and C were fully scheduled: they are pending again and back in the queue at 10 s (C first:
  // evicted first). Nothing lower than priority 0 runs, so they find no room and retry every
  // second (10, 11, …, 59 s: 50 failed attempts) until D ends at 10 + 50 = 60 s and frees
  // 3 CPUs: C takes 2, B takes 1. Attempts: 1 at submission + 50 + 1 = 52 each. D never waits.
  const jobs = [
    handJob(0, 0, 4, { priority: 1, durationUs: 100e6 }),
    handJob(1, 1, 2, { priority: 0, durationUs: 100e6 }),
    handJob(2, 2, 2, { priority: 0, durationUs: 100e6 }),
    handJob(3, 10, 3, { kind: "service", priority: 5, durationUs: 50e6 }),
  ];
  const cell = { cluster: { machines: 1, cpus: 8, memGb: 16 } };

  it("evicts C's two tasks and one of B's, re-queues both, and they finish placing at 60 s", () => {
    const s = run(jobs, { ...cell, horizonUs: 200e6 });
    const r = records(s);
    expect(r.fullyScheduledSec).toEqual([0, 60, 60, 10]);
    expect(r.attempts).toEqual([1, 52, 52, 1]);
    expect(r.outcome).toEqual(["fully-scheduled", "fully-scheduled", "fully-scheduled", "fully-scheduled"]);
    expect(s.workloads.batch?.preemptions).toBe(3);
    expect(s.workloads.batch?.preemptedTaskSec).toBe(25);
    expect(s.workloads.service?.preemptions).toBe(0);
    expect(s.workloads.service?.preemptedTaskSec).toBe(0);
    // B's full wait restarts: submit 1 s → all placed again at 60 s; C's 2 s → 60 s; A 0, D 0.
    expect(s.workloads.batch?.waitFullSec.mean).toBeCloseTo((0 + 59 + 58) / 3, 9);
  });

  it("the task timeline ends evicted tasks at the eviction", () => {
    const s = run(jobs, { ...cell, horizonUs: 200e6, metrics: { samplePeriodUs: 10e6, timeline: true } });
    const rows = (s.timeline?.tasks ?? []).map((t) => `${t.jobId}:${t.startSec}-${t.endSec}`);
    // A: 4 × [0, 100); B: one [1, 10) evicted, one [1, 101), one re-placed [60, 160); C: two
    // [2, 10) evicted, two re-placed [60, 160); D: 3 × [10, 60).
    expect(rows.sort()).toEqual(
      [
        ...Array(4).fill("0:0-100"),
        "1:1-10",
        "1:1-101",
        "1:60-160",
        ...Array(2).fill("2:2-10"),
        ...Array(2).fill("2:60-160"),
        ...Array(3).fill("3:10-60"),
      ].sort(),
    );
  });

  it("a job evicted and not placed again by the horizon is pending, counted once", () => {
    // Horizon 30 s: B and C are still retrying.
    const s = run(jobs, { ...cell, horizonUs: 30e6 });
    const r = records(s);
    expect(r.outcome).toEqual(["fully-scheduled", "pending", "pending", "fully-scheduled"]);
    expect(r.fullyScheduledSec).toEqual([0, null, null, 10]);
    const b = s.workloads.batch;
    expect([b?.submitted, b?.fullyScheduled, b?.pending, b?.abandoned]).toEqual([3, 1, 2, 0]);
    expect(b?.waitFullSec.censored).toBe(2);
  });

  it("with preemption off, D waits for A's end at 100 s and no preemption metric is reported", () => {
    // No eviction: D retries every second from 10 s. At 100 s A ends (4 CPUs free): D places
    // all 3 tasks at 100 s. Attempts: 10, 11, …, 100 s = 91.
    const s = run(jobs, { ...cell, horizonUs: 200e6 }, MONOLITHIC, false);
    expect(records(s).fullyScheduledSec).toEqual([0, 1, 2, 100]);
    expect(records(s).attempts).toEqual([1, 1, 1, 91]);
    // The metrics exist only with preemption on: results of other runs keep their shape.
    expect(s.workloads.batch).not.toHaveProperty("preemptions");
    expect(s.workloads.batch).not.toHaveProperty("preemptedTaskSec");
  });

  it("workloads.csv gets the two columns only when a run has them", () => {
    const off = {
      runId: "000-s1",
      seed: 1,
      params: {},
      summary: run(jobs, { ...cell, horizonUs: 200e6 }, MONOLITHIC, false),
    };
    const on = { ...off, runId: "001-s1", summary: run(jobs, { ...cell, horizonUs: 200e6 }) };
    const header = (text: string) => (text.split("\n")[0] as string).split(",");
    expect(header(workloadsCsv([off], []))).not.toContain("preemptions");
    const both = workloadsCsv([off, on], []).trimEnd().split("\n");
    expect((both[0] as string).split(",").slice(-2)).toEqual(["preemptions", "preemptedTaskSec"]);
    // Rows: off batch, off service, on batch, on service.
    expect(both.slice(1).map((row) => row.split(",").slice(-2).join(","))).toEqual([",", ",", "3,25", "0,0"]);
  });
});

describe("which machine a preemption picks", () => {
  // Two machines of 4 CPUs. A 2-CPU task of priority 5 arrives at 10 s on a full cell.
  const two = { cluster: { machines: 2, cpus: 4, memGb: 16 }, horizonUs: 20e6 };
  const preemptor = handJob(9, 10, 1, { kind: "service", priority: 5, cpusPerTask: 2, durationUs: 100e6 });

  it("among equal priorities, the machine where the fewest tasks die", () => {
    // First-fit: A (priority 0, one 2-CPU task) and B (priority 0, one 2-CPU task) fill machine
    // 0; C (priority 0, four 1-CPU tasks) fills machine 1. Machine 0 frees 2 CPUs by evicting
    // one task (B, the younger), machine 1 needs two of C's: cost (0, 1) < (0, 2). One task dies.
    const jobs = [
      handJob(0, 0, 1, { priority: 0, cpusPerTask: 2, durationUs: 100e6 }),
      handJob(1, 1, 1, { priority: 0, cpusPerTask: 2, durationUs: 100e6 }),
      handJob(2, 2, 4, { priority: 0, durationUs: 100e6 }),
      preemptor,
    ];
    const s = run(jobs, two);
    // B lost 10 − 1 = 9 s of work and is pending again; A and C keep running.
    expect(records(s).outcome).toEqual(["fully-scheduled", "pending", "fully-scheduled", "fully-scheduled"]);
    expect(s.workloads.batch?.preemptions).toBe(1);
    expect(s.workloads.batch?.preemptedTaskSec).toBe(9);
  });

  it("a lower priority beats fewer tasks killed", () => {
    // Now A and B have priority 1: machine 0 costs (1, 1), machine 1 (C, priority 0) costs
    // (0, 2). Machine 1 wins although two tasks die there (C's tasks, all one group started at
    // 2 s): 2 × (10 − 2) = 16 task-s lost.
    const jobs = [
      handJob(0, 0, 1, { priority: 1, cpusPerTask: 2, durationUs: 100e6 }),
      handJob(1, 1, 1, { priority: 1, cpusPerTask: 2, durationUs: 100e6 }),
      handJob(2, 2, 4, { priority: 0, durationUs: 100e6 }),
      preemptor,
    ];
    const s = run(jobs, two);
    expect(records(s).outcome).toEqual(["fully-scheduled", "fully-scheduled", "pending", "fully-scheduled"]);
    expect(s.workloads.batch?.preemptions).toBe(2);
    expect(s.workloads.batch?.preemptedTaskSec).toBe(16);
  });

  it("never evicts an equal or higher priority", () => {
    // Everything runs at priority 5 like the preemptor: nothing can be evicted, it waits.
    const jobs = [
      handJob(0, 0, 1, { priority: 5, cpusPerTask: 2, durationUs: 100e6 }),
      handJob(1, 1, 1, { priority: 5, cpusPerTask: 2, durationUs: 100e6 }),
      handJob(2, 2, 4, { priority: 6, durationUs: 100e6 }),
      preemptor,
    ];
    const s = run(jobs, two);
    expect(records(s).outcome).toEqual(["fully-scheduled", "fully-scheduled", "fully-scheduled", "pending"]);
    expect(s.workloads.batch?.preemptions).toBe(0);
  });
});

describe("shared state: a preempting commit conflicts like any other claim", () => {
  // One machine of 4 CPUs; a batch and a service scheduler, batch thinking 0 s, service 10 s
  // per job. At 0 s B (priority 0) takes 2 × 1 CPU and Y (priority 9) 1.5 CPU: 0.5 CPU free.
  // S (service, priority 5, one 1.5-CPU task) arrives at 1 s and takes its snapshot then. At
  // 6 s X (priority 0, 0.5 CPU) takes the last 0.5 CPU. At 11 s S decides on its snapshot:
  // 0.5 free plus one of B's tasks (1 CPU) = 1.5: evict one B task (Y is higher than S; X is
  // not in the snapshot). The commit finds 0 free + 1 freed = 1 < 1.5 (fine) — or machine 0
  // claimed since the snapshot (coarse) — so it conflicts and evicts nothing.
  // S retries at 12 s (snapshot at 12 s, decision at 22 s): victims now X (started 6 s, the
  // youngest) then B: evicting X frees 0.5, one B task 1 more: 1.5 fits. It commits at 22 s.
  // Lost work: X ran 22 − 6 = 16 s, the B task 22 − 0 = 22 s: 38 task-s. X and B are pending
  // again and find no room until the horizon (30 s).
  const jobs = [
    handJob(0, 0, 2, { priority: 0, durationUs: 1000e6 }),
    handJob(1, 0, 1, { priority: 9, cpusPerTask: 1.5, durationUs: 1000e6 }),
    handJob(2, 1, 1, { kind: "service", priority: 5, cpusPerTask: 1.5, durationUs: 1000e6 }),
    handJob(3, 6, 1, { priority: 0, cpusPerTask: 0.5, durationUs: 1000e6 }),
  ];
  const shared = (conflictMode: "fine" | "coarse"): ArchitectureBlock => ({
    type: "shared-state",
    schedulers: { batch: 1, service: 1 },
    conflictMode,
    transactionMode: "incremental",
    decisionTime: { batch: ZERO, service: { perJob: "10s", perTask: "0s" } },
  });

  it.each(["fine", "coarse"] as const)("%s: the first commit conflicts and evicts nothing", (mode) => {
    const s = run(jobs, { cluster: { machines: 1, cpus: 4, memGb: 16 }, horizonUs: 30e6 }, shared(mode));
    const r = records(s);
    expect(r.fullyScheduledSec).toEqual([null, 0, 22, null]);
    expect(r.outcome).toEqual(["pending", "fully-scheduled", "fully-scheduled", "pending"]);
    expect(s.workloads.batch?.preemptions).toBe(2);
    expect(s.workloads.batch?.preemptedTaskSec).toBe(38);
    const service = s.schedulers.find((x) => x.name === "omega-service-0");
    expect(service?.transactions).toEqual({ committed: 1, conflicted: 1 });
    expect(service?.wastedConflictSec).toBe(10);
  });
});
