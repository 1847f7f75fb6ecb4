import { describe, expect, it } from "vitest";
import type { AllocationHost } from "../../src/allocation/types.js";
import { RESERVATION } from "../../src/allocation/reservation.js";
import { commit } from "../../src/cluster/commit.js";
import { JobState } from "../../src/cluster/job-state.js";
import { PerformanceTracker } from "../../src/cluster/performance.js";
import { RngFactory } from "../../src/engine/rng.js";
import { planFromJson } from "../../src/experiment/plan.js";
import { PerformanceMetrics } from "../../src/metrics/performance.js";
import { BUILTIN_REGISTRY } from "../../src/plugins/builtin.js";
import { generateJobs } from "../../src/quasar/job-gen.js";
import { PerfCell } from "../../src/quasar/perf-cell.js";
import { QUASAR_BATCH } from "../../src/quasar/scenario.js";
import { jobOfModel } from "../../src/workloads/quasar-source.js";
import { BATCH, cellOf, handJob, LARGE_QUARTER, studyExperiment, type, type StudyCell } from "./helpers.js";

/** The one run's config of a Quasar-study experiment with these top-level fields replaced. */
function configOf(over: Record<string, unknown>, cell: StudyCell = BATCH) {
  const plan = planFromJson(studyExperiment(cell, { seeds: [1], sweep: undefined, ...over }), "q.json");
  expect(plan.runs).toHaveLength(1);
  return plan.runs[0]!.config;
}

/** The message of the input error the experiment gets. */
function errorOf(over: Record<string, unknown>): string {
  try {
    configOf(over);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("expected an input error");
}

const machines = (types: readonly { count: number }[] | undefined) =>
  (types ?? []).reduce((n, t) => n + t.count, 0);

describe("experiment-file forms of the Quasar study", () => {
  it("typed cell presets: the whole preset by default, or `scale` of its machines per type (each type kept)", () => {
    const large = configOf({
      cluster: { preset: "quasar-large" },
      workload: { source: "quasar", mix: "quasar-large" },
    });
    expect(large.cluster).toMatchObject({ preset: "quasar-large", machines: 200 });
    expect(machines(large.cluster.types)).toBe(200);
    expect(large.cluster.types).toHaveLength(14);
    expect(large.cluster.machines * large.cluster.cpus).toBeCloseTo(1332, 9);
    const quarter = configOf({}, LARGE_QUARTER);
    expect(quarter.cluster.types).toHaveLength(14);
    expect(quarter.cluster.types!.every((t) => t.count >= 1)).toBe(true);
    expect(machines(quarter.cluster.types)).toBe(quarter.cluster.machines);
    expect(quarter.cluster.machines).toBeLessThan(200);
    expect(quarter.cluster.machines).toBeGreaterThanOrEqual(50);
    const batch = configOf({});
    expect(batch.cluster).toMatchObject({ preset: "quasar-batch", machines: 40, cpus: 9 });
    expect(batch.cluster.types).toHaveLength(4);
  });

  it("a cell of catalog machine types and counts", () => {
    const config = configOf({
      cluster: {
        types: [
          { type: "c1.xlarge", count: 10 },
          { type: "m2.4xlarge", count: 2 },
        ],
      },
    });
    expect(config.cluster.preset).toBeUndefined();
    expect(config.cluster.machines).toBe(12);
    expect(config.cluster.types?.map((t) => [t.type.name, t.type.cores, t.count])).toEqual([
      ["c1.xlarge", 8, 10],
      ["m2.4xlarge", 8, 2],
    ]);
    expect(config.cluster.cpus).toBe(8);
  });

  it("the quasar workload source, by mix", () => {
    expect(configOf({}).workload).toEqual({
      type: "source",
      name: "quasar",
      fields: { mix: "quasar-batch" },
      baseDir: ".",
    });
  });

  it("the allocation block: kept as written, absent when it is the default reservation", () => {
    expect(configOf({ allocation: { type: "quasar" } }).allocation).toEqual({ type: "quasar" });
    expect(configOf({ allocation: { type: "reservation", profiling: "paragon" } }).allocation).toEqual({
      type: "reservation",
      profiling: "paragon",
    });
    expect(
      configOf({ allocation: { type: "reservation" }, placement: "least-loaded" }).allocation,
    ).toBeUndefined();
    expect(configOf({ allocation: undefined, placement: "least-loaded" }).allocation).toBeUndefined();
  });

  it("rejects unknown fields and values, naming the file and the field path", () => {
    expect(errorOf({ allocation: { type: "quasar", entries: 2 } })).toBe(
      "q.json: allocation.entries: unknown field",
    );
    expect(errorOf({ allocation: { type: "reservation", assignment: "paragon" } })).toBe(
      "q.json: allocation.assignment: unknown field",
    );
    expect(errorOf({ allocation: { type: "reservation", profiling: "random" } })).toMatch(
      /^q\.json: allocation\.profiling: /,
    );
    expect(errorOf({ allocation: { type: "lottery" } })).toMatch(
      /^q\.json: allocation\.type: unknown allocation policy "lottery": expected one of reservation\|quasar/,
    );
    expect(errorOf({ cluster: { preset: "quasar-large", scale: 0.5, machines: 3 } })).toBe(
      "q.json: cluster.machines: unknown field",
    );
    expect(errorOf({ cluster: { preset: "google-c", scale: 0.5 } })).toBe(
      "q.json: cluster.scale: unknown field",
    );
    expect(errorOf({ cluster: { preset: "quasar-batch", scale: 0 } })).toBe(
      "q.json: cluster.scale: must be > 0, got number 0",
    );
    expect(errorOf({ cluster: { types: [{ type: "c1.xlarge", count: 2, speed: 3 }] } })).toBe(
      "q.json: cluster.types[0].speed: unknown field",
    );
    expect(errorOf({ cluster: { types: [{ type: "c9.huge", count: 2 }] } })).toMatch(
      /^q\.json: cluster\.types\[0\]\.type: unknown machine type/,
    );
    expect(errorOf({ workload: { source: "quasar", mix: "quasar-batch", jobs: 3 } })).toBe(
      "q.json: workload.jobs: unknown field",
    );
    expect(errorOf({ workload: { source: "quasar", mix: "google-c" } })).toMatch(/^q\.json: workload\.mix: /);
  });

  it("rejects allocation quasar on a homogeneous cell, at allocation.type", () => {
    const message = errorOf({
      cluster: { machines: 10, cpus: 4, memGb: 16 },
      workload: { preset: "google-c" },
      placement: "least-loaded",
    });
    expect(message).toMatch(
      /^q\.json: allocation\.type: "quasar" sizes jobs from their predicted performance/,
    );
    expect(message).toContain("needs a cell with machine types");
  });
});

describe("allocation defaults (what a run is built with from the block as written)", () => {
  const types = QUASAR_BATCH.machines.map((t) => t.type);
  const jobs = generateJobs(new RngFactory(1).stream("quasar:jobs"), QUASAR_BATCH);

  /** Builds an allocation from a block (without `type`); records the entries per row it classifies with. */
  function build(name: string, block: Record<string, unknown>) {
    const entries: number[] = [];
    const host: AllocationHost = {
      stream: (s) => new RngFactory(1).stream(s),
      perf: new PerfCell(
        types,
        Int32Array.from(types, (_, i) => i),
      ),
      scenario: QUASAR_BATCH,
      classified: (_errors, entriesPerRow) => entries.push(entriesPerRow),
    };
    const policy = BUILTIN_REGISTRY.allocations.require(name).create(block, host);
    const admit = (i = 0) => policy.admit(new JobState(i, jobOfModel(jobs[i]!)));
    return { policy, entries, admit };
  }

  it("quasar: 2 entries per row, 5 s profiling runs, a 50 ms decision, 10 s monitoring, 5% headroom", () => {
    const q = build("quasar", {});
    expect(q.admit()).toBe(2 * 5_000_000 + 50_000);
    expect(q.entries).toEqual([2]);
    expect(q.policy.monitorPeriodUs).toBe(10_000_000);
    const explicit = build("quasar", { headroom: 1.05 });
    const none = build("quasar", { headroom: 1 });
    const needs = (b: ReturnType<typeof build>) =>
      jobs.slice(0, 20).map((_, i) => {
        b.admit(i);
        return b.policy.needs(new JobState(i, jobOfModel(jobs[i]!))).totalCpus;
      });
    expect(needs(q)).toEqual(needs(explicit));
    expect(needs(q)).not.toEqual(needs(none));
  });

  it("reservation: no profiling and no overhead is the plain reservation; paragon profiling classifies", () => {
    expect(build("reservation", {}).policy).toBe(RESERVATION);
    const delayed = build("reservation", { decisionMs: 10 });
    expect(delayed.admit()).toBe(10_000);
    expect(delayed.entries).toEqual([]);
    expect(delayed.policy.monitorPeriodUs).toBe(0);
    const profiled = build("reservation", { profiling: "paragon", decisionMs: 10 });
    expect(profiled.admit()).toBe(2 * 5_000_000 + 10_000);
    expect(profiled.entries).toEqual([2]);
  });
});

describe("the cell refuses to over-commit", () => {
  /** One 4-core, 8 GB machine running one job with a performance model on 3 cores / 4 GB. */
  function running() {
    const c = cellOf([type("a", 4, 8)]);
    const host = { now: 0, cell: c.cell, schedule: () => {} };
    const tracker = new PerformanceTracker(host, c.perf, new PerformanceMetrics(c.perf, 1e9, 30));
    const job = new JobState(0, jobOfModel(handJob(1)));
    tracker.submitted(job);
    c.cell.claim(0, 3, 4); // the scheduler's commit
    tracker.started(job, [0], 3, 4);
    return { c, tracker, job, run: tracker.of(job) };
  }

  it("monitoring's resize keeps a job's allocation when the new plan does not fit the live cell", () => {
    const { c, tracker, run } = running();
    c.cell.claim(0, 1, 2); // another tenant: the machine is now full of cores, 6 of 8 GB
    expect(tracker.resize(run, { cores: 4, memGbPerNode: 4, machines: [0] })).toEqual([]);
    expect(tracker.resize(run, { cores: 3, memGbPerNode: 7, machines: [0] })).toEqual([]);
    expect(run.alloc).toMatchObject({ cores: 3, memGbPerNode: 4, machines: [0] });
    expect([c.cell.cpuAllocated[0], c.cell.memAllocated[0]]).toEqual([4, 6]);
    expect(c.cell.findOvercommitted()).toBe(-1);
    expect(c.perf.jobsOn[0]).toEqual([0]);
  });

  it("a plan that fits is applied: shrinking gives the cores back", () => {
    const { c, tracker, run } = running();
    expect(tracker.resize(run, { cores: 1, memGbPerNode: 2, machines: [0] })).toEqual([0]);
    expect(run.alloc).toMatchObject({ cores: 1, memGbPerNode: 2, machines: [0] });
    expect(c.cell.freeCpus(0)).toBe(3);
    expect(c.cell.freeMemGb(0)).toBe(6);
    // Growing back into the room it freed fits too (and gives nothing back).
    expect(tracker.resize(run, { cores: 4, memGbPerNode: 8, machines: [0] })).toEqual([]);
    expect(c.cell.freeCpus(0)).toBe(0);
    expect(c.cell.findOvercommitted()).toBe(-1);
  });

  it("a job's nodes start once", () => {
    const { tracker, job } = running();
    expect(() => tracker.started(job, [0], 1, 1)).toThrow(/started twice/);
  });

  it("commit never over-commits: claims beyond a machine's room conflict, in fine and coarse mode", () => {
    const { cell } = cellOf([type("a", 4, 8)]);
    cell.claim(0, 1, 1);
    const claims = { scheduler: 0, cpusPerTask: 2, memGbPerTask: 1, durationUs: 1, machines: [0, 0, 0] };
    expect(commit(cell, claims, { conflictMode: "fine", transactionMode: "incremental" })).toEqual({
      committed: [0],
      conflicted: 2,
    });
    expect(cell.freeCpus(0)).toBe(1);
    // Coarse: the sequence number matches what the claimant saw, but the room is gone.
    const seen = cell.seq[0]!;
    const coarse = { ...claims, machines: [0], seqSeen: [seen] };
    expect(commit(cell, coarse, { conflictMode: "coarse", transactionMode: "all-or-nothing" })).toEqual({
      committed: [],
      conflicted: 1,
    });
    expect(cell.cpuAllocated[0]).toBe(3);
    expect(cell.findOvercommitted()).toBe(-1);
  });
});
