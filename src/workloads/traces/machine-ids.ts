import type { MachineEvent } from "../../cluster/machine-event.js";
import type { SimTime } from "../../engine/time.js";
import type { TimeWindow } from "./finish.js";
import { MachineTimeline, type MachineCapacityChange } from "./machine-timeline.js";

/**
 * ADD / REMOVE / UPDATE rows naming machines by a trace's own IDs (the Google traces'
 * `machine_events`, 2011 and 2019 alike) → the cell's machine events. IDs become cell indices in
 * the order of their first ADD; a machine first added after the window start is down from time 0
 * until then; a REMOVE of a machine already down or an ADD of one already up changes nothing
 * (the ADD's capacity, if any, becomes an update). See docs/traces.md, "Machine events".
 */

/** What a machine_events row does. */
export type TraceMachineEvent = "add" | "remove" | "update";

/** Maps trace machine IDs to cell machines and feeds a {@link MachineTimeline}. */
export class TraceMachines {
  private readonly timeline: MachineTimeline;
  /** Trace machine ID → cell index, in first-ADD order. */
  private readonly indexOf = new Map<number, number>();

  constructor(
    private readonly cellMachines: number,
    window: TimeWindow,
  ) {
    this.timeline = new MachineTimeline(cellMachines, window);
  }

  /**
   * Applies one row (rows in time order; `cap` in the cell's units, or undefined to leave the
   * capacity alone). Returns why the row cannot be used (the caller names file:line), or
   * undefined.
   */
  apply(
    timeUs: SimTime,
    machineId: number,
    event: TraceMachineEvent,
    cap?: MachineCapacityChange,
  ): string | undefined {
    let i = this.indexOf.get(machineId);
    if (i === undefined) {
      if (event !== "add") return `machine ${machineId}: event before the machine was ever added`;
      i = this.indexOf.size;
      if (i >= this.cellMachines)
        return `machine ${machineId} is machine number ${i + 1} added, but the cell has ${this.cellMachines}`;
      this.indexOf.set(machineId, i);
      this.timeline.absentAtStart(i);
    }
    if (event === "remove") this.timeline.down(i, timeUs);
    else if (event === "add") {
      if (!this.timeline.upAgain(i, timeUs, cap) && cap) this.timeline.update(i, timeUs, cap);
    } else if (cap) this.timeline.update(i, timeUs, cap);
    return undefined;
  }

  /** The events, sorted by (time, machine). */
  finish(): MachineEvent[] {
    return this.timeline.finish();
  }
}
