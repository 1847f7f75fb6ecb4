import type { SchedulerInfo } from "../cluster/architecture.js";
import { AttemptOutcome, type AttemptOutcomeId } from "../cluster/observer.js";
import { secToUs, usToSec, type SimTime } from "../engine/time.js";
import { BinnedMax } from "./binned-max.js";
import { LevelIntegrator } from "./level-integrator.js";
import type { SchedulerSeries, SchedulerWindowSeries } from "./summary.js";

/** One scheduler's windows: levels integrated exactly, counts by the window an attempt ends in. */
class Windows {
  readonly queueMean: LevelIntegrator;
  readonly queueMax: BinnedMax;
  /** Thinking (level 1) by outcome, indexed by AttemptOutcome. */
  readonly busy: LevelIntegrator[];
  readonly attempts: Float64Array;
  readonly committed: Float64Array;
  readonly conflicted: Float64Array;

  constructor(horizonUs: SimTime, windowUs: SimTime) {
    this.queueMean = new LevelIntegrator(horizonUs, windowUs);
    this.queueMax = new BinnedMax(horizonUs, windowUs);
    this.busy = [0, 1, 2, 3].map(() => new LevelIntegrator(horizonUs, windowUs));
    const n = Math.max(1, Math.ceil(horizonUs / windowUs));
    this.attempts = new Float64Array(n);
    this.committed = new Float64Array(n);
    this.conflicted = new Float64Array(n);
  }
}

/**
 * Per-scheduler time series over fixed windows (opt-in: `metrics.schedulerSeries`), fed by
 * {@link RunMetrics} from the observer callbacks. A scheduler thinks about one job at a time and
 * reports its attempts in time order, so each outcome's busy time is a 0/1 level that the
 * integrator splits exactly across windows.
 */
export class SchedulerSeriesRecorder {
  private readonly windows: Windows[];
  private readonly lastBin: number;

  constructor(
    private readonly horizonUs: SimTime,
    private readonly windowUs: SimTime,
    private readonly infos: readonly SchedulerInfo[],
    /** The run has scheduler failures: the series carry the wasted-failure busyness. */
    private readonly failover = false,
  ) {
    this.windows = infos.map(() => new Windows(horizonUs, windowUs));
    this.lastBin = Math.max(1, Math.ceil(horizonUs / windowUs)) - 1;
  }

  /** The scheduler's queue holds `queued` jobs from `nowUs` on. */
  queueLengthChanged(scheduler: number, nowUs: SimTime, queued: number): void {
    const w = this.windows[scheduler] as Windows;
    w.queueMean.set(nowUs, queued);
    w.queueMax.set(nowUs, queued);
  }

  /** An attempt thought over [startUs, endUs); see `SchedulingObserver.attemptEnded`. */
  attemptEnded(
    scheduler: number,
    startUs: SimTime,
    endUs: SimTime,
    outcome: AttemptOutcomeId,
    transaction: boolean,
    conflicted: boolean,
  ): void {
    const w = this.windows[scheduler] as Windows;
    const busy = w.busy[outcome] as LevelIntegrator;
    busy.set(startUs, 1);
    busy.set(endUs, 0);
    const bin = Math.min(Math.floor(endUs / this.windowUs), this.lastBin);
    (w.attempts[bin] as number)++;
    if (!transaction) return;
    if (conflicted) (w.conflicted[bin] as number)++;
    else (w.committed[bin] as number)++;
  }

  /** The series for the run summary, closing every level at the horizon. */
  series(): SchedulerSeries {
    return {
      windowSec: usToSec(Math.min(this.windowUs, this.horizonUs)),
      schedulers: this.windows.map((w, i) => this.one(w, (this.infos[i] as SchedulerInfo).name)),
    };
  }

  private one(w: Windows, name: string): SchedulerWindowSeries {
    w.queueMean.finish();
    w.queueMax.finish();
    const busy = (outcome: AttemptOutcomeId): number[] => {
      const integrator = w.busy[outcome] as LevelIntegrator;
      integrator.finish();
      return integrator.binMeans();
    };
    return {
      name,
      queueLengthMean: w.queueMean.binMeans(),
      queueLengthMax: Array.from(w.queueMax.bins),
      busynessUseful: busy(AttemptOutcome.Useful),
      busynessWastedConflict: busy(AttemptOutcome.WastedConflict),
      busynessWastedNoFit: busy(AttemptOutcome.WastedNoFit),
      ...(this.failover ? { busynessWastedFailure: busy(AttemptOutcome.WastedFailure) } : {}),
      attempts: Array.from(w.attempts),
      committed: Array.from(w.committed),
      conflicted: Array.from(w.conflicted),
    };
  }
}

/** Start and end of window `i`, s: exact to the microsecond; the last window ends at the horizon. */
export function windowSpanSec(windowSec: number, horizonSec: number, i: number): [number, number] {
  const windowUs = secToUs(windowSec);
  const horizonUs = secToUs(horizonSec);
  return [usToSec(Math.min(i * windowUs, horizonUs)), usToSec(Math.min((i + 1) * windowUs, horizonUs))];
}
