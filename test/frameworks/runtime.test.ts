import { describe, expect, it } from "vitest";
import type { FrameworkJob, JobSpec } from "../../src/cluster/job.js";
import type { RunConfig } from "../../src/experiment/config.js";
import { job } from "../helpers/configs.js";
import { groupsOf, runJobs, sec, timelineConfig } from "./timeline.js";

/**
 * Hand-worked timelines of the frameworks' runtime in the model: barriers, start deadlines,
 * jobs ended by another's completion, scaling. Monolithic, first-fit, 1 s per job decision,
 * nothing per task, retry after 1 s.
 */

function config(machines: number, horizonSec: number): RunConfig {
  return timelineConfig(machines, horizonSec);
}

function fw(app: number, over: Partial<FrameworkJob> = {}): FrameworkJob {
  return { framework: "test", app, appJobs: 1, appSubmitUs: 0, aloneUs: sec(1), ...over };
}

/** Runs the jobs; returns the summary and every task group started: [jobId, machines, startSec, endSec]. */
function run(cfg: RunConfig, jobs: JobSpec[]) {
  const { summary, started } = runJobs(cfg, jobs);
  return { summary, groups: groupsOf(started) };
}

describe("a phase barrier", () => {
  // Job 0: 2 tasks × 10 s; job 1 (after job 0): 1 task × 5 s; both submitted at 0.
  //   0 s  job 0's attempt; 1 s: its tasks start, end at 11 s. Job 1 waits behind the barrier.
  //  11 s  job 0 completes: job 1 is released (submitted now); attempt 11–12 s.
  //  12 s  job 1's task starts, ends at 17 s.
  it("releases the next phase when the last task of the previous one ends", () => {
    const jobs = [
      job(0, 0, 2, { fw: fw(0, { appJobs: 2 }) }),
      job(1, 0, 1, { durationUs: sec(5), fw: fw(0, { appJobs: 2, after: [0] }) }),
    ];
    const { groups } = run(config(1, 100), jobs);
    expect(groups).toEqual([
      [0, 2, 1, 11],
      [1, 1, 12, 17],
    ]);
  });

  it("cancels the next phase when the previous one is skipped", () => {
    // Cell: 1 machine × 4 CPUs, held by job 0 (4 tasks × 100 s) from 1 s. Job 1 must start by
    // 5 s: its attempts at 1–2 and 3–4 place nothing, and at 5 s it is skipped; job 2 comes after
    // job 1 and is cancelled with it (never submitted).
    const jobs = [
      job(0, 0, 4, { durationUs: sec(100) }),
      job(1, 0, 1, { fw: fw(1, { appJobs: 2, startByUs: sec(5) }) }),
      job(2, 0, 1, { fw: fw(1, { appJobs: 2, after: [1] }) }),
    ];
    const { summary, groups } = run(config(1, 50), jobs);
    expect(groups).toEqual([[0, 4, 1, 101]]);
    expect(summary.jobs?.outcome).toEqual(["fully-scheduled", "skipped"]);
    expect(summary.jobs?.attempts).toEqual([1, 3]);
  });
});

describe("a job ended by another's completion", () => {
  // Job 0: 2 executors × 1 CPU for 1000 s (ends with job 1); job 1: 1 task × 20 s.
  //   0–1 s job 0's attempt: 2 tasks start at 1 s. 1–2 s job 1's attempt: starts at 2 s, ends 22 s.
  //  22 s  job 1 completes: job 0's tasks stop; its CPU-seconds are 2 × 21 s.
  it("stops its running tasks at that instant", () => {
    const jobs = [
      job(0, 0, 2, { durationUs: sec(1000), fw: fw(0, { appJobs: 2, endsWith: 1 }) }),
      job(1, 0, 1, { durationUs: sec(20), fw: fw(0, { appJobs: 2 }) }),
    ];
    const { summary } = run(config(1, 100), jobs);
    // Busy CPU·s: 2 × 21 + 1 × 20 = 62 over 4 CPUs × 100 s.
    expect(summary.cell.utilization.cpu).toBeCloseTo(62 / 400, 9);
  });
});
