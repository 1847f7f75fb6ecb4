import type { CellState } from "./cell-state.js";
import type { ExtraAmounts } from "./resources.js";

/**
 * Groups of tasks started together (one commit of one job). All tasks of a group share a shape
 * and a start time, so they also end together: one task-end event per group instead of one per
 * task (a batch job of 100 tasks costs one event, not 100). Slots are recycled through a free list.
 */
export class RunningTasks {
  private readonly machines: (readonly number[] | undefined)[] = [];
  private readonly cpusPerTask: number[] = [];
  private readonly memGbPerTask: number[] = [];
  private readonly extraPerTask: (ExtraAmounts | undefined)[] = [];
  private readonly jobIndex: number[] = [];
  private readonly freeSlots: number[] = [];
  private live = 0;

  /** Registers a started group; returns its id (the task-end event operand). */
  add(
    jobIndex: number,
    machines: readonly number[],
    cpusPerTask: number,
    memGbPerTask: number,
    extraPerTask?: ExtraAmounts,
  ): number {
    const id = this.freeSlots.pop() ?? this.machines.length;
    this.machines[id] = machines;
    this.cpusPerTask[id] = cpusPerTask;
    this.memGbPerTask[id] = memGbPerTask;
    this.extraPerTask[id] = extraPerTask;
    this.jobIndex[id] = jobIndex;
    this.live++;
    return id;
  }

  /** Frees the group's resources on the cell; returns its job index (-1: prefill) and machines. */
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
   * Takes `count` tasks of running group `id` off `machine` now (preemption): frees their
   * resources on the cell and drops them from the group, which keeps running with the rest and
   * keeps its slot, even when no task is left, until its task-end event releases it (that event
   * is already queued and names the slot). Returns the group's job index (-1: prefill).
   *
   * Shares its operation with the failure path's "tasks lost on a machine": unify at merge.
   */
  removeTasks(id: number, machine: number, count: number, cell: CellState): number {
    const machines = this.machines[id];
    if (machines === undefined) throw new Error(`task group ${id} is not running`);
    const kept: number[] = [];
    let removed = 0;
    for (const m of machines) {
      if (m === machine && removed < count) removed++;
      else kept.push(m);
    }
    if (removed !== count)
      throw new Error(`task group ${id} runs ${removed} tasks on machine ${machine}, not ${count}`);
    const cpus = this.cpusPerTask[id] as number;
    const mem = this.memGbPerTask[id] as number;
    const extra = this.extraPerTask[id];
    for (let i = 0; i < count; i++) cell.release(machine, cpus, mem, extra);
    this.machines[id] = kept;
    return this.jobIndex[id] as number;
  }

  /** Each task's CPUs, GB and further amounts of running group `id`. */
  shapeOf(id: number): { cpusPerTask: number; memGbPerTask: number; extraPerTask: ExtraAmounts | undefined } {
    return {
      cpusPerTask: this.cpusPerTask[id] as number,
      memGbPerTask: this.memGbPerTask[id] as number,
      extraPerTask: this.extraPerTask[id],
    };
  }

  /** Groups currently running. */
  get size(): number {
    return this.live;
  }
}
