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

  /** Groups currently running. */
  get size(): number {
    return this.live;
  }
}
