import type { SimTime } from "../../engine/time.js";
import type { RandomStream } from "../../engine/rng.js";
import type { Place, TaskRequest } from "../../policies/placement/types.js";
import type { CellView } from "../cell-view.js";
import type { Locality } from "../job.js";
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
 *    block of one of its pending tasks, each with room for one task at most; of the machines it
 *    chose, those that might compete with another for one task's block are dropped and placement
 *    tries the rest (`LocalAssignment`), so every task placed while waiting runs locally.
 * 3. A waiting job's retry comes when its wait ends at the latest (`localityRetryUs`), and the
 *    retry rule never abandons it while it waits (`waitingForLocality`): holding back is not
 *    giving up. After the wait it places anywhere until its next local launch.
 *
 * Only a workload with framework jobs turns this on (the model wraps its placers when the workload
 * declares frameworks): every other run keeps its placer and retry path as they were.
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
  /** Scratch marks by machine (all 0 between calls). */
  private readonly marks: Uint8Array;
  private list: number[] = [];
  private cpusPerTask = 0;
  private memGbPerTask = 0;

  constructor(machines: number) {
    this.marks = new Uint8Array(machines);
  }

  /** Restricts `inner` to the machines holding blocks of `state`'s pending tasks. */
  restrict(inner: CellView, state: LocalityState, request: TaskRequest): void {
    this.inner = inner;
    this.cpusPerTask = request.cpusPerTask;
    this.memGbPerTask = request.memGbPerTask;
    const local = state.machinesWithLocalTasks();
    for (const m of local) this.marks[m] = 1;
    // The inner view's candidates in its own order: a partition or an offer stays one.
    for (let i = 0; i < inner.candidates; i++) {
      const m = inner.candidate(i);
      if (this.marks[m] === 1) this.list.push(m);
    }
    for (const m of local) this.marks[m] = 0;
  }

  /** Takes the machines of `used` out of the candidates (kept or dropped by a round). */
  remove(used: readonly number[]): void {
    for (const m of used) this.marks[m] = 1;
    this.list = this.list.filter((m) => this.marks[m] === 0);
    for (const m of used) this.marks[m] = 0;
  }

  /** Lets go of the inner view (end of the call). */
  clear(): void {
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
 * Which chosen machines run a local task. The model starts the tasks of a placement in order,
 * each taking the first pending task with a block on its machine (`LocalityState.take`); this
 * replays that assignment over the machines kept so far, so a machine is kept exactly when it
 * would run a local task (two machines holding the block of one pending task cannot both count on
 * it).
 */
class LocalAssignment {
  /** Pending tasks assigned to a kept machine in this placement. */
  private readonly assigned = new Set<number>();

  constructor(
    private readonly state: LocalityState,
    private readonly tasksOn: ReadonlyMap<number, readonly number[]>,
  ) {}

  /** Appends the machines of `round` that run a local task to `out`; returns how many. */
  keep(round: readonly number[], out: number[]): number {
    let kept = 0;
    for (const m of round) {
      const task = (this.tasksOn.get(m) ?? []).find((t) => this.state.isPending(t) && !this.assigned.has(t));
      if (task === undefined) continue;
      this.assigned.add(task);
      out.push(m);
      kept++;
    }
    return kept;
  }
}

/**
 * Wraps a placer with delay scheduling: a request of a job waiting for locality is placed on
 * the machines holding its pending blocks only, in rounds: each round places the tasks still
 * wanted on the machines not tried yet and keeps those that run a local task, until every task is placed
 * or a round keeps all it placed (the placer found no more room). Every other request goes
 * through unchanged.
 */
export function withDelayScheduling(place: Place, host: DelayHost, machines: number): Place {
  const local = new LocalMachinesView(machines);
  // Per job (its locality record), the tasks whose block is on each machine: built once.
  const tasksOnByJob = new WeakMap<Locality, Map<number, number[]>>();
  const round: number[] = [];
  return (view: CellView, request: TaskRequest, rng: RandomStream, out: number[]): void => {
    const index = request.jobIndex ?? -1;
    const job = index >= 0 ? host.jobs[index] : undefined;
    const state = job === undefined ? undefined : localityWait(job, host.now);
    if (state === undefined) {
      place(view, request, rng, out);
      return;
    }
    let tasksOn = tasksOnByJob.get(state.locality);
    if (tasksOn === undefined) {
      tasksOn = tasksByMachine(state.locality);
      tasksOnByJob.set(state.locality, tasksOn);
    }
    const picker = new LocalAssignment(state, tasksOn);
    const wanted = request.tasks;
    local.restrict(view, state, request);
    for (;;) {
      round.length = 0;
      request.tasks = wanted - out.length;
      place(local, request, rng, round);
      const kept = picker.keep(round, out);
      if (kept === round.length || out.length >= wanted) break;
      local.remove(round);
    }
    request.tasks = wanted;
    local.clear();
  };
}

/** The tasks whose block is on each machine (machines holding none are absent). */
function tasksByMachine(locality: Locality): Map<number, number[]> {
  const tasksOn = new Map<number, number[]>();
  locality.replicas.forEach((machines, task) => {
    for (const m of machines) {
      const list = tasksOn.get(m);
      if (list === undefined) tasksOn.set(m, [task]);
      else list.push(task);
    }
  });
  return tasksOn;
}
