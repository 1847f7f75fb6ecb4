import type { MachineEvent } from "../../cluster/machine-event.js";
import { InputError } from "../../engine/errors.js";
import type { TimeWindow } from "./finish.js";
import { forEachLine } from "./lines.js";
import { MachineTimeline, type MachineCapacityChange } from "./machine-timeline.js";
import { splitCsvLine } from "./rows.js";

/**
 * Reader of cellsim's native machine-events CSV (docs/traces.md, "Machine events"): a header
 * `time_s,machine,event` or `time_s,machine,event,cpus,mem_gb`, then one row per event in time
 * order: time in seconds (of trace time: the read window applies as for jobs), the cell's
 * machine index (0-based), `down` | `up` | `update`, and the new capacity (CPUs, GB) — required
 * on `update`, optional on `up` (both or neither), empty on `down`. Every machine is up at time
 * 0; a `down` of a machine already down or an `up` of one already up is an error, as is a
 * machine index outside the cell. `.gz` ok. Errors name file:line and the column.
 */

/** The header, in this order; the two capacity columns may be left out together. */
export const MACHINE_EVENTS_HEADER = ["time_s", "machine", "event", "cpus", "mem_gb"] as const;

const KINDS: ReadonlySet<string> = new Set(["down", "up", "update"]);

/**
 * Reads a native machine-events file (or several, in order) into the cell's machine events.
 * `refuseUpdates`: an `update` row is an error at its line (for consumers that cannot change a
 * machine's capacity, such as the failure model).
 */
export async function readNativeMachineEvents(
  files: readonly string[],
  opts: { cellMachines: number; window: TimeWindow; refuseUpdates?: boolean },
): Promise<MachineEvent[]> {
  const timeline = new MachineTimeline(opts.cellMachines, opts.window);
  let width = 0;
  let lastUs = 0;
  let headerFile = "";
  await forEachLine(files, (raw, lineNo, file) => {
    const line = lineNo === 1 ? raw.replace(/^\uFEFF/, "") : raw;
    const fields = splitCsvLine(line);
    if (file !== headerFile) {
      width = headerWidth(file, fields);
      headerFile = file;
      return;
    }
    if (line === "") return;
    const fail = (why: string): never => {
      throw new InputError(`${file}:${lineNo}: ${why}`);
    };
    if (fields.length !== width) fail(`expected ${width} columns, got ${fields.length}`);
    const cell = (i: number): string => (fields[i] ?? "").trim();
    const timeSec = Number(cell(0));
    if (cell(0) === "" || !Number.isFinite(timeSec) || timeSec < 0)
      fail(`expected a time in seconds ≥ 0, got "${cell(0)}" (column time_s)`);
    const timeUs = Math.round(timeSec * 1e6);
    if (timeUs < lastUs)
      fail(`time earlier than the previous row's (${cell(0)} s): rows must be in time order`);
    const machine = Number(cell(1));
    if (cell(1) === "" || !Number.isSafeInteger(machine) || machine < 0)
      fail(`expected a machine index (an integer ≥ 0), got "${cell(1)}" (column machine)`);
    if (machine >= opts.cellMachines)
      fail(`unknown machine ${machine}: the cell has machines 0–${opts.cellMachines - 1} (column machine)`);
    const kind = cell(2);
    if (!KINDS.has(kind)) fail(`expected down, up or update, got "${kind}" (column event)`);
    if (kind === "update" && opts.refuseUpdates === true)
      fail("capacity changes (update) are not modelled by machine failures yet: leave update rows out");
    const cap = capacity(cell, width, kind, fail);
    if (timeUs >= opts.window.toUs) return false;
    lastUs = timeUs;
    if (kind === "down" && !timeline.down(machine, timeUs)) fail(`machine ${machine} is already down`);
    if (kind === "up" && !timeline.upAgain(machine, timeUs, cap)) fail(`machine ${machine} is already up`);
    if (kind === "update") timeline.update(machine, timeUs, cap as MachineCapacityChange);
  });
  if (headerFile === "")
    throw new InputError(
      `${files.join(", ")}: empty file: expected the header ${MACHINE_EVENTS_HEADER.join(",")}`,
    );
  return timeline.finish();
}

/** Checks a header: the first three columns, or all five; returns the row width. */
function headerWidth(file: string, fields: readonly string[]): number {
  const names = fields.map((f) => f.trim());
  for (const width of [3, 5]) {
    if (names.length === width && names.every((n, i) => n === MACHINE_EVENTS_HEADER[i])) return width;
  }
  const full = MACHINE_EVENTS_HEADER.join(",");
  throw new InputError(
    `${file}:1: bad header "${names.join(",")}": expected ${full} (the last two optional)`,
  );
}

/** The row's capacity, checked against its event kind (see the file comment). */
function capacity(
  cell: (i: number) => string,
  width: number,
  kind: string,
  fail: (why: string) => never,
): MachineCapacityChange | undefined {
  const cpusText = width === 5 ? cell(3) : "";
  const memText = width === 5 ? cell(4) : "";
  if (cpusText === "" && memText === "") {
    if (kind === "update") fail("an update needs cpus and mem_gb");
    return undefined;
  }
  if (kind === "down") fail("a down event takes no capacity (leave cpus and mem_gb empty)");
  const cpus = Number(cpusText);
  if (cpusText === "" || !Number.isFinite(cpus) || cpus <= 0)
    fail(`expected a number > 0, got "${cpusText}" (column cpus; give both capacities or neither)`);
  const memGb = Number(memText);
  if (memText === "" || !Number.isFinite(memGb) || memGb <= 0)
    fail(`expected a number > 0, got "${memText}" (column mem_gb; give both capacities or neither)`);
  return { cpus, memGb };
}
