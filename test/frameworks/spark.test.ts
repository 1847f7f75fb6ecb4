import { describe, expect, it } from "vitest";
import type { JobSpec } from "../../src/cluster/job.js";
import { RngFactory } from "../../src/engine/rng.js";
import type { RunConfig } from "../../src/experiment/config.js";
import { simulateWorkload } from "../../src/experiment/run-one.js";
import { sparkApplication } from "../../src/frameworks/spark/application.js";
import { SPARK, type SparkSpec } from "../../src/frameworks/spark/index.js";
import type { FrameworkContext } from "../../src/frameworks/types.js";
import { cellConfig } from "../../src/testing/busy-cell.js";
import { workloadFromList } from "../../src/workloads/source.js";

const sec = (s: number) => Math.round(s * 1e6);

/** 1 machine × 4 CPUs / 16 GB, horizon 100 s. */
const CTX: FrameworkContext = {
  name: "spark",
  rng: new RngFactory(1),
  horizonUs: sec(100),
  cluster: { machines: 1, cpus: 4, memGb: 16 },
};

/** Two stages of 2 tasks × 10 s; 1 executor of 4 slots × (1 CPU, 2 GB): 4 CPUs, 8 GB. */
function spec(mode: "coarse" | "fine"): SparkSpec {
  return {
    interArrival: sec(60),
    iterations: 2,
    tasksPerStage: 2,
    taskDuration: sec(10),
    executors: 1,
    coresPerExecutor: 4,
    cpus: 1,
    memGb: 2,
    mode,
  };
}

function config(): RunConfig {
  return cellConfig(
    { type: "monolithic", decisionTime: { perJob: "1s", perTask: "0s" } },
    {
      horizonUs: CTX.horizonUs,
      cluster: CTX.cluster,
      placement: "first-fit",
      metrics: { samplePeriodUs: sec(1), jobs: true },
    },
  );
}

/** Runs one application submitted at 0; returns the summary and its task groups [id, tasks, start, end]. */
function run(mode: "coarse" | "fine") {
  const jobs = sparkApplication(spec(mode), CTX, { app: 0, submitUs: 0, tasksPerStage: 2 });
  const groups: [number, number, number, number][] = [];
  const summary = simulateWorkload(config(), workloadFromList([], jobs), new RngFactory(1), {
    checkInvariants: true,
    hooks: {
      tasksStarted: (s: JobSpec, machines: readonly number[], startUs: number, endUs: number) =>
        groups.push([s.id, machines.length, startUs / 1e6, endUs / 1e6]),
    },
  });
  return { summary, groups, jobs };
}

describe("spark coarse- vs fine-grained executors", () => {
  // Jobs, all submitted at 0: 0 = executors (ends with job 2), 1 = stage 1, 2 = stage 2 (after 1).
  //   0–1 s    executor job's attempt; its executor starts at 1 s, planned to run the horizon's
  //            100 s (to 101 s), but stopped at 23 s.
  //   1–2 s    stage 1's attempt; its 2 tasks run 2–12 s.
  //  12 s      stage 1 completes: stage 2 is released; attempt 12–13 s; tasks 13–23 s.
  //  23 s      stage 2 completes: the executor stops (endsWith).
  // Coarse: the executor holds 4 CPUs and 8 GB over 1–23 s; stage tasks hold nothing.
  //   CPU·s 4 × 22 = 88 of 400; GB·s 8 × 22 = 176 of 1600.
  // Fine: the executor holds 8 GB over 1–23 s; each stage's 2 tasks hold 1 CPU for 10 s.
  //   CPU·s 2 × 10 + 2 × 10 = 40 of 400; GB·s 176 of 1600.
  // Between the stages (12–13 s): coarse 4 CPUs and 8 GB held; fine 0 CPUs and 8 GB.
  it("run the same timeline", () => {
    for (const mode of ["coarse", "fine"] as const)
      expect(run(mode).groups).toEqual([
        [0, 1, 1, 101],
        [1, 2, 2, 12],
        [2, 2, 13, 23],
      ]);
  });

  it("coarse-grained holds CPUs and memory between stages, fine-grained only memory", () => {
    const coarse = run("coarse").summary.cell;
    const fine = run("fine").summary.cell;
    expect(coarse.utilization.cpu).toBeCloseTo(88 / 400, 9);
    expect(fine.utilization.cpu).toBeCloseTo(40 / 400, 9);
    expect(coarse.utilization.mem).toBeCloseTo(176 / 1600, 9);
    expect(fine.utilization.mem).toBeCloseTo(176 / 1600, 9);
    // The interval [12 s, 13 s) between the stages.
    expect([coarse.series.cpuUtilization[12], coarse.series.memUtilization[12]]).toEqual([1, 0.5]);
    expect([fine.series.cpuUtilization[12], fine.series.memUtilization[12]]).toEqual([0, 0.5]);
  });

  it("complete the application when its last stage completes", () => {
    const { summary } = run("coarse");
    expect(summary.jobs?.outcome).toEqual(["fully-scheduled", "fully-scheduled", "fully-scheduled"]);
  });
});

describe("spark applications", () => {
  function all(fields: unknown, c: FrameworkContext): JobSpec[] {
    const next = SPARK.jobs(fields, c);
    const out: JobSpec[] = [];
    for (let j = next(); j !== undefined; j = next()) out.push(j);
    return out;
  }
  const ctx = (name: string, seed: number): FrameworkContext => ({
    name,
    rng: new RngFactory(seed),
    horizonUs: sec(3600),
    cluster: { machines: 10, cpus: 4, memGb: 16 },
  });
  const fields = { iterations: 3, tasksPerStage: { exponential: { mean: 20 } }, mode: "coarse" };

  it("are an executor job and a chain of stages, the executors ended by the last stage", () => {
    const jobs = all({ ...fields, apps: 2 }, ctx("spark", 4));
    expect(jobs.map((j) => [j.id, j.fw?.app, j.fw?.after, j.fw?.endsWith])).toEqual([
      [0, 0, undefined, 3],
      [1, 0, undefined, undefined],
      [2, 0, [1], undefined],
      [3, 0, [2], undefined],
      [4, 1, undefined, 7],
      [5, 1, undefined, undefined],
      [6, 1, [5], undefined],
      [7, 1, [6], undefined],
    ]);
    expect(jobs.every((j) => j.fw?.appJobs === 4)).toBe(true);
  });

  // Coarse: 2 executors × 4 slots = 8 tasks at once; 20 tasks: ceil(20 / 8) = 3 waves × 10 s per
  // stage, × 10 stages = 300 s. Fine: every CPU of 10 × 4: ceil(20 / 40) = 1 wave → 100 s.
  it("set aloneUs from the waves of each stage", () => {
    const coarse = all({ apps: 1, tasksPerStage: 20, mode: "coarse" }, ctx("spark", 1));
    const fine = all({ apps: 1, tasksPerStage: 20, mode: "fine" }, ctx("spark", 1));
    expect(coarse[0]?.fw?.aloneUs).toBe(sec(300));
    expect(fine[0]?.fw?.aloneUs).toBe(sec(100));
    // A coarse stage: 8 task slots each running 3 tasks in a row, holding nothing.
    expect(coarse[1]).toMatchObject({ tasks: 8, durationUs: sec(30), cpusPerTask: 0, memGbPerTask: 0 });
    expect(fine[1]).toMatchObject({ tasks: 20, durationUs: sec(10), cpusPerTask: 1, memGbPerTask: 0 });
  });

  it("are identical for the same seed and independent across instances", () => {
    expect(all(fields, ctx("spark", 9))).toEqual(all(fields, ctx("spark", 9)));
    expect(all(fields, ctx("a", 9))).not.toEqual(all(fields, ctx("b", 9)));
  });

  it("refuse an executor larger than a machine, naming the field", () => {
    const facts = { cluster: { machines: 2, cpus: 4, memGb: 16 }, kindsWithJobs: [], kindsKnown: false };
    expect(SPARK.check({ coresPerExecutor: 8 }, facts)).toEqual([
      expect.objectContaining({ level: "error", path: ["coresPerExecutor"] }),
    ]);
    expect(SPARK.validate({ mode: "medium" }).map((i) => i.path)).toEqual([["mode"]]);
  });
});
