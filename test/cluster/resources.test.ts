import { describe, expect, it } from "vitest";
import { CellState } from "../../src/cluster/cell-state.js";
import { ChangeTracker } from "../../src/cluster/change-tracker.js";
import { fitsTasks, tasksThatFitOn } from "../../src/cluster/cell-view.js";
import { commit, type ClaimSet } from "../../src/cluster/commit.js";
import { extraAmounts } from "../../src/cluster/resources.js";
import { SnapshotView } from "../../src/cluster/views.js";
import { OfferView } from "../../src/architectures/two-level/offer.js";
import { InputError } from "../../src/engine/errors.js";
import { RngFactory } from "../../src/engine/rng.js";
import { simulateWorkload } from "../../src/experiment/run-one.js";
import { workloadFromList } from "../../src/workloads/source.js";
import { cellConfig, handJob } from "../../src/testing/busy-cell.js";
import { DEFAULT_RETRY } from "../../src/cluster/decision.js";
import type { JobRecords } from "../../src/metrics/summary.js";
import type { ArchitectureHost } from "../../src/cluster/host.js";
import { JobState } from "../../src/cluster/job-state.js";
import { Framework } from "../../src/architectures/two-level/framework.js";
import { makeStream } from "../../src/engine/rng.js";

/** Resources as a vector: CPU, memory and further dimensions the cell declares (here "ssdGb"). */

const ssd = (gb: number) => Float64Array.of(gb);

/** Two machines of 4 CPU / 16 GB / 100 GB of SSD. */
const ssdCell = () => CellState.homogeneous(2, 4, 16, { ssdGb: 100 });

describe("a cell with a further resource dimension", () => {
  it("checks, claims, releases, locks and unlocks every dimension", () => {
    const cell = ssdCell();
    expect(cell.extraNames).toEqual(["ssdGb"]);
    expect(Array.from(cell.extraTotals)).toEqual([200]);
    expect(cell.fits(0, 1, 1, ssd(100))).toBe(true);
    expect(cell.fits(0, 1, 1, ssd(101))).toBe(false);
    cell.claim(0, 1, 1, ssd(60));
    // 40 GB of SSD left on machine 0: CPU and memory have room, SSD does not.
    expect(cell.freeExtra(0, 0)).toBe(40);
    expect(cell.fits(0, 1, 1, ssd(60))).toBe(false);
    expect(cell.fits(0, 1, 1)).toBe(true); // a task that needs no SSD still fits
    cell.lock(1, 2, 2, ssd(30));
    expect(cell.freeExtra(1, 0)).toBe(70);
    expect(Array.from(cell.extraAllocatedTotals)).toEqual([60]);
    expect(Array.from(cell.extraLockedTotals)).toEqual([30]);
    cell.unlock(1, 2, 2, ssd(30));
    cell.release(0, 1, 1, ssd(60));
    expect([cell.freeExtra(0, 0), cell.freeExtra(1, 0)]).toEqual([100, 100]);
    expect([
      cell.allocatedCpus,
      cell.lockedCpus,
      cell.extraAllocatedTotals[0],
      cell.extraLockedTotals[0],
    ]).toEqual([0, 0, 0, 0]);
    expect(cell.findTotalsMismatch()).toBeUndefined();
  });

  it("the over-commit check sees a further dimension over-committed, and the totals check a drifted total", () => {
    const cell = ssdCell();
    cell.claim(1, 1, 1, ssd(100));
    expect(cell.findOvercommitted()).toBe(-1);
    // Claims do not check fit (commit does): a second 100 GB claim over-commits machine 1's SSD only.
    cell.claim(1, 1, 1, ssd(1));
    expect(cell.findOvercommitted()).toBe(1);
    cell.release(1, 1, 1, ssd(1));
    expect(cell.findOvercommitted()).toBe(-1);
    // A per-machine array changed behind the totals' back.
    (cell.extraAllocated[0] as Float64Array)[0] = 5;
    expect(cell.findTotalsMismatch()).toMatch(/^allocated ssdGb 100 ≠ Σ 105/);
    const plain = CellState.homogeneous(2, 4, 16);
    plain.claim(0, 1, 2);
    plain.cpuAllocated[1] = 1;
    expect(plain.findTotalsMismatch()).toMatch(/^allocatedCpus 1 ≠ Σ 2/);
  });

  it("copies every dimension", () => {
    const cell = ssdCell();
    cell.claim(0, 1, 1, ssd(25));
    const c = cell.copy();
    cell.release(0, 1, 1, ssd(25));
    expect(c.freeExtra(0, 0)).toBe(75);
    expect(c.extraAllocatedTotals[0]).toBe(25);
  });

  it("counts tasks that fit by the tightest dimension", () => {
    const cell = ssdCell();
    // 4 CPUs and 16 GB take four 1-CPU/1-GB tasks; 100 GB of SSD takes three of 30 GB.
    expect(tasksThatFitOn(cell, 0, 1, 1)).toBe(4);
    expect(tasksThatFitOn(cell, 0, 1, 1, ssd(30))).toBe(3);
    expect(fitsTasks(cell, 0, 3, 1, 1, ssd(30))).toBe(true);
    expect(fitsTasks(cell, 0, 4, 1, 1, ssd(30))).toBe(false);
  });

  it("names: a job's amounts come out in the cell's order; an unknown name is an input error", () => {
    expect(extraAmounts(["gpus", "ssdGb"], { ssdGb: 20 })).toEqual(Float64Array.of(0, 20));
    expect(extraAmounts(["ssdGb"], { ssdGb: 0 })).toBeUndefined(); // zeros ask for nothing
    expect(extraAmounts(["ssdGb"], undefined)).toBeUndefined();
    expect(() => extraAmounts(["ssdGb"], { gpus: 1 })).toThrow(InputError);
    expect(() => extraAmounts(["ssdGb"], { gpus: 1 })).toThrow(
      /"gpus" is not a dimension.*cpus, memGb, ssdGb/,
    );
    expect(() => CellState.fromCapacities([1], [1], [{ name: "cpus", capacity: [1] }])).toThrow(
      /distinct and not cpus/,
    );
  });
});

describe("stale views see every dimension", () => {
  it("a snapshot is the live cell minus the changes since it was taken, SSD included", () => {
    const cell = ssdCell();
    cell.claim(0, 1, 1, ssd(10));
    const tracker = new ChangeTracker(cell.machines, false, 1);
    cell.track(tracker);
    const snapshot = new SnapshotView(cell, tracker);
    expect(tracker.occupiedExtraAtStart[0]).toBe(10);
    cell.claim(0, 1, 1, ssd(50));
    cell.release(0, 1, 1, ssd(10));
    expect(cell.freeExtra(0, 0)).toBe(50);
    expect(snapshot.freeExtra(0, 0)).toBe(90); // as it was: 100 − 10
    cell.untrack(tracker);
    expect(tracker.extra[0]?.[0]).toBe(0); // cleared
  });

  it("a bulk offer holds the SSD free when it opened; an explicit offer holds only what was freed since", () => {
    const cell = ssdCell();
    cell.claim(0, 1, 1, ssd(40));
    const bulk = new OfferView(cell);
    bulk.openBulk();
    expect(bulk.freeExtra(0, 0)).toBe(60);
    bulk.claimTentatively([0], 1, 1, ssd(50));
    expect(bulk.freeExtra(0, 0)).toBe(10);
    // A task ends while the bulk offer is open: its 40 GB are not the bulk offer's to give.
    cell.release(0, 1, 1, ssd(40));
    const explicit = new OfferView(cell);
    explicit.openExplicit(bulk);
    expect(explicit.candidates).toBe(1);
    expect(explicit.freeExtra(0, 0)).toBe(40);
    expect(cell.extraLockedTotals[0]).toBe(40);
    explicit.close();
    bulk.close();
    expect(cell.extraLockedTotals[0]).toBe(0);
    expect(cell.freeExtra(0, 0)).toBe(100);
    expect(cell.findTotalsMismatch()).toBeUndefined();
  });
});

describe("commit checks every dimension", () => {
  const claims = (machines: number[], gb: number): ClaimSet => ({
    scheduler: 0,
    cpusPerTask: 1,
    memGbPerTask: 1,
    extraPerTask: ssd(gb),
    durationUs: 1e6,
    machines,
    seqSeen: machines.map(() => 0),
  });

  it("fine, incremental: a claim with room in CPU and memory but not in SSD conflicts", () => {
    const cell = ssdCell();
    const r = commit(cell, claims([0, 0, 1], 60), { conflictMode: "fine", transactionMode: "incremental" });
    // Machine 0 takes one 60 GB task, not two; machine 1 takes one.
    expect(r).toEqual({ committed: [0, 1], conflicted: 1 });
    expect(Array.from(cell.extraAllocatedTotals)).toEqual([120]);
  });

  it("all-or-nothing rolls every dimension back", () => {
    const cell = ssdCell();
    const r = commit(cell, claims([0, 1, 1], 60), {
      conflictMode: "coarse",
      transactionMode: "all-or-nothing",
    });
    expect(r).toEqual({ committed: [], conflicted: 1 });
    expect([cell.allocatedCpus, cell.extraAllocatedTotals[0], cell.freeExtra(1, 0)]).toEqual([0, 0, 100]);
    expect(cell.findTotalsMismatch()).toBeUndefined();
  });
});

/**
 * A hand-worked timeline where SSD binds: one machine of 8 CPU / 32 GB / 100 GB of SSD, a
 * monolithic scheduler with zero think time, retry when resources are freed. Three 1-task jobs
 * (1 CPU, 1 GB, 10 s) arrive at 0, 1 and 2 s. Without SSD all three start on arrival. Each needing
 * 60 GB of SSD, only one runs at a time: job 0 at 0 s, job 1 when it ends (10 s), job 2 at 20 s.
 * SSD is 60 % used from 0 to 30 s of a 100 s horizon: utilization 0.6 × 30 / 100 = 0.18; CPU is
 * 1/8 used for 30 s: 0.125 × 0.3 = 0.0375.
 */
describe("a run where a further dimension binds", () => {
  const ZERO = { perJob: "0s", perTask: "0s" };
  const run = (ssdGb: number | undefined) => {
    const config = cellConfig(
      { type: "monolithic", decisionTime: { batch: ZERO, service: ZERO } },
      {
        horizonUs: 100e6,
        cluster: { machines: 1, cpus: 8, memGb: 32, resources: { ssdGb: 100 } },
        retry: { ...DEFAULT_RETRY, retryWhen: "freed" },
        metrics: { samplePeriodUs: 10e6, jobs: true },
      },
    );
    const over = ssdGb === undefined ? {} : { resources: { ssdGb } };
    const jobs = [handJob(0, 0, 1, over), handJob(1, 1, 1, over), handJob(2, 2, 1, over)];
    return simulateWorkload(config, workloadFromList([], jobs), new RngFactory(1), { checkInvariants: true });
  };

  it("serializes the jobs on SSD and reports its utilization", () => {
    const s = run(60);
    expect((s.jobs as JobRecords).fullyScheduledSec).toEqual([0, 10, 20]);
    expect(s.cell.resources).toEqual([{ name: "ssdGb", total: 100, utilization: expect.closeTo(0.18, 12) }]);
    expect(s.cell.utilization.cpu).toBeCloseTo(0.0375, 12);
  });

  it("without the SSD demand the same jobs start on arrival", () => {
    const s = run(undefined);
    expect((s.jobs as JobRecords).fullyScheduledSec).toEqual([0, 1, 2]);
    expect(s.cell.resources).toEqual([{ name: "ssdGb", total: 100, utilization: 0 }]);
  });
});

describe("DRF counts every dimension", () => {
  it("a framework's dominant share is its largest share of any resource, SSD included", () => {
    const cell = ssdCell(); // 8 CPUs, 32 GB, 200 GB of SSD in all
    const host = { cell, observer: {} } as unknown as ArchitectureHost;
    const zero = { perJobUs: 0, perTaskUs: 0 };
    const f = new Framework(
      host,
      0,
      "batch",
      { batch: zero, service: zero },
      () => {},
      makeStream("drf"),
      () => {},
    );
    f.usedCpus = 2; // 2/8 = 0.25
    f.usedMemGb = 4; // 4/32 = 0.125
    expect(f.dominantShare(cell)).toBe(0.25);
    const job = new JobState(0, handJob(0, 0, 1, { resources: { ssdGb: 75 } }));
    job.extraPerTask = ssd(75);
    f.countExtra(job, 2); // 150/200 = 0.75: SSD dominates
    expect(f.dominantShare(cell)).toBe(0.75);
    f.countExtra(job, -2);
    expect(f.dominantShare(cell)).toBe(0.25);
  });
});
