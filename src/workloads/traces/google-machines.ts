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
  const machines = new TraceMachines(opts.cellMachines, opts.window);
  const unit = opts.machine ?? GOOGLE_DEFAULT_MACHINE;
  const withCapacities = opts.capacities === "trace";
  let rows = 0;
  let lastUs = 0;
  await forEachLine(files, (line, lineNo, file) => {
    if (line === "") return;
    rows++;
    const fail = (why: string): never => {
      throw new InputError(`${file}:${lineNo}: ${why}`);
    };
    let row: MachineEventRow;
    try {
      row = parseRow(line);
    } catch (err) {
      if (!(err instanceof RowProblem)) throw err;
      return fail(err.message);
    }
    if (row.timeUs >= AFTER_TRACE_US) return;
    if (row.timeUs < lastUs) fail(`time earlier than the previous row's: ${row.timeUs} < ${lastUs}`);
    if (row.timeUs >= opts.window.toUs) return false;
    lastUs = row.timeUs;
    const cap = withCapacities ? capacityOf(row, unit) : undefined;
    const problem = machines.apply(row.timeUs, row.machineId, EVENTS[row.eventType] ?? "update", cap);
    if (problem !== undefined) fail(problem);
  });
  if (rows === 0) throw new InputError(`${files.join(", ")}: no machine events (empty file)`);
  return machines.finish();
}

/** The row's capacity in the cell's units; undefined unless both are given. */
function capacityOf(row: MachineEventRow, unit: MachineCapacity): MachineCapacityChange | undefined {
  if (row.cpus < 0 || row.memory < 0) return undefined;
  return { cpus: row.cpus * unit.cpus, memGb: row.memory * unit.memGb };
}
