import type { MachineEvent } from "../../cluster/machine-event.js";
import { InputError } from "../../engine/errors.js";
import type { TimeWindow } from "./finish.js";
import { GOOGLE_DEFAULT_MACHINE } from "./google-2011.js";
import { AFTER_TRACE_US, splitTime } from "./google-rows.js";
import { forEachLine } from "./lines.js";
import { TraceMachines, type TraceMachineEvent } from "./machine-ids.js";
import type { MachineCapacityChange } from "./machine-timeline.js";
import { expectColumns, intField, numField, RowProblem, splitCsvLine } from "./rows.js";
import type { MachineCapacity } from "./types.js";

/**
 * Reader of Google clusterdata-2011 `machine_events` (headerless CSV, `.gz` ok, shards read in
 * the order given): time (µs), machine ID, event type (0 ADD, 1 REMOVE, 2 UPDATE), platform ID,
 * CPU capacity, memory capacity (both normalized to the largest machine = 1; empty = unknown).
 * Mapping (machine-ids.ts; docs/traces.md, "Machine events"):
 * - trace machine IDs become cell machine indices in the order of their first ADD row, so the
 *   machines present when the trace starts (its time-0 ADDs) are machines 0, 1, … in file order;
 *   a machine first added after the window start is down from time 0 until that ADD;
 * - REMOVE → `down`; ADD of a removed machine → `up`; a REMOVE of a machine already down or an
 *   ADD of one already up changes nothing (the ADD may restate its capacity, as an UPDATE);
 * - capacities: with `capacities: "trace"`, normalized capacity × `machine` (what 1.0 is, the
 *   task reader's option, default 8 CPUs / 32 GB) on `up`s and `update`s, and as time-0
 *   updates for the machines present at the start; with "cell" (default) the cell's machine
 *   size stands for every machine and UPDATE rows are not used;
 * - a row naming a machine never added, or an ADD of one machine more than the cell has, is an
 *   InputError naming file:line (a cell smaller than the trace: see the docs).
 */

/** Options of the Google machine_events reader. */
export interface GoogleMachineReadOptions {
  /** Machines in the cell: trace machines map to indices 0 … machines − 1. */
  cellMachines: number;
  window: TimeWindow;
  /** What 1.0 of a normalized capacity means (default 8 CPUs, 32 GB, as for task requests). */
  machine?: MachineCapacity;
  /** "cell" (default): no capacities from the trace; "trace": carry them (see the file comment). */
  capacities?: "cell" | "trace";
}

const MACHINE_COLUMNS = 6;
/** Event types by code: 0 ADD, 1 REMOVE, 2 UPDATE. */
const EVENTS: readonly TraceMachineEvent[] = ["add", "remove", "update"];

/** One machine_events row, the fields cellsim uses; capacities −1 = not given. */
interface MachineEventRow {
  timeUs: number;
  machineId: number;
  eventType: number;
  cpus: number;
  memory: number;
}

function parseRow(line: string): MachineEventRow {
  const f = splitCsvLine(line);
  expectColumns(f, MACHINE_COLUMNS);
  const eventType = intField(f, 2, "event type");
  if (eventType >= EVENTS.length)
    throw new RowProblem("bad event type", `"${f[2]}" (column 3, expected 0–2)`);
  return {
    timeUs: splitTime(f),
    machineId: intField(f, 1, "machine ID"),
    eventType,
    cpus: numField(f, 4, "CPU capacity", { empty: -1 }),
    memory: numField(f, 5, "memory capacity", { empty: -1 }),
  };
}

/** Reads machine_events `files` (in order) into the cell's machine events. */
export async function readGoogleMachineEvents(
  files: readonly string[],
  opts: GoogleMachineReadOptions,
): Promise<MachineEvent[]> {
  const feed = new GoogleMachineFeed(opts);
  let rows = 0;
  await forEachLine(files, (line, lineNo, file) => {
    if (line === "") return;
    rows++;
    const where = `${file}:${lineNo}`;
    try {
      const row = parseRow(line);
      return feed.add(row, EVENTS[row.eventType] ?? "update", where);
    } catch (err) {
      if (!(err instanceof RowProblem)) throw err;
      throw new InputError(`${where}: ${err.message}`);
    }
  });
  if (rows === 0) throw new InputError(`${files.join(", ")}: no machine events (empty file)`);
  return feed.finish();
}

/** A machine_events row in the trace's normalized units (capacities −1 = not given). */
export interface NormalizedMachineRow {
  timeUs: number;
  machineId: number;
  cpus: number;
  memory: number;
}

/**
 * The cell's machines fed with time-ordered machine_events rows, for the 2011 and 2019 readers
 * (each translates its own event codes): rows after the trace are ignored, a row out of time
 * order is a RowProblem, one the machines refuse an InputError at `where`, and the first row at
 * or past the window's end ends the read.
 */
export class GoogleMachineFeed {
  private readonly machines: TraceMachines;
  private readonly unit: MachineCapacity;
  private readonly withCapacities: boolean;
  private lastUs = 0;

  constructor(private readonly opts: GoogleMachineReadOptions) {
    this.machines = new TraceMachines(opts.cellMachines, opts.window);
    this.unit = opts.machine ?? GOOGLE_DEFAULT_MACHINE;
    this.withCapacities = opts.capacities === "trace";
  }

  /** Applies one row; false once the window has ended (stop reading). */
  add(row: NormalizedMachineRow, event: TraceMachineEvent, where: string): boolean {
    if (row.timeUs >= AFTER_TRACE_US) return true;
    if (row.timeUs < this.lastUs)
      throw new RowProblem("time earlier than the previous row's", `${row.timeUs} < ${this.lastUs}`);
    if (row.timeUs >= this.opts.window.toUs) return false;
    this.lastUs = row.timeUs;
    const cap = this.withCapacities ? capacityOf(row, this.unit) : undefined;
    const problem = this.machines.apply(row.timeUs, row.machineId, event, cap);
    if (problem !== undefined) throw new InputError(`${where}: ${problem}`);
    return true;
  }

  /** The cell's machine events (see TraceMachines.finish). */
  finish(): MachineEvent[] {
    return this.machines.finish();
  }
}

/** The row's capacity in the cell's units; undefined unless both are given. */
function capacityOf(row: NormalizedMachineRow, unit: MachineCapacity): MachineCapacityChange | undefined {
  if (row.cpus < 0 || row.memory < 0) return undefined;
  return { cpus: row.cpus * unit.cpus, memGb: row.memory * unit.memGb };
}
