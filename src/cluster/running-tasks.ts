import type { CellState } from "./cell-state.js";
import type { ExtraAmounts } from "./resources.js";
import { MachineIndex } from "./machine-index.js";

/** Tasks of one group lost from one machine (`RunningTasks.takeOff`). */
export interface LostGroupTasks {
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
 * With failures on (`indexMachines`), the groups are also indexed by machine, with their start
 * time and run time, so the tasks of a failed machine can be taken off at once.
 */
export class RunningTasks {
  private readonly machines: (readonly number[] | undefined)[] = [];
  private readonly cpusPerTask: number[] = [];
  private readonly memGbPerTask: number[] = [];
  private readonly extraPerTask: (ExtraAmounts | undefined)[] = [];
  private readonly jobIndex: number[] = [];
  private readonly freeSlots: number[] = [];
  private live = 0;
  /** Failures on: groups by machine, and each group's start and run time. */
  private index: MachineIndex | undefined;
  private readonly startUs: number[] = [];
  private readonly durationUs: number[] = [];

  /** Turns the per-machine index on (failures); call before any group starts. */
  indexMachines(machines: number): void {
    if (this.live !== 0) throw new Error("RunningTasks.indexMachines: groups already running");
    this.index = new MachineIndex(machines);
  }

  /**
   * Registers a started group; returns its id (the task-end event operand). `startUs` and
   * `durationUs` are kept only when machines are indexed.
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
    if (this.index !== undefined) {
      this.startUs[id] = startUs;
      this.durationUs[id] = durationUs;
      this.index.add(id, machines, (g) => this.machines[g] !== undefined);
    }
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
   * Takes every task running on machine m off it (the machine failed; later, a preemption): their
   * resources are freed on the cell and their groups shrink (a group left empty stays registered
   * until its task-end event, which then ends nothing). Needs `indexMachines`. Returns what was
   * taken, one entry per group, in the order the groups started on m.
   */
  takeOff(m: number, cell: CellState): LostGroupTasks[] {
    const index = this.index;
    if (index === undefined) throw new Error("RunningTasks.takeOff: machines are not indexed");
    const lost: LostGroupTasks[] = [];
    for (const id of index.take(m)) {
      const machines = this.machines[id];
      // A stale entry: the slot was recycled for a group elsewhere (or m was handled already).
      if (machines === undefined || !machines.includes(m)) continue;
      const kept = machines.filter((x) => x !== m);
      const tasks = machines.length - kept.length;
      const cpus = this.cpusPerTask[id] as number;
      const mem = this.memGbPerTask[id] as number;
      const extra = this.extraPerTask[id];
      for (let i = 0; i < tasks; i++) cell.release(m, cpus, mem, extra);
      this.machines[id] = kept;
      lost.push({
        jobIndex: this.jobIndex[id] as number,
        tasks,
        startUs: this.startUs[id] as number,
        durationUs: this.durationUs[id] as number,
      });
    }
    return lost;
  }

  /** Groups currently running. */
  get size(): number {
    return this.live;
  }
}
