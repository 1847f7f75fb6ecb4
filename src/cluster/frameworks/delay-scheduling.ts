import type { SimTime } from "../../engine/time.js";
import type { RandomStream } from "../../engine/rng.js";
import type { Place, TaskRequest } from "../../policies/placement/types.js";
import type { CellView } from "../cell-view.js";
import type { JobState } from "../job-state.js";
import type { LocalityState } from "./job-state.js";

/**
 * Delay scheduling (Zaharia et al., "Delay Scheduling", EuroSys 2010; docs/frameworks/hadoop.md).
 *
 * Protocol:
 * 1. A job with data locality (`fw.locality`) and `delayUs > 0` is *waiting for locality* while
 *    fewer than `delayUs` have passed since it became pending or last launched a local task
 *    (`LocalityState.waitingSinceUs`), and it still has tasks whose blocks are tracked.
 * 2. While it waits, its scheduler's placement sees only the machines of its view that hold a
 *    block of one of its pending tasks, each with room for one task at most: every task placed
 *    is then local (up to two replicas of one block on two chosen machines, see the docs).
 * 3. A waiting job's retry comes when its wait ends at the latest (`localityRetryUs`), and the
 *    retry rule never abandons it while it waits (`waitingForLocality`): holding back is not
 *    giving up. After the wait it places anywhere until its next local launch.
 *
 * Only a frameworks workload turns this on (the model's `delayScheduling` tool): plain runs keep
 * their placer unwrapped.
 */

/** What delay scheduling reads of the model. */
export interface DelayHost {
  readonly now: SimTime;
  /** The run's jobs by index (`TaskRequest.jobIndex`). */
  readonly jobs: readonly (JobState | undefined)[];
}

/** The job's locality state while it waits for a local slot, else undefined. */
function localityWait(job: JobState, nowUs: SimTime): LocalityState | undefined {
  const state = job.fw?.locality;
  if (state === undefined || state.pendingTasks === 0) return undefined;
  const delayUs = state.locality.delayUs;
  return delayUs > 0 && nowUs - state.waitingSinceUs < delayUs ? state : undefined;
}

/** Is the job waiting for a local slot now (delay scheduling holds its remote placements back)? */
export function waitingForLocality(job: JobState, nowUs: SimTime): boolean {
  return localityWait(job, nowUs) !== undefined;
}

/**
 * When a retry of the job planned for `retryUs` should come: no later than the end of its
 * locality wait, so that it runs non-locally as soon as it may.
 */
export function localityRetryUs(job: JobState, nowUs: SimTime, retryUs: SimTime): SimTime {
  const state = localityWait(job, nowUs);
  return state === undefined ? retryUs : Math.min(retryUs, state.waitingSinceUs + state.locality.delayUs);
}

/**
 * The candidates of a view that hold blocks of a waiting job's pending tasks, each with room for
 * one task at most (more than one task on a machine would run all but one remotely).
 */
class LocalMachinesView implements CellView {
  private inner: CellView | undefined;
  /** 1 for the machines holding a block of a pending task of the job being placed. */
  private readonly local: Uint8Array;
  private readonly list: number[] = [];
  private cpusPerTask = 0;
  private memGbPerTask = 0;

  constructor(machines: number) {
    this.local = new Uint8Array(machines);
  }

  /** Restricts `inner` to the machines holding blocks of `state`'s pending tasks. */
  restrict(inner: CellView, state: LocalityState, request: TaskRequest): void {
    this.inner = inner;
    this.cpusPerTask = request.cpusPerTask;
    this.memGbPerTask = request.memGbPerTask;
    const local = state.machinesWithLocalTasks();
    for (const m of local) this.local[m] = 1;
    // The inner view's candidates in its own order: a partition or an offer stays one.
    for (let i = 0; i < inner.candidates; i++) {
      const m = inner.candidate(i);
      if (this.local[m] === 1) this.list.push(m);
    }
    for (const m of local) this.local[m] = 0;
  }

  /** Keeps the first task placed on each machine (tasks without CPUs and memory can stack). */
  onePerMachine(out: number[]): void {
    let kept = 0;
    for (const m of out)
      if (this.local[m] === 0) {
        this.local[m] = 1;
        out[kept++] = m;
      }
    out.length = kept;
    for (const m of out) this.local[m] = 0;
    this.list.length = 0;
    this.inner = undefined;
  }

  get candidates(): number {
    return this.list.length;
  }
  candidate(i: number): number {
    return this.list[i] as number;
  }
  freeCpus(m: number): number {
    return Math.min((this.inner as CellView).freeCpus(m), this.cpusPerTask);
  }
  freeMemGb(m: number): number {
    return Math.min((this.inner as CellView).freeMemGb(m), this.memGbPerTask);
  }
  capacityCpus(m: number): number {
    return (this.inner as CellView).capacityCpus(m);
  }
  freeExtra(m: number, d: number): number {
    return (this.inner as CellView).freeExtra(m, d);
  }
}

/**
 * Wraps a placer with delay scheduling: a request of a job waiting for locality is placed on
 * the machines holding its pending blocks only; every other request goes through unchanged.
 */
export function withDelayScheduling(place: Place, host: DelayHost, machines: number): Place {
  const local = new LocalMachinesView(machines);
  return (view: CellView, request: TaskRequest, rng: RandomStream, out: number[]): void => {
    const index = request.jobIndex ?? -1;
    const job = index >= 0 ? host.jobs[index] : undefined;
    const state = job === undefined ? undefined : localityWait(job, host.now);
    if (state === undefined) {
      place(view, request, rng, out);
      return;
    }
    local.restrict(view, state, request);
    place(local, request, rng, out);
    local.onePerMachine(out);
  };
}
