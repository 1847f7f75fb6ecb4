import { InputError } from "../../engine/errors.js";
import type { SimTime } from "../../engine/time.js";
import type { MachineEvent } from "../machine-event.js";
import { FailureHeap } from "./failure-heap.js";
import type { FailureProcess, FailureSetup } from "./failure-setup.js";

/** What a due transition does (the failure model implements it). */
export interface FailureTransitions {
  /** Machine m's own process failed it. */
  machineFailed(m: number): void;
  /** Machine m's own repair is done. */
  machineRepaired(m: number): void;
  /** Domain d (machines first..end−1) failed / was repaired. */
  domainFailed(d: number, first: number, end: number): void;
  domainRepaired(d: number, first: number, end: number): void;
  /** A trace event is due. */
  traceEvent(e: MachineEvent): void;
}

/**
 * When machines and failure domains fail and come back: one heap entry per process (machines
 * are ids 0..n−1, domains n..), each holding its next transition, drawn when the previous one
 * happens (a renewal process: up for a time to failure, down for a time to repair), plus the
 * trace's events in time order. The model keeps one MachineFailure event queued at `nextUs`.
 * Draws depend only on the failure processes, never on scheduling, so every architecture run
 * with the same seed sees the same failures.
 */
export class FailureSchedule {
  private readonly heap: FailureHeap;
  /** Per process: 1 while down (its next transition is a repair). */
  private readonly down: Uint8Array;
  private readonly machineCount: number;
  private readonly domainCount: number;
  private readonly domainSize: number;
  private readonly events: readonly MachineEvent[];
  private nextEvent = 0;

  constructor(
    private readonly setup: FailureSetup,
    machines: number,
  ) {
    this.machineCount = setup.machines ? machines : 0;
    this.domainSize = setup.domains?.size ?? 1;
    if (setup.domains && !(this.domainSize >= 1 && this.domainSize <= machines))
      throw new InputError(
        `failures.domains.size: ${this.domainSize} machines per domain, but the cell has ${machines}`,
      );
    this.domainCount = setup.domains ? Math.ceil(machines / this.domainSize) : 0;
    const processes = machines + this.domainCount;
    this.heap = new FailureHeap(processes);
    this.down = new Uint8Array(processes);
    this.events = sortedEvents(setup.events ?? [], machines);
    for (let m = 0; m < this.machineCount; m++)
      this.heap.push(m, failureDelayUs(this.setup.machines as FailureProcess));
    for (let d = 0; d < this.domainCount; d++)
      this.heap.push(machines + d, failureDelayUs(this.setup.domains as FailureProcess));
    this.cellMachines = machines;
  }

  private readonly cellMachines: number;

  /** When the next transition is due (Infinity: none). */
  get nextUs(): number {
    const trace = this.events[this.nextEvent];
    return Math.min(this.heap.nextUs, trace === undefined ? Infinity : trace.timeUs);
  }

  /** Runs every transition due at or before `nowUs` (trace events first at equal times). */
  advance(nowUs: SimTime, on: FailureTransitions): void {
    for (;;) {
      const trace = this.events[this.nextEvent];
      if (trace !== undefined && trace.timeUs <= nowUs) {
        this.nextEvent++;
        on.traceEvent(trace);
        continue;
      }
      if (this.heap.nextUs > nowUs) return;
      this.step(this.heap.pop(), nowUs, on);
    }
  }

  private step(id: number, nowUs: SimTime, on: FailureTransitions): void {
    const isMachine = id < this.cellMachines;
    const process = (isMachine ? this.setup.machines : this.setup.domains) as FailureProcess;
    const wasDown = this.down[id] === 1;
    this.down[id] = wasDown ? 0 : 1;
    if (isMachine) {
      if (wasDown) on.machineRepaired(id);
      else on.machineFailed(id);
    } else {
      const d = id - this.cellMachines;
      const first = d * this.domainSize;
      const end = Math.min(this.cellMachines, first + this.domainSize);
      if (wasDown) on.domainRepaired(d, first, end);
      else on.domainFailed(d, first, end);
    }
    this.heap.push(id, nowUs + (wasDown ? failureDelayUs(process) : repairDelayUs(process)));
  }
}

/** A time to failure in whole µs, at least 1 (a machine is up for some time). */
function failureDelayUs(p: FailureProcess): number {
  return Math.max(1, Math.round(p.timeToFailureUs()));
}

/** A time to repair in whole µs (0: the machine comes straight back, empty). */
function repairDelayUs(p: FailureProcess): number {
  return Math.max(0, Math.round(p.timeToRepairUs()));
}

/** The events in time order (stable), each checked against the cell. */
function sortedEvents(events: readonly MachineEvent[], machines: number): MachineEvent[] {
  events.forEach((e, i) => {
    if (!Number.isInteger(e.machine) || e.machine < 0 || e.machine >= machines)
      throw new InputError(
        `failures: machine event ${i} (${e.kind} at ${e.timeUs} µs) names machine ${e.machine}, but the cell has machines 0..${machines - 1}`,
      );
    if (e.kind === "update")
      throw new InputError(
        `failures: machine event ${i} (update at ${e.timeUs} µs, machine ${e.machine}) changes a capacity: not modelled yet (leave update events out)`,
      );
    if (!Number.isInteger(e.timeUs) || e.timeUs < 0)
      throw new InputError(`failures: machine event ${i}: time ${e.timeUs} µs is not a whole µs ≥ 0`);
  });
  return events
    .map((e, i) => ({ e, i }))
    .sort((x, y) => x.e.timeUs - y.e.timeUs || x.i - y.i)
    .map((x) => x.e);
}
