import { describe, expect, it } from "vitest";
import { planFromJson } from "../../src/experiment/plan.js";
import { runOne, simulateWorkload } from "../../src/experiment/run-one.js";
import { RngFactory } from "../../src/engine/rng.js";
import { InputError } from "../../src/engine/errors.js";
import { workloadsCsv } from "../../src/experiment/tidy-tables.js";
import { handJob } from "../../src/testing/busy-cell.js";
import { workloadFromList } from "../../src/workloads/source.js";
import type { JobRecords, RunSummary } from "../../src/metrics/summary.js";

/**
 * The Google 2011 reader's event-keeping mode replayed end to end (`runOne`) on the hand-made
 * shard test/fixtures/traces/google-2011/task_events-runs.csv (see google-2011-runs.test.ts for
 * its runs). Job 100 (batch, submitted at 1 s, four tasks of 0.5 CPU):
 *   task 0: 3 s evict, 3 s finish;  task 1: 2 s fail, 3 s lost, 2 s kill;
 *   task 2: 7 s censored;           task 3: never ran → one run of the collapsed 6.666667 s.
 * Job 200 is prefill (not replayed: prefill tasks are untracked). One machine of 8 CPUs has room
 * for all; monolithic with no think time, so every placement happens the instant a job is queued:
 *   1 s all four placed; 3 s task 1 fails → placed again at 3 s, runs to 6 s, lost → placed again
 *   at 6 s, runs to 8 s (kill: its last run); 4 s task 0 evicted → placed again at 4 s, finishes
 *   at 7 s. The job was fully scheduled last at 6 s, after 1 + 3 attempts.
 * Re-runs: one preemption (3 task-s thrown away), two lost tasks (2 + 3 = 5 task-s).
 */

const TRACE = "test/fixtures/traces/google-2011/task_events-runs.csv";
const ZERO = { perJob: "0s", perTask: "0s" };

function experiment(workload: Record<string, unknown>, over: Record<string, unknown> = {}) {
  return {
    name: "replay",
    horizon: "60s",
    cluster: { machines: 1, cpus: 8, memGb: 32 },
    architecture: { type: "monolithic", decisionTime: { batch: ZERO, service: ZERO } },
    placement: "first-fit",
    metrics: { jobs: true },
    workload: { trace: TRACE, format: "google-2011", ...workload },
    ...over,
  };
}

async function replay(keepTaskEvents: boolean): Promise<RunSummary> {
  const plan = planFromJson(experiment(keepTaskEvents ? { keepTaskEvents } : {}), "x.json");
  return runOne((plan.runs[0] as (typeof plan.runs)[number]).config, 1, { checkInvariants: true });
}

describe("google-2011 keepTaskEvents through runOne", () => {
  it("counts the trace's evictions as preemptions and its failures as lost tasks", async () => {
    const s = await replay(true);
    const b = s.workloads.batch;
    expect([b?.preemptions, b?.preemptedTaskSec, b?.tasksLost, b?.lostTaskSec]).toEqual([1, 3, 2, 5]);
    expect([b?.submitted, b?.fullyScheduled, b?.pending, b?.abandoned]).toEqual([1, 1, 0, 0]);
    const r = s.jobs as JobRecords;
    expect(r.fullyScheduledSec).toEqual([6]);
    expect(r.attempts).toEqual([4]);
    // The prefill service job is not replayed: nothing counted for services.
    const v = s.workloads.service;
    expect([v?.preemptions, v?.preemptedTaskSec, v?.tasksLost, v?.lostTaskSec]).toEqual([0, 0, 0, 0]);
  });

  it("records the trace's censored jobs: job 100 (task 2 never ends), not prefill job 200", async () => {
    // Job 200's t = 0 run was evicted at 2 s; its later run (3 s → FINISH 4 s) ended in the trace.
    expect((await replay(false)).trace).toEqual({ censoredJobs: 1 });
    // Window end 1.5 s: job 200 is still in its t = 0 run (evicted only at 2 s), censored; job 100
    // has no run yet (its first SCHEDULE is at 2 s) and is dropped.
    const plan = planFromJson(experiment({ to: "1.5s" }), "x.json");
    const s = await runOne((plan.runs[0] as (typeof plan.runs)[number]).config, 1);
    expect(s.trace).toEqual({ censoredJobs: 1 });
    expect(s.workloads.batch?.submitted).toBe(0);
  });

  it("workloads.csv gets the re-run columns only when a run has them", async () => {
    const on = { runId: "001-s1", seed: 1, params: {}, summary: await replay(true) };
    const off = { ...on, runId: "000-s1", summary: await replay(false) };
    const lines = (text: string) => text.trimEnd().split("\n");
    expect(lines(workloadsCsv([off], []))[0]).not.toContain("tasksLost");
    const both = lines(workloadsCsv([off, on], []));
    expect((both[0] as string).split(",").slice(-4)).toEqual([
      "tasksLost",
      "lostTaskSec",
      "preemptions",
      "preemptedTaskSec",
    ]);
    // Rows: off batch, off service, on batch, on service.
    expect(both.slice(1).map((row) => row.split(",").slice(-4).join(","))).toEqual([
      ",,,",
      ",,,",
      "2,5,1,3",
      "0,0,0,0",
    ]);
  });

  it("without the option the same trace replays collapsed durations, with no re-run metric", async () => {
    const s = await replay(false);
    const r = s.jobs as JobRecords;
    expect(r.fullyScheduledSec).toEqual([1]);
    expect(r.attempts).toEqual([1]);
    expect(s.workloads.batch).not.toHaveProperty("preemptions");
    expect(s.workloads.batch).not.toHaveProperty("tasksLost");
  });

  it("refuses keepTaskEvents with machine failures, naming the field", () => {
    const machines = { timeToFailure: { constant: "1d" }, timeToRepair: { constant: "1h" } };
    expect(() =>
      planFromJson(experiment({ keepTaskEvents: true }, { failures: { machines } }), "x.json"),
    ).toThrow(
      /^x\.json: failures\.machines: machine failures cannot be combined with workload\.keepTaskEvents/,
    );
    // Without the option, or with scheduler failover only, the plan is fine.
    expect(() => planFromJson(experiment({}, { failures: { machines } }), "x.json")).not.toThrow();
  });

  it("the model refuses a job with taskRuns when machines can fail (a workload built in code)", () => {
    const machines = { timeToFailure: { constant: "1d" }, timeToRepair: { constant: "1h" } };
    const plan = planFromJson(experiment({}, { failures: { machines } }), "x.json");
    const config = (plan.runs[0] as (typeof plan.runs)[number]).config;
    const job = handJob(7, 0, 1, { taskRuns: [[{ durationUs: 1e6, end: "finish" }]] });
    const go = () => simulateWorkload(config, workloadFromList([], [job]), new RngFactory(1));
    expect(go).toThrow(InputError);
    expect(go).toThrow(
      "failures: machine failures cannot be combined with trace task runs (job 7 has taskRuns",
    );
  });
});
