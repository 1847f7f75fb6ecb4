import type { SchedulerInfo } from "../cluster/architecture.js";
import { US_PER_DAY, usToSec, type SimTime } from "../engine/time.js";
import type { SchedulerStats } from "./scheduler-stats.js";
import { mad, mean, median, quantileSorted } from "./stats.js";
import type { DistributionSummary, SchedulerSummary } from "./summary.js";

/**
 * Wait from submit to an event, over the jobs `rows` of the ledger columns (µs by job index; an
 * event time −1 had not happened by the horizon). Such a job counts as censored at the horizon
 * instead of being dropped, so a growing backlog at saturation raises the mean instead of hiding
 * it (the reference simulator drops those jobs).
 */
export function summarizeWaits(
  rows: ArrayLike<number>,
  submitUs: Float64Array,
  eventUs: Float64Array,
  horizonUs: SimTime,
): DistributionSummary {
  const waits = new Float64Array(rows.length);
  let censored = 0;
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k] as number;
    const t = eventUs[i] as number;
    if (t < 0) censored++;
    waits[k] = usToSec((t < 0 ? horizonUs : t) - (submitUs[i] as number));
  }
  waits.sort();
  return {
    mean: mean(waits),
    p50: quantileSorted(waits, 0.5),
    p90: quantileSorted(waits, 0.9),
    p99: quantileSorted(waits, 0.99),
    censored,
  };
}

/**
 * Lengths of the simulated days for daily medians: full days only, unless the horizon is shorter
 * than one day (then the one partial day). A trailing partial day is left out so that a 7.01-day
 * run does not add a noisy 15-minute "day".
 */
export function dayLengthsUs(horizonUs: SimTime): number[] {
  const full = Math.floor(horizonUs / US_PER_DAY);
  if (full === 0) return [horizonUs];
  return Array.from({ length: full }, () => US_PER_DAY);
}

/**
 * One scheduler's summary. `failover`: the run has scheduler failures configured, so the summary
 * carries the wasted-failure component (otherwise left out, keeping results as they were).
 */
export function summarizeScheduler(
  info: SchedulerInfo,
  s: SchedulerStats,
  horizonUs: SimTime,
  failover = false,
): SchedulerSummary {
  const days = dayLengthsUs(horizonUs);
  const dailyBusyness = days.map((len, d) => (s.dailyBusyUs[d] as number) / len);
  const dailyConflict: number[] = [];
  days.forEach((_, d) => {
    const committed = s.dailyCommitted[d] as number;
    if (committed > 0) dailyConflict.push((s.dailyConflicted[d] as number) / committed);
  });
  // Without failover the last term is 0, and x + 0 is x: busyness stays bit-identical.
  const busyUs = s.usefulUs + s.wastedConflictUs + s.wastedNoFitUs + s.wastedFailureUs;
  return {
    name: info.name,
    workloads: [...info.workloads],
    busyness: horizonUs > 0 ? busyUs / horizonUs : 0,
    busynessDailyMedian: median(dailyBusyness),
    busynessDailyMad: mad(dailyBusyness),
    usefulSec: usToSec(s.usefulUs),
    wastedConflictSec: usToSec(s.wastedConflictUs),
    wastedNoFitSec: usToSec(s.wastedNoFitUs),
    // Rescinded offers (per-agent offerTimeout) waste think time without failover too.
    ...(failover || s.wastedFailureUs > 0 ? { wastedFailureSec: usToSec(s.wastedFailureUs) } : {}),
    attempts: s.attempts,
    transactions: { committed: s.committed, conflicted: s.conflicted },
    // Omega's definition; with no committed transaction at all, the count of conflicted ones.
    conflictFraction: s.conflicted / Math.max(1, s.committed),
    conflictFractionDailyMedian: median(dailyConflict),
  };
}
