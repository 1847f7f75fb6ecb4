import { describe, expect, it } from "vitest";
import type { JobSpec, Locality } from "../../src/cluster/job.js";
import type { RetryRule } from "../../src/cluster/decision.js";
import type { RunConfig } from "../../src/experiment/config.js";
import { job } from "../helpers/configs.js";
import { runJobs, sec, timelineConfig } from "./timeline.js";

/**
 * Hand-worked timelines of delay scheduling (Zaharia et al., EuroSys 2010). Cell: 2 machines ×
 * 1 CPU; monolithic, first-fit, 1 s per job decision, nothing per task, retry after 1 s. Job A
 * (plain, submitted first) holds machine 0; job B (one task whose block is only on machine 0,
 * 10 s locally, 20 s remotely) arrives with it. Machine 1 is free all along.
 */

/** Delay scheduling is installed for workloads with framework jobs (this list has one). */
function config(retry?: RetryRule): RunConfig {
  return timelineConfig(2, 100, { cpus: 1, memGb: 4, ...(retry ? { retry } : {}) });
}

/** A plain job A holding machine 0 for `holdSec`, and job B waiting up to `delaySec` for it. */
function jobs(holdSec: number, delaySec: number): JobSpec[] {
  const locality: Locality = { replicas: [[0]], remoteFactor: 2, delayUs: sec(delaySec) };
  const fw = { framework: "hadoop", app: 1, appJobs: 1, appSubmitUs: 0, aloneUs: sec(10), locality };
  return [job(0, 0, 1, { durationUs: sec(holdSec) }), job(1, 0, 1, { durationUs: sec(10), fw })];
}

/** Runs; returns every task group started as [jobId, machine, startSec, endSec]. */
function run(cfg: RunConfig, list: JobSpec[]) {
  const { summary, started } = runJobs(cfg, list);
  return { summary, groups: started.map((g) => [g.id, g.machines[0] as number, g.startSec, g.endSec]) };
}

describe("delay scheduling", () => {
  // A: attempt 0–1 s, runs on machine 0 from 1 to 3.5 s. B (delay 5 s, waiting since 0 s):
  //   1–2 s  attempt: only machine 0 may take it, and it is full → nothing; retry at
  //          min(2 + 1, 0 + 5) = 3 s.
  //   3–4 s  attempt: machine 0 freed at 3.5 s → B starts there at 4 s, locally: ends 14 s.
  it("takes a local slot that frees before the delay ends", () => {
    const { groups, summary } = run(config(), jobs(2.5, 5));
    expect(groups).toEqual([
      [0, 0, 1, 3.5],
      [1, 0, 4, 14],
    ]);
    expect(summary.jobs?.attempts).toEqual([1, 2]);
  });

  // Without a delay, B's first attempt (1–2 s) places it on the free machine 1, remotely:
  // 2 s + 2 × 10 s = 22 s.
  it("runs remotely at once without a delay", () => {
    const { groups } = run(config(), jobs(2.5, 0));
    expect(groups).toEqual([
      [0, 0, 1, 3.5],
      [1, 1, 2, 22],
    ]);
  });

  // A holds machine 0 until 101 s. B's delay is 4.5 s, and the retry rule abandons a job after
  // 2 attempts without progress:
  //   1–2 s    attempt 1: waiting (2 s < 4.5 s) → nothing; retry at min(3, 4.5) = 3 s.
  //   3–4 s    attempt 2: waiting (4 s < 4.5 s) → nothing; 2 attempts without progress, but a
  //            job waiting for locality is not abandoned: retry at min(5, 4.5) = 4.5 s.
  //   4.5–5.5  attempt 3: the wait is over (5.5 s ≥ 4.5 s) → machine 1, remotely: 5.5–25.5 s.
  it("runs non-locally once the delay is over, retried when it ends and never abandoned while waiting", () => {
    const retry = { retryDelayUs: sec(1), maxAttempts: 1000, maxAttemptsWithoutProgress: 2 };
    const { groups, summary } = run(config(retry), jobs(100, 4.5));
    expect(groups).toEqual([
      [0, 0, 1, 101],
      [1, 1, 5.5, 25.5],
    ]);
    expect(summary.jobs?.attempts).toEqual([1, 3]);
    expect(summary.jobs?.outcome).toEqual(["fully-scheduled", "fully-scheduled"]);
  });

  // 3 machines × 1 CPU (a third machine added to the cell). Job B alone: task 0's block is on
  // machines 0 and 1, task 1's on machine 2; delay 5 s. Attempt 0–1 s, first-fit on the machines
  // holding pending blocks (0, 1, 2), one task each:
  //   round 1: 2 tasks → machines 0 and 1. Both could only run task 0 locally: machine 0 keeps
  //            it, machine 1 is dropped (it would run task 1 remotely).
  //   round 2: 1 task on the machines not tried (2) → machine 2, task 1, local.
  // Both start at 1 s locally: one group on machines 0 and 2, 1–11 s.
  it("never places two tasks that count on one block while waiting", () => {
    const cfg = { ...config(), cluster: { machines: 3, cpus: 1, memGb: 4 } };
    const locality: Locality = { replicas: [[0, 1], [2]], remoteFactor: 2, delayUs: sec(5) };
    const fw = { framework: "hadoop", app: 0, appJobs: 1, appSubmitUs: 0, aloneUs: sec(10), locality };
    const { started } = runJobs(cfg, [job(0, 0, 2, { fw })]);
    expect(started.map((g) => [g.machines, g.startSec, g.endSec])).toEqual([[[0, 2], 1, 11]]);
  });
});
