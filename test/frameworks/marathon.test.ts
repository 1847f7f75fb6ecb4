import { describe, expect, it } from "vitest";
import type { JobSpec } from "../../src/cluster/job.js";
import type { MachineEvent } from "../../src/cluster/machine-event.js";
import { RngFactory } from "../../src/engine/rng.js";
import type { FailureSpec, RunConfig } from "../../src/experiment/config.js";
import { MARATHON } from "../../src/frameworks/marathon/index.js";
import type { FrameworkContext } from "../../src/frameworks/types.js";
import { drain, runJobs, sec, timelineConfig } from "./timeline.js";

/**
 * The `marathon` behaviour: long-running services, their restart after a machine failure and
 * their scaling events, as hand-worked timelines. Monolithic, first-fit, 1 s per job decision,
 * nothing per task, retry after 1 s.
 */

function ctx(horizonSec: number, seed = 1): FrameworkContext {
  return {
    name: "marathon",
    rng: new RngFactory(seed),
    horizonUs: sec(horizonSec),
    cluster: { machines: 2, cpus: 4, memGb: 16 },
  };
}

function config(machines: number, horizonSec: number, failures?: FailureSpec): RunConfig {
  return timelineConfig(machines, horizonSec, failures ? { failures } : {});
}

/** Runs the jobs; returns the summary and every task group started: [machines, startSec, endSec]. */
function run(cfg: RunConfig, jobs: JobSpec[], events: MachineEvent[] = []) {
  const { summary, started } = runJobs(cfg, jobs, events);
  return {
    summary,
    groups: started.map((g): [number[], number, number] => [g.machines, g.startSec, g.endSec]),
  };
}

describe("the marathon behaviour", () => {
  it("makes one service job per app whose instances outlast the horizon", () => {
    const jobs = drain(
      MARATHON.jobs(
        {
          apps: 2,
          instances: 3,
          cpusPerInstance: 0.5,
          submitAt: ["0s", "1m"],
          scale: [{ at: "2m", instances: 5 }],
        },
        ctx(600),
      ),
    );
    expect(jobs).toEqual(
      [0, 1].map((i) => ({
        id: i,
        submitUs: sec(60 * i),
        kind: "service",
        tasks: 3,
        cpusPerTask: 0.5,
        memGbPerTask: 1,
        durationUs: sec(600) + 1,
        prefill: false,
        fw: {
          framework: "marathon",
          app: i,
          appJobs: 1,
          appSubmitUs: sec(60 * i),
          aloneUs: sec(600) + 1,
          scale: [{ atUs: sec(120), instances: 5 }],
        },
      })),
    );
  });

  it("submits apps as a Poisson stream with interArrival, stopping at the horizon", () => {
    const jobs = drain(MARATHON.jobs({ apps: 1000, interArrival: "10s" }, ctx(600)));
    // 600 s at one app per 10 s on average: about 60 apps.
    expect(jobs.length).toBeGreaterThan(40);
    expect(jobs.length).toBeLessThan(80);
    expect(jobs.every((j, i) => i === 0 || j.submitUs >= (jobs[i - 1] as JobSpec).submitUs)).toBe(true);
  });

  it("refuses bad submission times and scaling events, naming the field", () => {
    const paths = (fields: unknown) => MARATHON.validate(fields).map((i) => i.path.join("."));
    expect(paths({ apps: 2, submitAt: ["1s"] })).toEqual(["submitAt"]);
    expect(paths({ apps: 1, submitAt: ["1s"], interArrival: "1s" })).toEqual(["interArrival"]);
    expect(
      paths({
        scale: [
          { at: "2s", instances: 1 },
          { at: "1s", instances: 2 },
        ],
      }),
    ).toEqual(["scale.1.at"]);
    expect(paths({ scale: [{ at: "2s", instances: -1 }] })).toEqual(["scale.0.instances"]);
  });
});

describe("a Marathon instance is restarted after its machine fails", () => {
  // Cell: 2 machines × 4 CPUs, horizon 100 s. One app of 2 instances × 2 CPUs at 0 s (durationUs
  // = 100 s + 1 µs). Restart delay 5 s. Machine 0 goes down at 31 s (trace event), back at 61 s.
  //   0–1 s  attempt: first-fit puts both instances on machine 0 from 1 s; planned end 1 s +
  //          100.000001 s = 101.000001 s.
  //  31 s    machine 0 fails: both instances are lost.
  //  36 s    Marathon restarts them (31 + 5 s): the job is pending again; attempt 36–37 s.
  //  37 s    both start on machine 1 (machine 0 is down) and run to their planned end.
  it("places the lost instances again after the restart delay", () => {
    const [app] = drain(MARATHON.jobs({ instances: 2, cpusPerInstance: 2 }, ctx(100)));
    const failures: FailureSpec = {
      lostWork: { batch: {}, service: { restartDelayUs: sec(5) } },
    };
    const events: MachineEvent[] = [
      { timeUs: sec(31), machine: 0, kind: "down" },
      { timeUs: sec(61), machine: 0, kind: "up" },
    ];
    const { summary, groups } = run(config(2, 100, failures), [app as JobSpec], events);
    expect(groups).toEqual([
      [[0, 0], 1, 101.000001],
      [[1, 1], 37, 101.000001],
    ]);
    // Each instance was down from its loss at 31 s to its restart's placement at 37 s.
    expect(summary.workloads.service).toMatchObject({
      tasksLost: 2,
      restarts: 2,
      timeToRecoverSec: { mean: 6, p90: 6 },
    });
  });
});

describe("Marathon scaling events", () => {
  // Cell: 1 machine × 4 CPUs, horizon 40 s. One app of 2 instances × 1 CPU at 0 s; scale to 5
  // instances at 10 s, down to 1 at 20 s.
  //   0–1 s   attempt: 2 instances start at 1 s.
  //  10 s     scale up: 3 more wanted, the job is pending again; attempt 10–11 s: 2 CPUs free,
  //           2 instances start at 11 s; 1 stays unplaced. Retries at 12, 14, 16, 18 s find no room.
  //  20 s     scale down to 1 (before the retry at 20 s): the unplaced instance is dropped, then 3
  //           running ones stop, youngest first: both from 11 s, then one from 1 s.
  // Busy CPU·s: 2 × [1, 11) + 4 × [11, 20) + 1 × [20, 40) = 20 + 36 + 20 = 76, over 4 × 40 = 160.
  it("places more instances and stops the youngest", () => {
    const scale = [
      { at: "10s", instances: 5 },
      { at: "20s", instances: 1 },
    ];
    const [app] = drain(MARATHON.jobs({ instances: 2, scale }, ctx(40)));
    const { summary, groups } = run(config(1, 40), [app as JobSpec]);
    expect(groups.map(([m, start]) => [m.length, start])).toEqual([
      [2, 1],
      [2, 11],
    ]);
    expect(summary.cell.utilization.cpu).toBeCloseTo(76 / 160, 9);
  });
});
