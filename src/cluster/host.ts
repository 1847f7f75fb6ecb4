import type { AllocationPolicy } from "../allocation/types.js";
import type { RandomStream } from "../engine/rng.js";
import type { SimTime } from "../engine/time.js";
import type { Place } from "../policies/placement/types.js";
import type { CellState } from "./cell-state.js";
import type { RetryRule } from "./decision.js";
import type { ArchitectureEventKindId } from "./events.js";
import type { JobState } from "./job-state.js";
import type { SchedulingObserver } from "./observer.js";
import type { PreemptableTasks } from "./preemptable.js";
import type { SchedulingOptions } from "./scheduling.js";

/**
 * What an architecture sees of the simulation: the clock, the shared cell, the run's jobs, the
 * one retry rule, the metrics observer, its own events, task starts, named random streams and
 * the run's placement policy. Not the model: arrivals, task ends, sampling and the event loop
 * stay the model's business, so an architecture cannot break them.
 *
 * Built-in and plug-in architectures get exactly this host.
 */
export interface ArchitectureHost {
  /** Simulated time now, µs. */
  readonly now: SimTime;
  /** The live shared cell (also a `CellView` of every machine). */
  readonly cell: CellState;
  /**
   * The run's jobs by `JobState.index` (the `a` operand of JobRetry events). A job is held while
   * anything may still name it: while it is pending (queued, waiting, being decided), while a
   * task group of it runs and while a JobRetry for it is queued. Once it is fully scheduled or
   * abandoned and none of those is left, it is settled and its slot reads `undefined`, so a run's
   * memory follows its live jobs: an architecture that keeps job indices of its own (reservations,
   * probes) must expect a finished job to be gone.
   */
  readonly jobs: readonly (JobState | undefined)[];
  /** The run's retry/abandon rule (`finishAttempt` applies it). */
  readonly retry: RetryRule;
  /** Where attempts, waits and busy time are reported (`beginAttempt`/`finishAttempt` do it). */
  readonly observer: SchedulingObserver;
  /**
   * Queues one of the architecture's own events at absolute time `timeUs`; it comes back through
   * `Architecture.handle`. Its kind decides the order among events at an equal time (one table,
   * `EVENT_PRIORITY`); `a` and `b` are free integer operands.
   */
  schedule(timeUs: SimTime, kind: ArchitectureEventKindId, a?: number, b?: number): void;
  /** The run's allocation policy: what to request for a job (`request`) before placing it. */
  readonly allocation: AllocationPolicy;
  /**
   * Starts tasks of `job` now on `machines` (one entry per task; resources must already be
   * committed to the cell, e.g. by `commit`) with `shape` (default: the job's). They end after
   * the job's duration, or, for a job with a performance model, when its work is done.
   */
  startTasks(job: JobState, machines: readonly number[], shape?: TaskShape): void;
  /**
   * Under `retry.retryWhen: "freed"`: `job` waits (for `scheduler`) until resources are freed;
   * it then comes back as a JobRetry event (a = job index, b = scheduler). `finishAttempt` calls it.
   */
  waitForResources(job: JobState, scheduler: number): void;
  /**
   * The retry rule gives up on `job`: it is marked abandoned and reported, and the model lets it
   * go once its running tasks have ended. `finishAttempt` calls it.
   */
  abandon(job: JobState): void;
  /**
   * Optional: the run's scheduling options (`scheduling` in the experiment file): priority-ordered
   * queues, preemption. Absent: FIFO queues, no preemption.
   */
  readonly scheduling?: SchedulingOptions | undefined;
  /**
   * Optional, present only when preemption is on: which tasks of which priority run where (the
   * victims a preempting scheduler may choose from).
   */
  readonly preemptable?: PreemptableTasks | undefined;
  /**
   * Optional, preemption on: takes `count` tasks of running task group `group` off `machine` now
   * (a victim of `preemptable`); their job goes back to its scheduler (docs/preemption.md).
   */
  evictTasks?(group: number, machine: number, count: number): void;
  /**
   * Optional: the names of the workload's frameworks in the order it declares them
   * (docs/frameworks.md); absent or empty when it has none. Architectures routing jobs by
   * framework (`routeBy: "framework"`) make one scheduler per name.
   */
  readonly frameworks?: readonly string[] | undefined;
  /** The run's random stream with this name (same name → same stream; common random numbers). */
  stream(name: string): RandomStream;
  /** A placer of the run's placement policy (one per scheduler: placers keep scratch buffers). */
  makePlacer(): Place;
}

/** The per-task shape of committed tasks. */
export interface TaskShape {
  readonly cpusPerTask: number;
  readonly memGbPerTask: number;
}
