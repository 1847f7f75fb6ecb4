import { describe, expect, it } from "vitest";
import type { ArchitectureBlock } from "../../src/experiment/config.js";
import type { FrameworkJob, JobSpec } from "../../src/cluster/job.js";
import { RngFactory } from "../../src/engine/rng.js";
import type { RunConfig } from "../../src/experiment/config.js";
import { simulateWorkload } from "../../src/experiment/run-one.js";
import { cellConfig } from "../../src/testing/busy-cell.js";
import { workloadFromList } from "../../src/workloads/source.js";
import { job } from "../helpers/configs.js";

/**
 * `routeBy: "framework"`: one scheduler per framework of the workload under two-level,
 * shared-state and static partitions. Cell: 4 machines × 4 CPUs / 16 GB, first-fit, 1 s per job
 * decision, nothing per task.
 */

const sec = (s: number) => s * 1e6;
const DECISION = { perJob: "1s", perTask: "0s" };

function config(architecture: ArchitectureBlock): RunConfig {
  return cellConfig(architecture, {
    horizonUs: sec(200),
    cluster: { machines: 4, cpus: 4, memGb: 16 },
    placement: "first-fit",
    metrics: { samplePeriodUs: sec(10), jobs: true },
  });
}

function fw(framework: string, app: number): FrameworkJob {
  return { framework, app, appJobs: 1, appSubmitUs: 0, aloneUs: sec(10) };
}

/** Two frameworks, "etl" and "web": each submits one job of 4 tasks × 4 CPUs × 10 s at 0 s. */
const JOBS: JobSpec[] = [
  job(0, 0, 4, { cpusPerTask: 4, memGbPerTask: 1, durationUs: sec(10), fw: fw("etl", 0) }),
  job(1, 0, 4, { cpusPerTask: 4, memGbPerTask: 1, durationUs: sec(10), fw: fw("web", 1) }),
];

function run(architecture: ArchitectureBlock, jobs: JobSpec[] = JOBS) {
  const groups: [number, number[], number, number][] = [];
  const summary = simulateWorkload(config(architecture), workloadFromList([], jobs), new RngFactory(1), {
    checkInvariants: true,
    hooks: {
      tasksStarted: (s: JobSpec, machines: readonly number[], startUs: number, endUs: number) =>
        groups.push([s.id, [...machines], startUs / 1e6, endUs / 1e6]),
    },
  });
  return { summary, groups };
}

describe("static partitions per framework", () => {
  // Equal partitions: etl gets machines 0–1, web 2–3 (one 4-CPU task per machine).
  //   0–1 s  both partitions' schedulers decide in parallel: 2 tasks each start at 1 s (to 11 s).
  //   then   a retry 1 s after each attempt: 2–3, 4–5, 6–7, 8–9 place nothing (partitions full).
  //  10–11 s the attempt's placement comes at 11 s, after the task ends at 11 s (task ends go
  //          first at an instant): the last 2 tasks start at 11 s.
  it("keeps each framework on its own machines", () => {
    const { summary, groups } = run({
      type: "static-partition",
      decisionTime: DECISION,
      routeBy: "framework",
    });
    expect(summary.schedulers.map((s) => s.name)).toEqual(["partition-etl", "partition-web"]);
    for (const [id, machines] of groups)
      for (const m of machines) expect(id === 0 ? m < 2 : m >= 2).toBe(true);
    expect(groups.filter((g) => g[0] === 0).map((g) => g[2])).toEqual([1, 11]);
    expect(groups.filter((g) => g[0] === 1).map((g) => g[2])).toEqual([1, 11]);
  });

  it("sizes partitions by frameworkPartitions", () => {
    // etl 3/4 of the cell (machines 0–2), web 1/4 (machine 3).
    const { groups } = run({
      type: "static-partition",
      decisionTime: DECISION,
      routeBy: "framework",
      frameworkPartitions: { etl: 0.75, web: 0.25 },
    });
    expect(groups.filter((g) => g[0] === 0)[0]?.[1]).toEqual([0, 1, 2]);
    expect(groups.filter((g) => g[0] === 1)[0]?.[1]).toEqual([3]);
  });
});

describe("one scheduler per framework", () => {
  it("shared-state: omega-<framework> schedulers each decide their framework's job", () => {
    // Both decide from 0 s on snapshots of the empty cell; first-fit puts both on machines 0–3:
    // etl (scheduler 0) commits first at 1 s, web's claims all conflict (fine-grained: each
    // machine is full) and it retries.
    const { summary, groups } = run({ type: "shared-state", decisionTime: DECISION, routeBy: "framework" });
    expect(summary.schedulers.map((s) => s.name)).toEqual(["omega-etl", "omega-web"]);
    expect(summary.schedulers.map((s) => s.attempts > 0)).toEqual([true, true]);
    expect(groups[0]).toEqual([0, [0, 1, 2, 3], 1, 11]);
    expect(summary.schedulers[1]?.wastedConflictSec).toBeGreaterThan(0);
  });

  it("two-level: mesos-<framework> frameworks under the DRF allocator", () => {
    const { summary, groups } = run({
      type: "two-level",
      decisionTime: DECISION,
      routeBy: "framework",
      minOfferCpus: 1,
    });
    expect(summary.schedulers.map((s) => s.name)).toEqual(["mesos-etl", "mesos-web"]);
    expect(summary.schedulers.map((s) => s.attempts > 0)).toEqual([true, true]);
    // Each job ran all 4 tasks once, one after the other (one cell's worth at a time).
    expect(groups.map((g) => g[0]).sort()).toEqual([0, 1]);
    const [first, second] = groups as [
      [number, number[], number, number],
      [number, number[], number, number],
    ];
    expect(second[2]).toBeGreaterThanOrEqual(first[3]);
  });

  it("refuses a job of a framework the workload does not declare", () => {
    const stray = job(2, 0, 1, { fw: fw("batchy", 2) });
    const workload = workloadFromList([], [JOBS[0] as JobSpec]);
    const withStray = {
      ...workload,
      next: (
        (n = 0) =>
        () =>
          n++ === 0 ? workload.next() : n === 2 ? stray : undefined
      )(),
    };
    expect(() =>
      simulateWorkload(
        config({ type: "shared-state", decisionTime: DECISION, routeBy: "framework" }),
        withStray,
        new RngFactory(1),
      ),
    ).toThrow(/framework "batchy", which the workload does not declare/);
  });

  it("refuses routing by framework when the workload has no frameworks", () => {
    const plain = [job(0, 0, 1)];
    expect(() => run({ type: "two-level", decisionTime: DECISION, routeBy: "framework" }, plain)).toThrow(
      /routes by framework, but the workload declares no frameworks/,
    );
  });
});
