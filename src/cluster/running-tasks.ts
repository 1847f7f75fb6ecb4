import type { CellState } from "./cell-state.js";
import type { ExtraAmounts } from "./resources.js";

/** Tasks of one group lost from one machine (`RunningTasks.takeOff`). */
export interface LostGroupTasks {
  /** The task group (its running-tasks slot). */
  group: number;
  /** The group's job index (-1: prefill). */
  jobIndex: number;
  /** How many of the group's tasks ran on the machine. */
  tasks: number;
  /** When the group started, µs. */
  startUs: number;
  /** How long the group's tasks were to run from their start, µs. */
  durationUs: number;
}

/**
 * Groups of tasks started together (one commit of one job). All tasks of a group share a shape
 * and a start time, so they also end together: one task-end event per group instead of one per
 * task (a batch job of 100 tasks costs one event, not 100). Slots are recycled through a free list.
 *
 * With failures on (`keepTimes`), each group also keeps its start and run time, and the tasks of
 * a failed machine are found by scanning the running groups. A scan costs O(running tasks) per
 * failure; a per-machine index would cost every task start instead, and failures are rare next to
 * task starts (measured on the reference day: indexing every start cost more than the whole day's
 * scans at Google's failure rates).
 */
export class RunningTasks {
  private readonly machines: (readonly number[] | undefined)[] = [];
  private readonly cpusPerTask: number[] = [];
  private readonly memGbPerTask: number[] = [];
  private readonly extraPerTask: (ExtraAmounts | undefined)[] = [];
  private readonly jobIndex: number[] = [];
  private readonly freeSlots: number[] = [];
  private live = 0;
  /** Failures on: each group's start and run time. */
  private timed = false;
  private readonly startUs: number[] = [];
  private readonly durationUs: number[] = [];

  /** Keeps each group's start and run time from now on (failures); call before any group starts. */
  keepTimes(): void {
    if (this.live !== 0) throw new Error("RunningTasks.keepTimes: groups already running");
    this.timed = true;
  }

  /**
   * Registers a started group; returns its id (the task-end event operand). `startUs` and
   * `durationUs` are kept only under `keepTimes`.
   */
  add(
    jobIndex: number,
    machines: readonly number[],
    cpusPerTask: number,
    memGbPerTask: number,
    extraPerTask?: ExtraAmounts,
    startUs = 0,
    durationUs = 0,
  ): number {
    const id = this.freeSlots.pop() ?? this.machines.length;
    this.machines[id] = machines;
    this.cpusPerTask[id] = cpusPerTask;
    this.memGbPerTask[id] = memGbPerTask;
    this.extraPerTask[id] = extraPerTask;
    this.jobIndex[id] = jobIndex;
    this.live++;
    if (this.timed) {
      this.startUs[id] = startUs;
      this.durationUs[id] = durationUs;
    }
    return id;
  }

  /**
   * Frees the group's resources on the cell; returns its job index (-1: prefill, -2: detached)
   * and machines.
   */
  release(id: number, cell: CellState): { jobIndex: number; tasks: number; machines: readonly number[] } {
    const machines = this.machines[id];
    if (machines === undefined) throw new Error(`task group ${id} is not running`);
    const cpus = this.cpusPerTask[id] as number;
    const mem = this.memGbPerTask[id] as number;
    const extra = this.extraPerTask[id];
    for (let i = 0; i < machines.length; i++) cell.release(machines[i] as number, cpus, mem, extra);
    this.machines[id] = undefined;
    this.freeSlots.push(id);
    this.live--;
    return { jobIndex: this.jobIndex[id] as number, tasks: machines.length, machines };
  }

  /**
   * Takes the tasks running on machine m off it (the machine failed) — all of them, or those of
   * the groups whose job index `which` accepts (-1: prefill): their resources are freed on the
   * cell and their groups shrink (a group left empty stays registered until its task-end event,
   * which then ends nothing). Needs `keepTimes`. Returns what was taken, one entry per group, in
   * slot order.
   */
  takeOff(m: number, cell: CellState, which?: (jobIndex: number) => boolean): LostGroupTasks[] {
    if (!this.timed) throw new Error("RunningTasks.takeOff: call keepTimes first");
    const lost: LostGroupTasks[] = [];
    for (let id = 0; id < this.machines.length; id++) {
      const machines = this.machines[id];
      if (machines === undefined || !machines.includes(m)) continue;
      if (which !== undefined && !which(this.jobIndex[id] as number)) continue;
      const tasks = this.releaseOn(id, m, Number.MAX_SAFE_INTEGER, cell);
      lost.push({
        group: id,
        jobIndex: this.jobIndex[id] as number,
        tasks,
        startUs: this.startUs[id] as number,
        durationUs: this.durationUs[id] as number,
      });
    }
    return lost;
  }

  /**
   * Takes `count` tasks of running group `id` off `machine` now (preemption): frees their
   * resources on the cell and drops them from the group, which keeps running with the rest and
   * keeps its slot, even when no task is left, until its task-end event releases it (that event
   * is already queued and names the slot). Returns the group's job index (-1: prefill).
   */
  removeTasks(id: number, machine: number, count: number, cell: CellState): number {
    if (this.machines[id] === undefined) throw new Error(`task group ${id} is not running`);
    const removed = this.releaseOn(id, machine, count, cell);
    if (removed !== count)
      throw new Error(`task group ${id} runs ${removed} tasks on machine ${machine}, not ${count}`);
    return this.jobIndex[id] as number;
  }

  /**
   * The one way tasks leave a group before its end (failures and preemption): up to `count` of
   * group `id`'s tasks on `machine` are dropped from it and their resources freed. Returns how
   * many were.
   */
  private releaseOn(id: number, machine: number, count: number, cell: CellState): number {
    const machines = this.machines[id] as readonly number[];
    const kept: number[] = [];
    let removed = 0;
    for (const m of machines) {
      if (m === machine && removed < count) removed++;
      else kept.push(m);
    }
    const cpus = this.cpusPerTask[id] as number;
    const mem = this.memGbPerTask[id] as number;
    const extra = this.extraPerTask[id];
    for (let i = 0; i < removed; i++) cell.release(machine, cpus, mem, extra);
    this.machines[id] = kept;
    return removed;
  }

  /** Each task's CPUs, GB and further amounts of running group `id`. */
  shapeOf(id: number): { cpusPerTask: number; memGbPerTask: number; extraPerTask: ExtraAmounts | undefined } {
    return {
      cpusPerTask: this.cpusPerTask[id] as number,
      memGbPerTask: this.memGbPerTask[id] as number,
      extraPerTask: this.extraPerTask[id],
    };
  }

  /**
   * Calls `fn` for every running group with its job index (-1: prefill), its tasks still
   * running, each task's CPUs and memory, and its slot, in slot order.
   */
  forEachGroup(
    fn: (jobIndex: number, tasks: number, cpusPerTask: number, memGbPerTask: number, id: number) => void,
  ): void {
    for (let id = 0; id < this.machines.length; id++) {
      const machines = this.machines[id];
      if (machines === undefined || machines.length === 0) continue;
      fn(
        this.jobIndex[id] as number,
        machines.length,
        this.cpusPerTask[id] as number,
        this.memGbPerTask[id] as number,
        id,
      );
    }
  }

  /**
   * Detaches running group `id` from its job (frameworks: every task of it was stopped, and the
   * job let go of it at once): its task-end event then ends nothing and names no job.
   */
  detach(id: number): void {
    if ((this.machines[id]?.length ?? 1) !== 0) throw new Error(`task group ${id} still runs tasks`);
    this.jobIndex[id] = -2;
  }

  /** The machines of running group `id`'s tasks (one entry per task). */
  machinesOf(id: number): readonly number[] {
    return this.machines[id] ?? [];
  }

  /** Groups currently running. */
  get size(): number {
    return this.live;
  }
}
