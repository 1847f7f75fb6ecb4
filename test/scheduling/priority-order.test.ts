import { describe, expect, it } from "vitest";
import { PriorityJobQueue } from "../../src/cluster/priority-queue.js";
import { JobState } from "../../src/cluster/job-state.js";
import { simulateWorkload } from "../../src/experiment/run-one.js";
import { RngFactory } from "../../src/engine/rng.js";
import { workloadFromList } from "../../src/workloads/source.js";
import { cellConfig, handJob } from "../../src/testing/busy-cell.js";
import type { JobRecords } from "../../src/metrics/summary.js";

describe("PriorityJobQueue", () => {
  const job = (index: number, priority?: number) =>
    new JobState(index, handJob(index, 0, 1, priority === undefined ? {} : { priority }));

  it("serves the highest priority first, FIFO within a priority; no priority counts as 0", () => {
    const q = new PriorityJobQueue();
    for (const [i, p] of [
      [0, 1],
      [1, undefined],
      [2, 9],
      [3, 1],
      [4, 0],
      [5, 9],
    ] as const)
      q.push(job(i, p));
    expect(q.size).toBe(6);
    const order: number[] = [];
    for (let j = q.shift(); j !== undefined; j = q.shift()) order.push(j.index);
    expect(order).toEqual([2, 5, 0, 3, 1, 4]);
    expect(q.size).toBe(0);
    expect(q.shift()).toBeUndefined();
  });

  it("keeps FIFO order across interleaved pushes and shifts", () => {
    const q = new PriorityJobQueue();
    q.push(job(0, 2));
    q.push(job(1, 3));
    expect(q.shift()?.index).toBe(1);
    q.push(job(2, 2));
    q.push(job(3, 3));
    expect([q.shift()?.index, q.shift()?.index, q.shift()?.index]).toEqual([3, 0, 2]);
  });
});

describe("scheduling.priorityOrder in a scheduler's queue", () => {
  // Monolithic, 1 s per job, a cell with room for everything. A (priority 0) arrives at 0 s and
  // is decided over [0, 1). B (0), C (5), D (5) arrive at 0.1, 0.2 and 0.3 s and queue.
  // FIFO: B at 1 s, C at 2 s, D at 3 s. Priority order: C at 1 s, D at 2 s (FIFO among the
  // 5s), B last at 3 s.
  const jobs = [
    handJob(0, 0, 1, { priority: 0 }),
    handJob(1, 0.1, 1, { priority: 0 }),
    handJob(2, 0.2, 1, { priority: 5 }),
    handJob(3, 0.3, 1, { priority: 5 }),
  ];
  const firstAttempts = (priorityOrder: boolean) => {
    const one = { perJob: "1s", perTask: "0s" };
    const config = cellConfig(
      { type: "monolithic", decisionTime: { batch: one, service: one } },
      {
        horizonUs: 60e6,
        metrics: { samplePeriodUs: 10e6, jobs: true },
        ...(priorityOrder ? { scheduling: { priorityOrder, preemption: false } } : {}),
      },
    );
    const s = simulateWorkload(config, workloadFromList([], jobs), new RngFactory(1));
    return (s.jobs as JobRecords).firstAttemptSec;
  };

  it("FIFO by default", () => expect(firstAttempts(false)).toEqual([0, 1, 2, 3]));
  it("highest priority first when on", () => expect(firstAttempts(true)).toEqual([0, 3, 1, 2]));
});
