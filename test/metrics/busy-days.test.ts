import { describe, expect, it } from "vitest";
import { AttemptOutcome } from "../../src/cluster/observer.js";
import { US_PER_DAY, US_PER_HOUR } from "../../src/engine/time.js";
import { SchedulerStats } from "../../src/metrics/scheduler-stats.js";

const hours = (h: number) => h * US_PER_HOUR;
const days = (d: number) => d * US_PER_DAY;
const { Useful, WastedConflict, WastedNoFit } = AttemptOutcome;

/** The per-day busy time in hours, as a plain array. */
const dailyBusyHours = (s: SchedulerStats) => Array.from(s.dailyBusyUs, (us) => us / US_PER_HOUR);

describe("SchedulerStats: busy time split across simulated days", () => {
  it("an attempt across midnight counts in both days", () => {
    // Thinks over [22 h, 27 h): 2 h before the day-1 boundary (24 h), 3 h after.
    const s = new SchedulerStats(2);
    s.attemptEnded(hours(22), hours(27), Useful, false, false);
    expect(dailyBusyHours(s)).toEqual([2, 3]);
    expect(s.usefulUs).toBe(hours(5));
  });

  it("an attempt spanning three days gives each day its share", () => {
    // [0.5 d, 2.25 d): day 0 gets 12 h, day 1 all 24 h, day 2 the first 6 h.
    const s = new SchedulerStats(3);
    s.attemptEnded(days(0.5), days(2.25), WastedNoFit, false, false);
    expect(dailyBusyHours(s)).toEqual([12, 24, 6]);
    expect(s.wastedNoFitUs).toBe(hours(42));
  });

  it("an attempt ending exactly at midnight belongs to the earlier day only", () => {
    // [23 h, 24 h) is half-open: nothing of it falls in day 1.
    const s = new SchedulerStats(2);
    s.attemptEnded(hours(23), hours(24), Useful, false, false);
    expect(dailyBusyHours(s)).toEqual([1, 0]);
  });

  it("time past the last tracked day counts in the total only", () => {
    // One tracked day; [20 h, 30 h): 4 h in day 0, the 6 h after it have no day.
    const s = new SchedulerStats(1);
    s.attemptEnded(hours(20), hours(30), WastedConflict, false, false);
    expect(dailyBusyHours(s)).toEqual([4]);
    expect(s.wastedConflictUs).toBe(hours(10));
  });

  it("keeps busy time per outcome and sums attempts on the same day", () => {
    // Day 0: useful 1 h + 2 h, conflict 0.5 h, no fit 0.25 h → busy 3.75 h; 4 attempts.
    const s = new SchedulerStats(1);
    s.attemptEnded(0, hours(1), Useful, true, false);
    s.attemptEnded(hours(2), hours(4), Useful, true, false);
    s.attemptEnded(hours(5), hours(5.5), WastedConflict, true, true);
    s.attemptEnded(hours(6), hours(6.25), WastedNoFit, false, false);
    expect(s.attempts).toBe(4);
    expect([s.usefulUs, s.wastedConflictUs, s.wastedNoFitUs]).toEqual([hours(3), hours(0.5), hours(0.25)]);
    expect(dailyBusyHours(s)).toEqual([3.75]);
  });
});

describe("SchedulerStats: transactions per day", () => {
  it("count on the day the attempt ends; attempts without a transaction do not count", () => {
    // Ends at 25 h (day 1) although it started on day 0; ends at 47 h (day 1, conflicted);
    // ends at 3 h (day 0); a no-fit attempt (no transaction) ends at 4 h.
    const s = new SchedulerStats(2);
    s.attemptEnded(hours(23), hours(25), Useful, true, false);
    s.attemptEnded(hours(46), hours(47), WastedConflict, true, true);
    s.attemptEnded(hours(2), hours(3), Useful, true, false);
    s.attemptEnded(hours(3.5), hours(4), WastedNoFit, false, false);
    expect([s.committed, s.conflicted, s.attempts]).toEqual([2, 1, 4]);
    expect(Array.from(s.dailyCommitted)).toEqual([1, 1]);
    expect(Array.from(s.dailyConflicted)).toEqual([0, 1]);
  });

  it("a transaction ending after the last tracked day counts in the last day", () => {
    // Two tracked days; ends at 50 h (day 2, untracked) → clamped into day 1.
    const s = new SchedulerStats(2);
    s.attemptEnded(hours(49), hours(50), Useful, true, false);
    expect(Array.from(s.dailyCommitted)).toEqual([0, 1]);
  });
});
