import { describe, expect, it } from "vitest";
import { CellState } from "../../src/cluster/cell-state.js";
import { fitsTasks, tasksThatFitOn } from "../../src/cluster/cell-view.js";
import { commit, type ClaimSet } from "../../src/cluster/commit.js";
import { extraAmounts } from "../../src/cluster/resources.js";
import { DEFAULT_RETRY } from "../../src/cluster/decision.js";
import { RngFactory } from "../../src/engine/rng.js";
import { simulateWorkload } from "../../src/experiment/run-one.js";
import type { JobRecords } from "../../src/metrics/summary.js";
import { cellConfig, handJob } from "../../src/testing/busy-cell.js";
import { workloadFromList } from "../../src/workloads/source.js";

/** Fractional GPUs: a GPU is one unit of the `gpus` dimension; tasks may ask for part of one. */

const gpus = (n: number) => Float64Array.of(n);

describe("fractional GPUs fit and commit", () => {
  it("two 0.5-GPU tasks share one GPU; a third does not fit", () => {
    const cell = CellState.homogeneous(1, 8, 32, { gpus: 1 });
    const half = extraAmounts(cell.extraNames, { gpus: 0.5 });
    expect(half && Array.from(half)).toEqual([0.5]);
    expect(tasksThatFitOn(cell, 0, 1, 1, half)).toBe(2);
    expect(fitsTasks(cell, 0, 2, 1, 1, half)).toBe(true);
    expect(fitsTasks(cell, 0, 3, 1, 1, half)).toBe(false);
    cell.claim(0, 1, 1, half);
    cell.claim(0, 1, 1, half);
    expect(cell.freeExtra(0, 0)).toBe(0);
    expect(cell.fits(0, 1, 1, half)).toBe(false);
    // CPU and memory have room for six more: only the GPU is full.
    expect(cell.fits(0, 1, 1)).toBe(true);
  });

  it("thirds add up with rounding slack: three 1/3-GPU tasks fit one GPU, a fourth does not", () => {
    const cell = CellState.homogeneous(1, 8, 32, { gpus: 1 });
    const third = gpus(1 / 3);
    expect(tasksThatFitOn(cell, 0, 1, 1, third)).toBe(3);
    for (let i = 0; i < 3; i++) cell.claim(0, 1, 1, third);
    expect(cell.fits(0, 1, 1, third)).toBe(false);
    expect(cell.findOvercommitted()).toBe(-1);
  });

  const claims = (machines: number[]): ClaimSet => ({
    scheduler: 0,
    cpusPerTask: 1,
    memGbPerTask: 1,
    extraPerTask: gpus(0.5),
    durationUs: 1e6,
    machines,
  });

  it("fine-grained commit: the third half-GPU claim on one machine conflicts", () => {
    const cell = CellState.homogeneous(2, 8, 32, { gpus: 1 });
    const r = commit(cell, claims([0, 0, 0, 1]), { conflictMode: "fine", transactionMode: "incremental" });
    expect(r).toEqual({ committed: [0, 0, 1], conflicted: 1 });
    expect(Array.from(cell.extraAllocatedTotals)).toEqual([1.5]);
    expect(cell.findOvercommitted()).toBe(-1);
  });

  it("all-or-nothing commit rolls the GPUs back", () => {
    const cell = CellState.homogeneous(2, 8, 32, { gpus: 1 });
    const r = commit(cell, claims([0, 0, 0, 1]), { conflictMode: "fine", transactionMode: "all-or-nothing" });
    expect(r).toEqual({ committed: [], conflicted: 1 });
    expect(Array.from(cell.extraAllocatedTotals)).toEqual([0]);
  });

  it("coarse commit: a machine touched since the snapshot conflicts; an untouched one still checks the GPU", () => {
    const cell = CellState.homogeneous(2, 8, 32, { gpus: 1 });
    const seen = [cell.seq[0] as number, cell.seq[0] as number, cell.seq[0] as number, cell.seq[1] as number];
    cell.claim(1, 1, 1, gpus(0.5)); // another scheduler's half GPU on machine 1, after the snapshot
    const r = commit(
      cell,
      { ...claims([0, 0, 0, 1]), seqSeen: seen },
      { conflictMode: "coarse", transactionMode: "incremental" },
    );
    // Machine 0 is untouched (its own claims do not conflict with each other), but only two
    // halves fit its GPU; machine 1 changed since the snapshot.
    expect(r).toEqual({ committed: [0, 0], conflicted: 2 });
    expect(Array.from(cell.extraAllocatedTotals)).toEqual([1.5]);
    expect(cell.findOvercommitted()).toBe(-1);
  });
});

/**
 * A hand-worked run: one machine (8 CPU, 32 GB, 1 GPU), monolithic with zero think time, retry
 * when resources are freed. Three 1-task half-GPU jobs of 10 s arrive at 0, 1 and 2 s: jobs 0
 * and 1 share the GPU at once; job 2 waits for job 0 to end at 10 s. GPU in use: 0.5 over
 * [0, 1), 1 over [1, 11) (job 2 replaces job 0 at 10), 0.5 over [11, 20) (job 2 alone):
 * (0.5 + 10 + 4.5) GPU·s / (1 GPU × 100 s) = 0.15.
 */
describe("a run with half-GPU tasks", () => {
  it("two share the GPU, the third waits for one to end", () => {
    const ZERO = { perJob: "0s", perTask: "0s" };
    const config = cellConfig(
      { type: "monolithic", decisionTime: { batch: ZERO, service: ZERO } },
      {
        horizonUs: 100e6,
        cluster: { machines: 1, cpus: 8, memGb: 32, resources: { gpus: 1 } },
        retry: { ...DEFAULT_RETRY, retryWhen: "freed" },
        metrics: { samplePeriodUs: 10e6, jobs: true },
      },
    );
    const half = { resources: { gpus: 0.5 } };
    const jobs = [handJob(0, 0, 1, half), handJob(1, 1, 1, half), handJob(2, 2, 1, half)];
    const s = simulateWorkload(config, workloadFromList([], jobs), new RngFactory(1), {
      checkInvariants: true,
    });
    expect((s.jobs as JobRecords).fullyScheduledSec).toEqual([0, 1, 10]);
    expect(s.cell.resources).toEqual([{ name: "gpus", total: 1, utilization: expect.closeTo(0.15, 12) }]);
  });
});
