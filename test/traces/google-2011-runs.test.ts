import { describe, expect, it } from "vitest";
import type { JobSpec } from "../../src/cluster/job.js";
import { readGoogle2011 } from "../../src/workloads/traces/google-2011.js";

/**
 * The google-2011 reader's event-keeping mode (`keepTaskEvents`) on a hand-made shard,
 * test/fixtures/traces/google-2011/task_events-runs.csv (times in µs; the last row is at 10 s):
 *
 * job 100 (priority 2, class 0 → batch), submitted at 1 s, four tasks:
 *   task 0: SCHEDULE 2 s, EVICT 5 s, re-SUBMIT, SCHEDULE 6 s, FINISH 9 s   → runs 3 s evict, 3 s finish
 *   task 1: SCHEDULE 2 s, FAIL 4 s, SCHEDULE 4.5 s, LOST 7.5 s, SCHEDULE 8 s, KILL 10 s
 *                                                 → runs 2 s fail, 3 s lost, 2 s kill
 *   task 2: SCHEDULE 3 s, never ends              → censored at the last row: 7 s
 *   task 3: SUBMIT only                           → never ran
 * job 200 (priority 9, class 3 → service): task 0 running in the t = 0 snapshot, EVICT 2 s,
 *   re-SUBMIT, SCHEDULE 3 s, FINISH 4 s           → prefill; runs 2 s evict, 1 s finish
 */

const FILE = "test/fixtures/traces/google-2011/task_events-runs.csv";
const S = 1_000_000;

const byId = (list: readonly JobSpec[], id: number): JobSpec | undefined => list.find((j) => j.id === id);
const withoutRuns = (list: readonly JobSpec[]): JobSpec[] => list.map(({ taskRuns: _runs, ...rest }) => rest);

describe("google-2011 event-keeping mode", () => {
  it("a task's EVICT then re-SCHEDULE then FINISH becomes two runs: evict, then finish", async () => {
    const r = await readGoogle2011(FILE, { keepTaskEvents: true });
    const job = byId(r.jobs, 100);
    // Collapsed duration as in the default: task sums 6 s, 7 s, 7 s → mean 6,666,666.7 µs.
    expect(job).toMatchObject({
      kind: "batch",
      tasks: 4,
      submitUs: 1 * S,
      durationUs: 6_666_667,
      priority: 2,
    });
    expect(job?.taskRuns).toEqual([
      [
        { durationUs: 3 * S, end: "evict" },
        { durationUs: 3 * S, end: "finish" },
      ],
      [
        { durationUs: 2 * S, end: "fail" },
        { durationUs: 3 * S, end: "lost" },
        { durationUs: 2 * S, end: "kill" },
      ],
      [{ durationUs: 7 * S, end: "censored" }],
      // Never ran: the job's collapsed duration, as the default gives such a task.
      [{ durationUs: 6_666_667, end: "finish" }],
    ]);
  });

  it("a prefill task keeps its later runs (the default drops them, counted)", async () => {
    const keep = await readGoogle2011(FILE, { keepTaskEvents: true });
    expect(byId(keep.prefill, 200)).toMatchObject({
      kind: "service",
      tasks: 1,
      durationUs: 2 * S,
      priority: 9,
    });
    expect(byId(keep.prefill, 200)?.taskRuns).toEqual([
      [
        { durationUs: 2 * S, end: "evict" },
        { durationUs: 1 * S, end: "finish" },
      ],
    ]);
    expect(keep.dropped).toEqual({});
    const plain = await readGoogle2011(FILE);
    expect(plain.dropped).toEqual({
      "task runs starting after the window start, in jobs already running there": 1,
    });
  });

  it("the default is the same jobs without taskRuns", async () => {
    const keep = await readGoogle2011(FILE, { keepTaskEvents: true });
    const plain = await readGoogle2011(FILE);
    expect([...plain.prefill, ...plain.jobs].some((j) => "taskRuns" in j)).toBe(false);
    expect(withoutRuns(keep.prefill)).toEqual(plain.prefill);
    expect(withoutRuns(keep.jobs)).toEqual(plain.jobs);
  });

  it("a later window start clips the runs spanning it and drops the runs that ended before", async () => {
    // From 5.5 s: task 0's first run ended at 5 s (gone), its second starts at 6 s (after the
    // start: a run of a job already running there). Task 1 (4.5 → 7.5 s, then 8 → 10 s) and
    // task 2 (3 s → censored at 10 s) are running at 5.5 s: job 100 becomes a prefill job of
    // those two, with residuals 2 s and 4.5 s (mean 3.25 s). Job 200 ended before the start.
    const r = await readGoogle2011(FILE, { keepTaskEvents: true, fromUs: 5.5 * S });
    expect(r.jobs).toEqual([]);
    expect(r.prefill.map((j) => j.id)).toEqual([100]);
    expect(r.prefill[0]).toMatchObject({ tasks: 2, durationUs: 3.25 * S, prefill: true });
    expect(r.prefill[0]?.taskRuns).toEqual([
      [
        { durationUs: 2 * S, end: "lost" },
        { durationUs: 2 * S, end: "kill" },
      ],
      [{ durationUs: 4.5 * S, end: "censored" }],
    ]);
    // Task 0's run from 6 s is still dropped (it is not one of the prefill tasks).
    expect(r.dropped).toEqual({
      "task runs starting after the window start, in jobs already running there": 1,
    });
  });

  it("on the real sample: one non-empty run list per task, the jobs otherwise as the default", async () => {
    const sample = "traces/google-2011-sample/task_events-*.csv.gz";
    const keep = await readGoogle2011(sample, { keepTaskEvents: true });
    const plain = await readGoogle2011(sample);
    expect(withoutRuns(keep.jobs)).toEqual(plain.jobs);
    expect(withoutRuns(keep.prefill)).toEqual(plain.prefill);
    for (const job of [...keep.prefill, ...keep.jobs]) {
      expect(job.taskRuns).toHaveLength(job.tasks);
      expect(job.taskRuns?.every((runs) => runs.length > 0)).toBe(true);
    }
    // A prefill job's collapsed duration is the mean of its tasks' first (residual) runs.
    for (const job of keep.prefill) {
      const first = (job.taskRuns ?? []).map((runs) => runs[0]!.durationUs);
      expect(Math.max(1, Math.round(first.reduce((a, b) => a + b, 0) / first.length))).toBe(job.durationUs);
    }
  });
});
