import type { MachineEvent } from "../../cluster/machine-event.js";
import type { SimTime } from "../../engine/time.js";
import type { TimeWindow } from "./finish.js";

/**
 * Turns a machine-event trace's rows (already mapped to cell machine indices, in time order)
 * into the run's `MachineEvent[]` for a read window [from, to): rows at or before `from` only
 * set each machine's state at the start, which becomes events at time 0 (a `down` for every
 * machine down then, an `update` for a capacity the trace gives it then); later rows become
 * events at `time − from`. The result is sorted by (time, machine), rows of one machine at one
 * time kept in trace order (a REMOVE and an ADD in the same µs stay a down then an up).
 *
 * Every machine of the cell is up at the start unless a row says otherwise, and the events of a
 * machine alternate down → up → down …: a transition to the state a machine is already in is
 * refused (the caller decides whether that is an error or a row to skip).
 */

/** A capacity from a trace row, already in the cell's units. */
export interface MachineCapacityChange {
  cpus: number;
  memGb: number;
}

/** Builds the events of one read (see the file comment). */
export class MachineTimeline {
  /** Whether each machine is up now (1) or down (0). */
  private readonly up: Uint8Array;
  /** Capacity the trace gives a machine before the start (or for its next `up`, while down). */
  private readonly pending: (MachineCapacityChange | undefined)[];
  private readonly events: MachineEvent[] = [];
  /** True once the state at the start has become time-0 events (at the first later row). */
  private started = false;

  constructor(
    readonly machines: number,
    private readonly window: TimeWindow,
  ) {
    this.up = new Uint8Array(machines).fill(1);
    this.pending = new Array<MachineCapacityChange | undefined>(machines);
  }

  /** Machine `i` is not in the cell at the start (down from time 0 until its first `up`). */
  absentAtStart(i: number): void {
    if (this.up[i] === 0) return;
    this.up[i] = 0;
    if (this.started) this.events.push({ timeUs: 0, machine: i, kind: "down" });
  }

  /** Machine `i` goes down at trace time `timeUs`; false (nothing done) if it is already down. */
  down(i: number, timeUs: SimTime): boolean {
    this.startIfDue(timeUs);
    if (this.up[i] === 0) return false;
    this.up[i] = 0;
    if (timeUs > this.window.fromUs) this.events.push({ timeUs: this.at(timeUs), machine: i, kind: "down" });
    return true;
  }

  /**
   * Machine `i` comes back at `timeUs`, with capacity `cap` if the trace gives one (else one an
   * update gave it while it was down); false (nothing done) if it is already up.
   */
  upAgain(i: number, timeUs: SimTime, cap?: MachineCapacityChange): boolean {
    this.startIfDue(timeUs);
    if (this.up[i] === 1) return false;
    this.up[i] = 1;
    const capacity = cap ?? this.pending[i];
    this.pending[i] = undefined;
    // Up at the start: its capacity, if any, becomes a time-0 update.
    if (timeUs <= this.window.fromUs) this.pending[i] = capacity;
    else this.events.push({ timeUs: this.at(timeUs), machine: i, kind: "up", ...capacity });
    return true;
  }

  /** Machine `i`'s capacity becomes `cap` at `timeUs` (kept for its next `up` while it is down). */
  update(i: number, timeUs: SimTime, cap: MachineCapacityChange): void {
    this.startIfDue(timeUs);
    if (this.up[i] === 0 || timeUs <= this.window.fromUs) this.pending[i] = cap;
    else this.events.push({ timeUs: this.at(timeUs), machine: i, kind: "update", ...cap });
  }

  /** The events, sorted by (time, machine). */
  finish(): MachineEvent[] {
    if (!this.started) this.takeStart();
    // Array.prototype.sort is stable: one machine's events at one time keep the trace's order.
    return this.events.sort((a, b) => a.timeUs - b.timeUs || a.machine - b.machine);
  }

  private startIfDue(timeUs: SimTime): void {
    if (!this.started && timeUs > this.window.fromUs) this.takeStart();
  }

  /** The state at the start as time-0 events: machines down then, capacities given then. */
  private takeStart(): void {
    this.started = true;
    for (let i = 0; i < this.machines; i++) {
      if (this.up[i] === 0) this.events.push({ timeUs: 0, machine: i, kind: "down" });
      else {
        const cap = this.pending[i];
        if (cap) this.events.push({ timeUs: 0, machine: i, kind: "update", ...cap });
        this.pending[i] = undefined;
      }
    }
  }

  private at(timeUs: SimTime): SimTime {
    return timeUs - this.window.fromUs;
  }
}
