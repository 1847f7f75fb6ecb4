import { AttemptOutcome, type AttemptOutcomeId } from "../cluster/observer.js";
import { US_PER_DAY, type SimTime } from "../engine/time.js";

/**
 * Busy time and transactions of one scheduler, in total and per simulated day (for the paper's
 * daily medians). An attempt's think time is split exactly across the days it spans.
 */
export class SchedulerStats {
  /** Think time by AttemptOutcome (useful, wasted-conflict, wasted-no-fit, wasted-failure). */
  readonly busyUs = [0, 0, 0, 0];
  attempts = 0;
  committed = 0;
  conflicted = 0;
  readonly dailyBusyUs: Float64Array;
  readonly dailyCommitted: Float64Array;
  readonly dailyConflicted: Float64Array;

  constructor(days: number) {
    this.dailyBusyUs = new Float64Array(days);
    this.dailyCommitted = new Float64Array(days);
    this.dailyConflicted = new Float64Array(days);
  }

  /** Records a finished attempt that thought over [startUs, endUs). */
  attemptEnded(
    startUs: SimTime,
    endUs: SimTime,
    outcome: AttemptOutcomeId,
    transaction: boolean,
    conflicted: boolean,
  ): void {
    this.attempts++;
    (this.busyUs[outcome] as number) += endUs - startUs;
    this.addBusy(startUs, endUs);
    if (!transaction) return;
    const day = Math.min(Math.floor(endUs / US_PER_DAY), this.dailyCommitted.length - 1);
    if (conflicted) {
      this.conflicted++;
      (this.dailyConflicted[day] as number)++;
    } else {
      this.committed++;
      (this.dailyCommitted[day] as number)++;
    }
  }

  get usefulUs(): number {
    return this.busyUs[AttemptOutcome.Useful] as number;
  }
  get wastedConflictUs(): number {
    return this.busyUs[AttemptOutcome.WastedConflict] as number;
  }
  get wastedNoFitUs(): number {
    return this.busyUs[AttemptOutcome.WastedNoFit] as number;
  }
  /** Think time of attempts lost to a scheduler (or master) failure; 0 without failover. */
  get wastedFailureUs(): number {
    return this.busyUs[AttemptOutcome.WastedFailure] as number;
  }

  private addBusy(startUs: SimTime, endUs: SimTime): void {
    let t = startUs;
    while (t < endUs) {
      const day = Math.floor(t / US_PER_DAY);
      const dayEnd = Math.min((day + 1) * US_PER_DAY, endUs);
      if (day < this.dailyBusyUs.length) (this.dailyBusyUs[day] as number) += dayEnd - t;
      t = dayEnd;
    }
  }
}
