import { describe, expect, it } from "vitest";
import { RngFactory } from "../../src/engine/rng.js";
import { loadWorkload } from "../../src/experiment/load-workload.js";
import { runOne } from "../../src/experiment/run-one.js";
import type { RunSummary } from "../../src/metrics/summary.js";
import { decisionTimes, VARIANTS, type Variant } from "../helpers/architectures.js";
import { BUSY_CELL_DT, busyCellConfig } from "../helpers/busy-cell.js";
import { job, monolithicConfig } from "../helpers/configs.js";
import { runJobs } from "../helpers/run.js";

/**
 * The one conformance suite every architecture passes (STYLE.md point 9). Each variant runs the
 * same busy synthetic workload (test/helpers/busy-cell.ts) three times: seed 1 with the
 * over-commit invariant checked after every event, seed 1 again without checks (same result:
 * the option must not change anything), and seed 2.
 */

const SEED = 1;
const OTHER_SEED = 2;
const KINDS = ["batch", "service"] as const;

/** Lazily computed runs of one variant (each run once, shared by the tests). */
function runsOf(v: Variant) {
  const cache = new Map<string, Promise<RunSummary>>();
  const get = (seed: number, checkInvariants: boolean) => {
    const key = `${seed}/${checkInvariants}`;
    let p = cache.get(key);
    if (!p) {
      p = runOne(busyCellConfig(v.make(BUSY_CELL_DT)), seed, { checkInvariants });
      cache.set(key, p);
    }
    return p;
  };
  return {
    checked: () => get(SEED, true),
    unchecked: () => get(SEED, false),
    otherSeed: () => get(OTHER_SEED, false),
  };
}

/** Submitted jobs per kind, straight from the workload generator (no architecture involved). */
async function workloadCounts(seed: number): Promise<Record<string, number>> {
  const config = busyCellConfig(VARIANTS[0]!.make(BUSY_CELL_DT));
  const c = config.cluster;
  const w = await loadWorkload(config, c.machines * c.cpus, new RngFactory(seed));
  const counts: Record<string, number> = { batch: 0, service: 0 };
  for (let j = w.next(); j !== undefined; j = w.next()) counts[j.kind] = (counts[j.kind] ?? 0) + 1;
  return counts;
}

describe.each(VARIANTS)("conformance: $label", (v) => {
  const runs = runsOf(v);

  it("never over-commits a machine (invariant checked after every event) and is busy enough to retry", async () => {
    const s = await runs.checked(); // throws on the first over-committed machine
    expect(s.schedulers.map((x) => x.name)).toEqual(v.schedulers);
    // The workload is meant to exercise failed placements and retries in every architecture.
    expect(s.workloads.batch!.attemptsMean).toBeGreaterThan(1);
    const noFit = s.schedulers.reduce((t, x) => t + x.wastedNoFitSec, 0);
    expect(noFit).toBeGreaterThan(0);
  });

  it("accounts for every submitted job", async () => {
    const s = await runs.checked();
    for (const kind of KINDS) {
      const w = s.workloads[kind]!;
      expect(w.submitted).toBeGreaterThan(0);
      expect(w.fullyScheduled + w.abandoned + w.pending).toBe(w.submitted);
      expect(w.fullyScheduled).toBeLessThanOrEqual(w.scheduled);
      expect(w.scheduled).toBeLessThanOrEqual(w.submitted);
      // Waits are over all submitted jobs: those not yet there are censored, never dropped.
      expect(w.waitFullSec.censored).toBe(w.submitted - w.fullyScheduled);
      expect(w.waitFirstSec.censored).toBeLessThanOrEqual(w.pending);
    }
  });

  it("is deterministic: same seed → identical summary (invariant checks change nothing); another seed differs", async () => {
    const [a, b, c] = await Promise.all([runs.checked(), runs.unchecked(), runs.otherSeed()]);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    expect(c.workloads.batch!.submitted).not.toBe(a.workloads.batch!.submitted);
  });

  it("sees the same jobs as every other architecture for a seed (common random numbers)", async () => {
    for (const [seed, run] of [
      [SEED, runs.checked],
      [OTHER_SEED, runs.otherSeed],
    ] as const) {
      const s = await run();
      const expected = await workloadCounts(seed);
      for (const kind of KINDS) expect(s.workloads[kind]!.submitted).toBe(expected[kind]);
    }
  });

  it("splits busy time exactly into useful + wasted (conflict, no fit)", async () => {
    const s = await runs.checked();
    for (const x of s.schedulers) {
      const parts = x.usefulSec + x.wastedConflictSec + x.wastedNoFitSec;
      expect(x.busyness * s.simulatedSec).toBeCloseTo(parts, 6);
      // One scheduler decides one job at a time, so it is busy at most all the time.
      expect(x.busyness).toBeGreaterThan(0);
      expect(x.busyness).toBeLessThanOrEqual(1);
      // A run shorter than a day has one (partial) day: its median is the run's busyness.
      expect(x.busynessDailyMedian).toBeCloseTo(x.busyness, 12);
      expect(x.transactions.committed + x.transactions.conflicted).toBeLessThanOrEqual(x.attempts);
      // Only optimistic (shared-state) commits can conflict.
      if (!v.label.startsWith("shared-state")) expect(x.transactions.conflicted).toBe(0);
    }
  });

  it("reports utilization in [0, 1] and locks resources only in two-level offers", async () => {
    const s = await runs.checked();
    const { utilization, locked, series } = s.cell;
    for (const u of [utilization.cpu, utilization.mem]) {
      expect(u).toBeGreaterThan(0);
      expect(u).toBeLessThanOrEqual(1);
    }
    expect(utilization.cpu + locked.cpu).toBeLessThanOrEqual(1 + 1e-9);
    series.cpuUtilization.forEach((u, i) => {
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u + (series.lockedCpu[i] as number)).toBeLessThanOrEqual(1 + 1e-9);
    });
    if (v.locks) expect(locked.cpu).toBeGreaterThan(0);
    else {
      expect(locked.cpu).toBe(0);
      expect(locked.mem).toBe(0);
    }
  });
});

describe.each(VARIANTS)("conformance, waits on a hand-made workload: $label", (v) => {
  const sec = (s: number) => s * 1e6;
  // Two-level jobs wait for the batched offer round (1 s after the submission triggers it) plus
  // the allocator's decision time (1 ms) before their first attempt; every other architecture
  // starts an idle scheduler at once.
  const offerDelaySec = v.locks ? 1.001 : 0;

  it("one job on an empty cell waits 0 s for its first attempt (two-level: 1 s round + 1 ms)", () => {
    const config = monolithicConfig({ architecture: v.make(BUSY_CELL_DT), horizonUs: sec(100) });
    const s = runJobs(config, [job(0, 0, 5)]);
    const b = s.workloads.batch!;
    expect(b.waitFirstSec.mean).toBeCloseTo(offerDelaySec, 9);
    // Fully placed at the end of one think time: 0.1 s + 5 tasks × 5 ms.
    expect(b.waitFullSec.mean).toBeCloseTo(offerDelaySec + 0.125, 9);
    expect(b.attemptsMean).toBe(1);
  });

  it("a service job alone waits the same way", () => {
    const config = monolithicConfig({ architecture: v.make(BUSY_CELL_DT), horizonUs: sec(100) });
    const s = runJobs(config, [job(0, 3, 2, { kind: "service" })]);
    expect(s.workloads.service!.waitFirstSec.mean).toBeCloseTo(offerDelaySec, 9);
    expect(s.workloads.service!.waitFirstSec.censored).toBe(0);
  });

  it("a job never attempted by the horizon is censored at the horizon", () => {
    // Service jobs at 0, 10, 20 s; 60 s per decision; horizon 100 s. The first attempt takes
    // [0, 60) (two-level: [1.001, 61.001)); the second starts at 60 (two-level: reply at 61.001,
    // round at 62.001, offer at 62.002); the third would start at 120 (two-level 122.002).
    const dt = { perJobUs: sec(60), perTaskUs: 0 };
    const config = monolithicConfig({ architecture: v.make(decisionTimes(dt)), horizonUs: sec(100) });
    const jobs = [0, 10, 20].map((t, i) => job(i, t, 1, { kind: "service" }));
    const w = runJobs(config, jobs).workloads.service!;
    expect(w.waitFirstSec.censored).toBe(1);
    expect(w.pending).toBe(2);
    const waits = v.locks ? [1.001, 62.002 - 10, 100 - 20] : [0, 60 - 10, 100 - 20];
    expect(w.waitFirstSec.mean).toBeCloseTo((waits[0]! + waits[1]! + waits[2]!) / 3, 9);
  });
});
