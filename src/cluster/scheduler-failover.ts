import type { SimEvent } from "../engine/event.js";
import type { SimTime } from "../engine/time.js";
import type { Architecture } from "./architecture.js";
import { EventKind } from "./events.js";

/**
 * When one scheduler (or the two-level master) fails and for how long. The draws are functions
 * so that this layer knows nothing of distributions: the experiment layer builds them on random
 * streams of their own, so failures never shift any other draw of the run.
 */
export interface SchedulerFailurePlan {
  /** Its name in the config and in reports. */
  name: string;
  /** The scheduler's index in `Architecture.schedulers`, or `MASTER`. */
  target: number;
  /** Listed failure times, µs (ascending). A time at which the target is already down is ignored. */
  atUs: readonly SimTime[];
  /** Time to the next failure, µs, measured from the start and then from each recovery (optional). */
  timeToFailureUs?: () => SimTime;
  /** How long a failure lasts, µs (one draw per failure). */
  downtimeUs: () => SimTime;
}

/** What the driver needs of the model: the clock and its event queue. */
export interface FailoverClock {
  readonly now: SimTime;
  schedule(
    timeUs: SimTime,
    kind: typeof EventKind.SchedulerDown | typeof EventKind.SchedulerUp,
    a: number,
    b?: number,
  ): void;
}

/** One plan's state during the run. */
interface TargetState {
  downSinceUs: SimTime;
  down: boolean;
  downUs: SimTime;
  /** The time-to-failure chain's failure came while the target was down: draw the next at recovery. */
  chainWaiting: boolean;
  /** The current outage was started by the chain. */
  chainCaused: boolean;
}

/**
 * Drives scheduler failover for one run (docs/failover.md): SchedulerDown and SchedulerUp model
 * events (a = plan index) call the architecture's `schedulerDown`/`schedulerUp` and account each
 * target's down time. A time-to-failure distribution is a renewal chain: the first failure comes
 * one draw after t = 0, each later one a draw after the previous recovery; exactly one chain
 * event is queued at a time, so a chain failure that finds the target down (after a listed
 * failure) is absorbed and the next one drawn at recovery.
 */
export class SchedulerFailover {
  private readonly states: TargetState[];

  constructor(
    private readonly plans: readonly SchedulerFailurePlan[],
    private readonly clock: FailoverClock,
  ) {
    this.states = plans.map(() => ({
      downSinceUs: 0,
      down: false,
      downUs: 0,
      chainWaiting: false,
      chainCaused: false,
    }));
  }

  /** Queues the listed failures and the first of each chain; call once before the run. */
  start(): void {
    this.plans.forEach((plan, i) => {
      for (const t of plan.atUs) this.clock.schedule(t, EventKind.SchedulerDown, i, 0);
      if (plan.timeToFailureUs)
        this.clock.schedule(this.clock.now + plan.timeToFailureUs(), EventKind.SchedulerDown, i, 1);
    });
  }

  /** A SchedulerDown or SchedulerUp event. */
  handle(event: SimEvent, arch: Architecture): void {
    const plan = this.plans[event.a] as SchedulerFailurePlan;
    const state = this.states[event.a] as TargetState;
    const now = this.clock.now;
    if (event.kind === EventKind.SchedulerDown) {
      const fromChain = event.b === 1;
      if (state.down) {
        if (fromChain) state.chainWaiting = true;
        return;
      }
      state.down = true;
      state.downSinceUs = now;
      state.chainCaused = fromChain;
      (arch.schedulerDown as (index: number) => void).call(arch, plan.target);
      this.clock.schedule(now + plan.downtimeUs(), EventKind.SchedulerUp, event.a);
      return;
    }
    state.down = false;
    state.downUs += now - state.downSinceUs;
    (arch.schedulerUp as (index: number) => void).call(arch, plan.target);
    if (plan.timeToFailureUs && (state.chainCaused || state.chainWaiting)) {
      state.chainWaiting = false;
      this.clock.schedule(now + plan.timeToFailureUs(), EventKind.SchedulerDown, event.a, 1);
    }
  }

  /** Each plan's down time up to `horizonUs`, µs (an outage still open counts until the horizon). */
  downUs(horizonUs: SimTime): { name: string; target: number; downUs: SimTime }[] {
    return this.plans.map((plan, i) => {
      const s = this.states[i] as TargetState;
      const open = s.down ? Math.max(0, horizonUs - s.downSinceUs) : 0;
      return { name: plan.name, target: plan.target, downUs: s.downUs + open };
    });
  }
}
