import { describe, expect, it } from "vitest";
import type { JobSpec } from "../../src/cluster/job.js";
import type { MachineEvent } from "../../src/cluster/machine-event.js";
import { RngFactory } from "../../src/engine/rng.js";
import type { FailureSpec, RunConfig } from "../../src/experiment/config.js";
import { simulateWorkload } from "../../src/experiment/run-one.js";
import { cellConfig } from "../../src/testing/busy-cell.js";
import type { Sampler } from "../../src/workloads/spec.js";
import { workloadFromList } from "../../src/workloads/source.js";
import { job } from "../helpers/configs.js";

/**
 * Hand-worked failure timelines. Monolithic, first-fit (deterministic), decision time 1 s per job
 * and nothing per task, retry after 1 s: every number below is worked out in the comments.
 */

const sec = (s: number) => s * 1e6;
const fixed = (s: number): Sampler => ({ dist: { type: "constant", value: sec(s) }, ceil: false });

function config(machines: number, horizonSec: number, failures: FailureSpec): RunConfig {
  return cellConfig(
    { type: "monolithic", decisionTime: { perJob: "1s", perTask: "0s" } },
    {
      horizonUs: sec(horizonSec),
      cluster: { machines, cpus: 4, memGb: 16 },
      placement: "first-fit",
      failures,
      metrics: { samplePeriodUs: sec(10), jobs: true },
    },
  );
}

/** Runs the jobs; returns the summary and every task group started: [machines, startSec, endSec]. */
function run(cfg: RunConfig, jobs: JobSpec[], events: MachineEvent[] = []) {
  const groups: [number[], number, number][] = [];
  const hooks = {
    tasksStarted: (_s: JobSpec, machines: readonly number[], startUs: number, endUs: number) =>
      groups.push([[...machines], startUs / 1e6, endUs / 1e6]),
  };
  const summary = simulateWorkload(
    cfg,
    workloadFromList([], jobs),
    new RngFactory(1),
    {
      checkInvariants: true,
      hooks,
    },
    events,
  );
  return { summary, groups };
}

describe("a machine fails under a running batch job", () => {
  // Cell: 2 machines × 4 CPUs. Job 0 (batch): 4 tasks × 2 CPUs, 100 s each, submitted at 0.
  // Checkpoints every 20 s. Machine 0 goes down at 31 s and comes back at 61 s (trace events).
  //
  //   0 s   attempt 1 starts; 1 s: first-fit puts 2 tasks on machine 0, 2 on machine 1; they run
  //         to 101 s. The job is fully scheduled.
  //  31 s   machine 0 fails: its 2 tasks are lost after 30 s of work each; the last checkpoint
  //         is at 20 s, so 10 s per task is thrown away (lostTaskSec = 2 × 10 = 20) and each
  //         re-run needs 100 − 20 = 80 s. The job is pending again and re-queued at 31 s.
  //  31…61  attempts start at 31, 33, …, 61 (think 1 s, then retry 1 s later): machine 0 is down
  //         and machine 1 full, so the decisions at 32, 34, …, 60 place nothing.
  //  61 s   machine 0 comes back; the attempt that started at 61 s decides at 62 s.
  //  62 s   the 2 re-runs start on machine 0 and end at 62 + 80 = 142 s: the job's finish time.
  //         The job is fully scheduled again: its full wait is 62 s (submit → all tasks placed).
  // Attempts: 1 + 16 (those starting at 31, 33, …, 61) = 17.
  // Utilization (8 CPUs, 200 s): 8 CPUs on [1, 31), 4 on [31, 62), 8 on [62, 101), 4 on
  // [101, 142): 240 + 124 + 312 + 164 = 840 CPU·s, / 1,600 = 0.525.
  const failures: FailureSpec = {
    lostWork: { batch: { checkpointIntervalUs: sec(20) }, service: { restartDelayUs: 0 } },
  };
  const events: MachineEvent[] = [
    { timeUs: sec(31), machine: 0, kind: "down" },
    { timeUs: sec(61), machine: 0, kind: "up" },
  ];
  const { summary, groups } = run(
    config(2, 200, failures),
    [job(0, 0, 4, { cpusPerTask: 2, durationUs: sec(100) })],
    events,
  );

  it("loses the tasks at the failure time and re-runs them from the last checkpoint", () => {
    expect(groups).toEqual([
      [[0, 0, 1, 1], 1, 101],
      [[0, 0], 62, 142],
    ]);
    const batch = summary.workloads.batch;
    expect(batch?.tasksLost).toBe(2);
    expect(batch?.lostTaskSec).toBe(20);
    expect(batch?.restarts).toBe(2);
    expect(batch?.fullyScheduled).toBe(1);
    expect(batch?.pending).toBe(0);
    expect(batch?.waitFullSec.mean).toBe(62);
    expect(batch?.attemptsMean).toBe(17);
    expect(summary.cell.utilization.cpu).toBeCloseTo(0.525, 12);
    expect(summary.failures).toEqual({
      machineFailures: 1,
      domainFailures: 0,
      machineDownSec: 30,
      prefillTasksLost: 0,
    });
  });

  it("without checkpoints the whole run is thrown away and re-run", () => {
    // Same timeline; each lost task had run 30 s: lostTaskSec = 60, re-runs need 100 s: 62 → 162.
    const noCheckpoint: FailureSpec = { lostWork: { batch: {}, service: { restartDelayUs: 0 } } };
    const r = run(
      config(2, 200, noCheckpoint),
      [job(0, 0, 4, { cpusPerTask: 2, durationUs: sec(100) })],
      events,
    );
    expect(r.groups[1]).toEqual([[0, 0], 62, 162]);
    expect(r.summary.workloads.batch?.lostTaskSec).toBe(60);
  });
});

describe("a service restarted after a rack failure", () => {
  // Cell: 2 machines × 4 CPUs in one failure domain (a rack) that fails 50 s after the start and
  // is repaired 20 s later (constant times). Restart delay 5 s. Horizon 100 s.
  // Service job: 4 instances × 2 CPUs, planned to live 1,000 s, submitted at 0.
  //
  //   1 s   first-fit places the 4 instances (2 per machine); planned end 1,001 s.
  //  50 s   the rack fails: both machines down, 4 instances lost.
  //  55 s   the framework restarts them (delay 5 s): the job is re-queued; attempts at 55, 57,
  //         …, 69 decide at 56, 58, …, 70. The rack is back at 70 s (failure events run before
  //         decisions at an equal time), so the decision at 70 s places all 4 on machines 0, 0,
  //         1, 1; they run to their planned end, 1,001 s.
  // Time to recover: 70 − 50 = 20 s for each instance.
  // Availability over the run: running instance-seconds 4 × (50 − 1) + 4 × (100 − 70) = 316;
  // missing 4 × (70 − 50) = 80; desired 396; availability 316 / 396 = 0.79797…
  // Next failure of the rack: 70 + 50 = 120 s, after the horizon.
  const failures: FailureSpec = {
    domains: { size: 2, timeToFailure: fixed(50), timeToRepair: fixed(20) },
    lostWork: { batch: {}, service: { restartDelayUs: sec(5) } },
  };
  const service = job(0, 0, 4, { kind: "service", cpusPerTask: 2, durationUs: sec(1000) });
  const { summary, groups } = run(config(2, 100, failures), [service]);

  it("restarts the instances when the rack is back, and availability is 316/396", () => {
    expect(groups).toEqual([
      [[0, 0, 1, 1], 1, 1001],
      [[0, 0, 1, 1], 70, 1001],
    ]);
    const s = summary.workloads.service;
    expect(s?.tasksLost).toBe(4);
    expect(s?.restarts).toBe(4);
    expect(s?.lostTaskSec).toBe(0);
    expect(s?.timeToRecoverSec).toEqual({ mean: 20, p90: 20 });
    expect(s?.availability).toBeCloseTo(316 / 396, 12);
    expect(summary.failures).toEqual({
      machineFailures: 0,
      domainFailures: 1,
      machineDownSec: 40,
      prefillTasksLost: 0,
    });
  });

  it("a machine failing alone: the instances restart elsewhere after the delay plus one decision", () => {
    // 3 machines; machine 0 fails at 50 s (trace). First-fit had put 2 instances on machine 0
    // and 2 on machine 1. Restart at 55 s, decision at 56 s: machine 0 is down, machine 1 full,
    // machine 2 takes both. Recovery 6 s each. Running: 4 × 49 + 2 × 6 + 4 × 44 = 384 instance-s;
    // missing 2 × 6 = 12; availability 384 / 396.
    const noProcess: FailureSpec = { lostWork: { batch: {}, service: { restartDelayUs: sec(5) } } };
    const r = run(config(3, 100, noProcess), [service], [{ timeUs: sec(50), machine: 0, kind: "down" }]);
    expect(r.groups).toEqual([
      [[0, 0, 1, 1], 1, 1001],
      [[2, 2], 56, 1001],
    ]);
    expect(r.summary.workloads.service?.timeToRecoverSec).toEqual({ mean: 6, p90: 6 });
    expect(r.summary.workloads.service?.availability).toBeCloseTo(384 / 396, 12);
    // Machine 0 stays down to the horizon: 50 s.
    expect(r.summary.failures?.machineDownSec).toBe(50);
  });
});
