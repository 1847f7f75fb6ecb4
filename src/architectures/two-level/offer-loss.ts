import type { JobState } from "../../cluster/job-state.js";
import { AttemptOutcome, type SchedulingObserver } from "../../cluster/observer.js";
import type { SimTime } from "../../engine/time.js";

/**
 * What a failure does to a framework's offers (docs/failover.md): the offers' events become
 * stale, and the decisions made in them are lost.
 */

/**
 * Offer slots per epoch in the event operand that names a slot: slot + epoch × stride. The epoch
 * is 0 until an offer is torn down by a failure, so runs without failover carry the bare slot,
 * exactly as before.
 */
const EPOCH_STRIDE = 1 << 20;

/** The operands naming a framework's offer slots in its events (OfferDelivered, SchedulerDone). */
export class OfferTags {
  private epoch = 0;

  /** The operand naming offer `slot` now. */
  tag(slot: number): number {
    return slot + this.epoch * EPOCH_STRIDE;
  }

  /** The slot an operand names, or −1 when it was given out before the last `invalidate`. */
  slotOf(tag: number): number {
    const slot = tag - this.epoch * EPOCH_STRIDE;
    return slot >= 0 ? slot : -1;
  }

  /** The framework's offers were torn down: every operand given out so far is stale. */
  invalidate(): void {
    this.epoch++;
  }
}

/** A decision made in an offer, as far as losing it is concerned. */
export interface OfferDecision {
  readonly job: JobState;
  /** Its think time, µs (`endUs` only matters once it is over). */
  readonly startUs: SimTime;
  readonly endUs: SimTime;
}

/**
 * Reports the decisions of a torn-down offer as lost and collects their jobs into `lost`, in
 * order: the first `inFlight` were thought through (their whole think time is WastedFailure),
 * decision `inFlight` was being thought about (wasted until `nowUs`), later ones had not begun
 * (they cost nothing).
 */
export function loseDecisions(
  observer: SchedulingObserver,
  scheduler: number,
  decisions: readonly OfferDecision[],
  inFlight: number,
  nowUs: SimTime,
  lost: JobState[],
): void {
  decisions.forEach((d, i) => {
    if (i <= inFlight) {
      const endUs = i < inFlight ? d.endUs : nowUs;
      observer.attemptEnded(scheduler, d.startUs, endUs, AttemptOutcome.WastedFailure, false, false);
    }
    lost.push(d.job);
  });
}
