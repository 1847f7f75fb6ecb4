import { describe, expect, it } from "vitest";
import type { SchedulerInfo } from "../../src/cluster/architecture.js";
import { AttemptOutcome } from "../../src/cluster/observer.js";
import { US_PER_DAY, US_PER_HOUR } from "../../src/engine/time.js";
import { RunMetrics, type CellFacts } from "../../src/metrics/run-metrics.js";
import { SchedulerStats } from "../../src/metrics/scheduler-stats.js";
import { dayLengthsUs, summarizeScheduler, summarizeWaits } from "../../src/metrics/summarize.js";

const hours = (h: number) => h * US_PER_HOUR;
const days = (d: number) => d * US_PER_DAY;
const { Useful, WastedConflict, WastedNoFit } = AttemptOutcome;
const info: SchedulerInfo = { name: "batch", workloads: ["batch"] };

/**
 * Three days of one scheduler, by hand (busy time per day, then daily busyness = busy / 24 h):
 *   [0 h, 1 h) useful, committed;  [2 h, 5 h) useful, committed;
 *   [22 h, 26 h) conflicted: 2 h on day 0, 2 h on day 1, its transaction ends on day 1;
 *   [30 h, 40 h) useful, committed (day 1);  [50 h, 53 h) no fit, no transaction (day 2).
 * Day 0: 1 + 3 + 2 = 6 h → 0.25.  Day 1: 2 + 10 = 12 h → 0.5.  Day 2: 3 h → 0.125.
 */
function threeDays(stats: { attemptEnded: SchedulerStats["attemptEnded"] }): void {
  stats.attemptEnded(0, hours(1), Useful, true, false);
  stats.attemptEnded(hours(2), hours(5), Useful, true, false);
  stats.attemptEnded(hours(22), hours(26), WastedConflict, true, true);
  stats.attemptEnded(hours(30), hours(40), Useful, true, false);
  stats.attemptEnded(hours(50), hours(53), WastedNoFit, false, false);
}

describe("dayLengthsUs: the days of the daily medians", () => {
  it("full days only; one partial day when the horizon is shorter than a day", () => {
    expect(dayLengthsUs(days(2))).toEqual([US_PER_DAY, US_PER_DAY]);
    // 3.5 days: the trailing half day is left out.
    expect(dayLengthsUs(days(3.5))).toEqual([US_PER_DAY, US_PER_DAY, US_PER_DAY]);
    expect(dayLengthsUs(hours(12))).toEqual([hours(12)]);
  });
});

describe("summarizeScheduler: totals, daily median and MAD", () => {
  it("three days, computed by hand", () => {
    const s = new SchedulerStats(3);
    threeDays(s);
    const summary = summarizeScheduler(info, s, days(3));
    expect(summary).toEqual({
      name: "batch",
      workloads: ["batch"],
      // (1 + 3 + 4 + 10 + 3) h = 21 h over 72 h = 7/24.
      busyness: 21 / 72,
      // Daily 0.25, 0.5, 0.125 → sorted 0.125, 0.25, 0.5 → median 0.25.
      busynessDailyMedian: 0.25,
      // |0.25 − 0.25|, |0.5 − 0.25|, |0.125 − 0.25| = 0, 0.25, 0.125 → median 0.125.
      busynessDailyMad: 0.125,
      usefulSec: 14 * 3600, // 1 + 3 + 10 h
      wastedConflictSec: 4 * 3600,
      wastedNoFitSec: 3 * 3600,
      attempts: 5,
      transactions: { committed: 3, conflicted: 1 },
      conflictFraction: 1 / 3,
      // Day 0: 0 conflicted / 2 committed = 0; day 1: 1 / 1 = 1; day 2 has no committed
      // transaction and is skipped → median of 0 and 1 = 0.5.
      conflictFractionDailyMedian: 0.5,
    });
  });

  it("four days: the even-length median and MAD average the two middle values", () => {
    // Busy 12 h, 3 h, 18 h, 6 h on days 0–3 → 0.5, 0.125, 0.75, 0.25.
    //   sorted 0.125, 0.25, 0.5, 0.75 → median (0.25 + 0.5) / 2 = 0.375;
    //   deviations 0.125, 0.25, 0.375, 0.125 → sorted 0.125, 0.125, 0.25, 0.375 → MAD 0.1875.
    const s = new SchedulerStats(4);
    [12, 3, 18, 6].forEach((busyHours, d) =>
      s.attemptEnded(days(d), days(d) + hours(busyHours), Useful, false, false),
    );
    const summary = summarizeScheduler(info, s, days(4));
    expect(summary.busynessDailyMedian).toBe(0.375);
    expect(summary.busynessDailyMad).toBe(0.1875);
    // 39 h over 96 h.
    expect(summary.busyness).toBe(39 / 96);
    // No transaction at all: no daily conflict fractions → median of nothing = 0.
    expect(summary.conflictFractionDailyMedian).toBe(0);
    expect(summary.conflictFraction).toBe(0);
  });

  it("a horizon shorter than a day has one partial day, divided by its own length", () => {
    // 3 h busy in a 12 h run: busyness 0.25, and the one daily value is also 0.25 (not 3/24).
    const s = new SchedulerStats(1);
    s.attemptEnded(hours(1), hours(4), Useful, false, false);
    const summary = summarizeScheduler(info, s, hours(12));
    expect([summary.busyness, summary.busynessDailyMedian, summary.busynessDailyMad]).toEqual([
      0.25, 0.25, 0,
    ]);
  });

  it("with no committed transaction, the conflict fraction is the conflicted count", () => {
    const s = new SchedulerStats(1);
    s.attemptEnded(0, hours(1), WastedConflict, true, true);
    s.attemptEnded(hours(1), hours(2), WastedConflict, true, true);
    expect(summarizeScheduler(info, s, days(1)).conflictFraction).toBe(2);
  });
});

describe("RunMetrics: days and cell series through the observer", () => {
  const cell: CellFacts = {
    machines: 2,
    totalCpus: 10,
    totalMemGb: 20,
    prefill: { jobs: 0, tasksPlaced: 0, tasksDropped: 0, cpuFraction: 0 },
  };

  it("3.5 days: the trailing half day counts in the total, not in the daily values", () => {
    const m = new RunMetrics(days(3.5), US_PER_DAY);
    m.registerSchedulers([info]);
    threeDays({ attemptEnded: (...a) => m.attemptEnded(0, ...a) });
    // 8 h of the trailing half day (day 3): in busyness, not in the median/MAD of days 0–2.
    m.attemptEnded(0, hours(76), hours(84), WastedNoFit, false, false);
    // CPUs: 5 of 10 on [0, 1.75 d), 10 of 10 on [1.75 d, 3.5 d); memory 4 of 20 throughout.
    m.allocationChanged(0, 5, 4);
    m.allocationChanged(days(1.75), 10, 4);
    const s = m.summarize([], cell, 0);
    const sched = s.schedulers[0]!;
    // (21 + 8) h over 84 h.
    expect(sched.busyness).toBe(29 / 84);
    expect([sched.busynessDailyMedian, sched.busynessDailyMad]).toEqual([0.25, 0.125]);
    expect(sched.wastedNoFitSec).toBe(11 * 3600);
    // CPU: (5·1.75 + 10·1.75) d / 3.5 d / 10 = 0.75. Daily bins: [0,1) 5 → 0.5;
    // [1,2) (5·0.75 + 10·0.25) / 1 = 6.25 → 0.625; [2,3) 1; the half day [3,3.5) 1.
    expect(s.cell.utilization).toEqual({ cpu: 0.75, mem: 0.2 });
    expect(s.cell.series.cpuUtilization).toEqual([0.5, 0.625, 1, 1]);
    expect(s.cell.series.periodSec).toBe(86_400);
  });
});

describe("summarizeWaits: mean, p50, p90, p99 and censoring", () => {
  it("waits 1..10 s, one of them censored at the horizon", () => {
    // Ten jobs submitted at 100 s; nine see their event after waits 1..9 s (given out of
    // order); the tenth never does and is censored at the 110 s horizon: wait 10 s.
    // Waits 1..10: mean 5.5, p50 = 5.5 (pos 4.5), p90 = 9.1 (pos 8.1), p99 = 9.91 (pos 8.91).
    const waitSec = [7, 3, 9, 1, 5, -1, 2, 8, 4, 6];
    const submitUs = new Float64Array(waitSec.length).fill(100e6);
    const eventUs = Float64Array.from(waitSec, (w) => (w < 0 ? -1 : 100e6 + w * 1e6));
    const summary = summarizeWaits(
      waitSec.map((_, i) => i),
      submitUs,
      eventUs,
      110e6,
    );
    expect(summary.censored).toBe(1);
    expect(summary.mean).toBeCloseTo(5.5, 12);
    expect(summary.p50).toBeCloseTo(5.5, 12);
    expect(summary.p90).toBeCloseTo(9.1, 12);
    expect(summary.p99).toBeCloseTo(9.91, 12);
  });
});
