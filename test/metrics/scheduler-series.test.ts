import { describe, expect, it } from "vitest";
import type { RunConfig } from "../../src/experiment/config.js";
import { simulateWorkload } from "../../src/experiment/run-one.js";
import { RngFactory } from "../../src/engine/rng.js";
import type { RunSummary, SchedulerWindowSeries } from "../../src/metrics/summary.js";
import { busyCellConfig } from "../../src/testing/busy-cell.js";
import { loadWorkload } from "../../src/experiment/load-workload.js";
import {
  decisionTimes,
  monolithic,
  sharedState,
  staticPartition,
  twoLevel,
} from "../helpers/architectures.js";
import { job, monolithicConfig } from "../helpers/configs.js";
import { runJobs } from "../helpers/run.js";

const sec = (s: number) => s * 1e6;

/** Series with the given window (s) on top of a config. */
function withSeries(config: RunConfig, windowSec: number): RunConfig {
  return { ...config, metrics: { ...config.metrics, schedulerSeriesUs: sec(windowSec) } };
}

/** The per-window values of one scheduler, as plain arrays (one entry per window). */
function windows(s: RunSummary, scheduler = 0): Omit<SchedulerWindowSeries, "name"> {
  const { name: _name, ...rest } = s.schedulerSeries!.schedulers[scheduler]!;
  return rest;
}

describe("per-scheduler series: monolithic, hand-worked", () => {
  // One scheduler, think time 1 s per job + 1 s per task; horizon 20 s; machines of 4 CPUs.
  //   job 0 at t=0, 2 tasks: thinks [0,3), places both (useful).
  //   job 1 at t=1, 3 tasks: queued on [1,3) (queue length 1), thinks [3,7) (useful).
  //   job 2 at t=11, 1 task of 8 CPUs: never fits. It is queued and taken at once (the queue
  //   stays 0), thinks [11,13) (no fit), retries at 14: [14,16), at 17: [17,19), at 20: the
  //   horizon, no attempt ends. No-fit attempts make no transaction.
  const jobs = [job(0, 0, 2), job(1, 1, 3), job(2, 11, 1, { cpusPerTask: 8 })];
  const config = monolithicConfig({
    architecture: monolithic(decisionTimes({ perJobUs: sec(1), perTaskUs: sec(1) })),
    horizonUs: sec(20),
  });

  it("5 s windows: exact busyness, queue means and counts per window", () => {
    const s = runJobs(withSeries(config, 5), jobs);
    expect(s.schedulerSeries!.windowSec).toBe(5);
    expect(s.schedulerSeries!.schedulers[0]!.name).toBe(s.schedulers[0]!.name);
    expect(windows(s)).toEqual({
      // [0,5): length 1 for 2 s of 5 → 0.4, max 1; never again.
      queueLengthMean: [0.4, 0, 0, 0],
      queueLengthMax: [1, 0, 0, 0],
      // [0,5): thinking [0,3) and [3,5) → 5/5; [5,10): [5,7) → 2/5.
      busynessUseful: [1, 0.4, 0, 0],
      busynessWastedConflict: [0, 0, 0, 0],
      // [10,15): [11,13) + [14,15) → 3/5; [15,20): [15,16) + [17,19) → 3/5.
      busynessWastedNoFit: [0, 0, 0.6, 0.6],
      // Attempts end at 3, 7 | 13 | 16, 19.
      attempts: [1, 1, 1, 2],
      committed: [1, 1, 0, 0],
      conflicted: [0, 0, 0, 0],
    });
  });

  it("8 s windows: the last window, [16,20), is 4 s long", () => {
    const s = runJobs(withSeries(config, 8), jobs);
    expect(windows(s)).toEqual({
      // [0,8): length 1 for 2 s of 8.
      queueLengthMean: [0.25, 0, 0],
      queueLengthMax: [1, 0, 0],
      // [0,8): [0,7) useful → 7/8.
      busynessUseful: [0.875, 0, 0],
      busynessWastedConflict: [0, 0, 0],
      // [8,16): [11,13) + [14,16) → 4/8; [16,20): [17,19) → 2/4.
      busynessWastedNoFit: [0, 0.5, 0.5],
      attempts: [2, 1, 2],
      committed: [2, 0, 0],
      conflicted: [0, 0, 0],
    });
  });
});

describe("per-scheduler series: shared state with 2 schedulers", () => {
  it("a conflict race: each scheduler's busy time and transactions land in their windows", () => {
    // As in test/scenarios/shared-state-conflicts.test.ts (fine + incremental, 3 CPUs): A and B
    // each get a 2-task job at t=0, think 1 s. A commits both at t=1 (useful). B: [0,1) one claim
    // conflicts (wasted), [2,3) no fit on its full snapshot, [4,5) places its last task (useful).
    const config = monolithicConfig({
      horizonUs: sec(20),
      cluster: { machines: 1, cpus: 3, memGb: 100 },
      architecture: sharedState({
        schedulers: { batch: 2, service: 0 },
        decisionTime: decisionTimes({ perJobUs: sec(1), perTaskUs: 0 }),
      }),
    });
    const s = runJobs(withSeries(config, 2), [
      job(0, 0, 2, { durationUs: sec(3) }),
      job(1, 0, 2, { durationUs: sec(3) }),
    ]);
    const zeros = Array<number>(10).fill(0);
    const at = (values: Record<number, number>) => zeros.map((z, i) => values[i] ?? z);
    expect(windows(s, 0)).toEqual({
      queueLengthMean: zeros,
      queueLengthMax: zeros,
      busynessUseful: at({ 0: 0.5 }),
      busynessWastedConflict: zeros,
      busynessWastedNoFit: zeros,
      attempts: at({ 0: 1 }),
      committed: at({ 0: 1 }),
      conflicted: zeros,
    });
    expect(windows(s, 1)).toEqual({
      queueLengthMean: zeros,
      queueLengthMax: zeros,
      busynessUseful: at({ 2: 0.5 }),
      busynessWastedConflict: at({ 0: 0.5 }),
      busynessWastedNoFit: at({ 1: 0.5 }),
      attempts: at({ 0: 1, 1: 1, 2: 1 }),
      committed: at({ 2: 1 }),
      conflicted: at({ 0: 1 }),
    });
  });

  it("queues: jobs dealt round-robin wait in their own scheduler's queue", () => {
    // Plenty of room, no conflicts. Three 1-task jobs at t=0 with 1 s think time: A gets jobs 0
    // and 2 (job 2 waits [0,1), then thinks [1,2)), B gets job 1 and thinks [0,1).
    const config = monolithicConfig({
      horizonUs: sec(4),
      cluster: { machines: 1, cpus: 100, memGb: 100 },
      architecture: sharedState({
        schedulers: { batch: 2, service: 0 },
        decisionTime: decisionTimes({ perJobUs: sec(1), perTaskUs: 0 }),
      }),
    });
    const s = runJobs(withSeries(config, 2), [job(0, 0, 1), job(1, 0, 1), job(2, 0, 1)]);
    const [a, b] = [windows(s, 0), windows(s, 1)];
    expect([a.queueLengthMean, a.queueLengthMax, a.busynessUseful]).toEqual([
      [0.5, 0],
      [1, 0],
      [1, 0],
    ]);
    expect([b.queueLengthMean, b.queueLengthMax, b.busynessUseful]).toEqual([
      [0, 0],
      [0, 0],
      [0.5, 0],
    ]);
  });
});

describe("per-scheduler series: two-level, hand-worked", () => {
  it("jobs wait in the framework's queue until the offer, then are taken one by one", () => {
    // One batch framework, think 1 s per job. Jobs 0 and 1 arrive at t=0: queue length 2. The
    // offer round runs at 1 s, the offer arrives at 1.001 s (allocator 1 ms): job 0 is taken
    // (length 1) and thought about over [1.001, 2.001), then job 1 (length 0) over [2.001, 3.001).
    const config = monolithicConfig({
      horizonUs: sec(6),
      architecture: twoLevel({
        frameworks: { batch: 1, service: 0 },
        minOfferCpus: 1,
        decisionTime: decisionTimes({ perJobUs: sec(1), perTaskUs: 0 }),
      }),
    });
    const s = runJobs(withSeries(config, 2), [job(0, 0, 1), job(1, 0, 1)]);
    expect(windows(s)).toEqual({
      // [0,2): 2 for 1.001 s, 1 for 0.999 s → 3.001/2; [2,4): 1 for 0.001 s → 0.001/2.
      queueLengthMean: [1.5005, 0.0005, 0],
      queueLengthMax: [2, 1, 0],
      // [0,2): [1.001, 2) → 0.999/2; [2,4): [2, 3.001) → 1.001/2.
      busynessUseful: [0.4995, 0.5005, 0],
      busynessWastedConflict: [0, 0, 0],
      busynessWastedNoFit: [0, 0, 0],
      // Both think times end in [2,4) (at 2.001 and 3.001; reported at the reply, 3.001).
      attempts: [0, 2, 0],
      committed: [0, 2, 0],
      conflicted: [0, 0, 0],
    });
  });
});

/** Runs a busy cell (seed 1) with and without series. */
async function busyRun(config: RunConfig): Promise<RunSummary> {
  const rng = new RngFactory(1);
  const workload = await loadWorkload(config, config.cluster.machines * config.cluster.cpus, rng);
  return simulateWorkload(config, workload, rng);
}

const ARCHITECTURES = {
  monolithic: monolithic(),
  "static partition": staticPartition(),
  "shared state (2 batch)": sharedState({ schedulers: { batch: 2, service: 1 } }),
  "two-level": twoLevel(),
};

describe.each(Object.entries(ARCHITECTURES))("per-scheduler series on a busy cell: %s", (_label, arch) => {
  const config = busyCellConfig(arch, sec(1800));

  it("leaves every other field of the summary byte-identical", async () => {
    const [off, on] = await Promise.all([busyRun(config), busyRun(withSeries(config, 300))]);
    expect(off.schedulerSeries).toBeUndefined();
    const { schedulerSeries, ...rest } = on;
    expect(schedulerSeries!.schedulers.map((x) => x.name)).toEqual(on.schedulers.map((x) => x.name));
    expect(JSON.stringify(rest)).toBe(JSON.stringify(off));
  });

  it("adds up to the whole-run scheduler summary", async () => {
    const s = await busyRun(withSeries(config, 300));
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    s.schedulerSeries!.schedulers.forEach((w, i) => {
      const whole = s.schedulers[i]!;
      expect(w.queueLengthMean).toHaveLength(6);
      expect(sum(w.attempts)).toBe(whole.attempts);
      expect(sum(w.committed)).toBe(whole.transactions.committed);
      expect(sum(w.conflicted)).toBe(whole.transactions.conflicted);
      expect(sum(w.busynessUseful) * 300).toBeCloseTo(whole.usefulSec, 6);
      expect(sum(w.busynessWastedConflict) * 300).toBeCloseTo(whole.wastedConflictSec, 6);
      expect(sum(w.busynessWastedNoFit) * 300).toBeCloseTo(whole.wastedNoFitSec, 6);
      w.queueLengthMean.forEach((m, k) => expect(m).toBeLessThanOrEqual(w.queueLengthMax[k]!));
    });
  });
});
