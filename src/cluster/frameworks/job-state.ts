import type { SimTime } from "../../engine/time.js";
import type { Locality } from "../job.js";

/**
 * Which of a job's tasks are still to be placed and where their input blocks are (Hadoop data
 * locality). Placing a task on machine m takes a pending task whose block is on m if there is
 * one (a local task), else the lowest-numbered pending task (a remote one).
 */
export class LocalityState {
  /** Pending (not yet started) flags by task. */
  private readonly pending: Uint8Array;
  /** Pending tasks left. */
  private left: number;
  /** Tasks whose block is on each machine (only machines that hold a block). */
  private readonly tasksOn = new Map<number, number[]>();
  /** Lowest task index that may still be pending (remote picks scan from here). */
  private lowest = 0;
  /**
   * When the job last launched a local task, or became pending, µs: delay scheduling measures
   * the job's wait from here.
   */
  waitingSinceUs: SimTime;

  constructor(
    readonly locality: Locality,
    nowUs: SimTime,
  ) {
    const tasks = locality.replicas.length;
    this.pending = new Uint8Array(tasks).fill(1);
    this.left = tasks;
    this.waitingSinceUs = nowUs;
    locality.replicas.forEach((machines, task) => {
      for (const m of machines) {
        const list = this.tasksOn.get(m);
        if (list === undefined) this.tasksOn.set(m, [task]);
        else list.push(task);
      }
    });
  }

  /** Pending tasks left. */
  get pendingTasks(): number {
    return this.left;
  }

  /** Is task t still to be started? */
  isPending(t: number): boolean {
    return this.pending[t] === 1;
  }

  /** Does machine m hold the block of a pending task? */
  hasLocalTask(m: number): boolean {
    const list = this.tasksOn.get(m);
    if (list === undefined) return false;
    for (const t of list) if (this.pending[t] === 1) return true;
    return false;
  }

  /** Machines holding blocks of pending tasks, each once, in task order (for delay scheduling). */
  machinesWithLocalTasks(): number[] {
    const seen = new Set<number>();
    const out: number[] = [];
    for (let t = this.lowest; t < this.pending.length; t++) {
      if (this.pending[t] !== 1) continue;
      for (const m of this.locality.replicas[t] as readonly number[])
        if (!seen.has(m)) {
          seen.add(m);
          out.push(m);
        }
    }
    return out;
  }

  /**
   * A task starts on machine m: takes the pending task it runs and returns whether it is local.
   * A task placed when none is pending any more is a re-run of one taken off its machine
   * (preemption): its block is not tracked again, so it counts as remote.
   */
  take(m: number): boolean {
    const list = this.tasksOn.get(m);
    if (list !== undefined)
      for (const t of list)
        if (this.pending[t] === 1) {
          this.mark(t);
          return true;
        }
    while (this.lowest < this.pending.length && this.pending[this.lowest] !== 1) this.lowest++;
    if (this.lowest >= this.pending.length) return false;
    this.mark(this.lowest);
    return false;
  }

  private mark(t: number): void {
    this.pending[t] = 0;
    this.left--;
  }
}

/** A framework job's per-run state (JobState.fw). */
export class FrameworkJobState {
  /** Desired instances now (Marathon scaling changes it; starts at the job's `tasks`). */
  desired: number;
  /** Data locality of its pending tasks; undefined for jobs without `fw.locality`. */
  readonly locality: LocalityState | undefined;

  constructor(tasks: number, locality: Locality | undefined, nowUs: SimTime) {
    this.desired = tasks;
    this.locality = locality === undefined ? undefined : new LocalityState(locality, nowUs);
  }
}
