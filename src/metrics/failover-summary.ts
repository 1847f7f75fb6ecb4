import { MASTER } from "../cluster/architecture.js";
import { usToSec, type SimTime } from "../engine/time.js";
import type { FailureSummary, RunSummary } from "./summary.js";

/** One failure plan's down time (from `SchedulerFailover.downUs`). */
export interface TargetDownTime {
  /** The scheduler's index in `summary.schedulers`, or MASTER. */
  target: number;
  downUs: SimTime;
}

/**
 * Scheduler failover's part of a run summary: each scheduler's `downSec` (0 for those that never
 * failed) and `summary.failures.schedulerDownSec`, the down time summed over the schedulers and
 * the two-level master. Returns a new summary; `failures` keeps any other keys it has.
 */
export function withSchedulerDownTimes(summary: RunSummary, down: readonly TargetDownTime[]): RunSummary {
  const perScheduler = new Array<number>(summary.schedulers.length).fill(0);
  let totalUs = 0;
  for (const d of down) {
    totalUs += d.downUs;
    if (d.target !== MASTER) perScheduler[d.target] = (perScheduler[d.target] as number) + d.downUs;
  }
  const failures: FailureSummary = { ...summary.failures, schedulerDownSec: usToSec(totalUs) };
  return {
    ...summary,
    schedulers: summary.schedulers.map((s, i) => ({ ...s, downSec: usToSec(perScheduler[i] as number) })),
    failures,
  };
}
