import type { MachineEvent } from "../../cluster/machine-event.js";
import { columnPositions, expectCsvColumns, type CsvFields } from "./google-2019-fields.js";
import { forEachExportRow, type ExportTable } from "./google-2019-export.js";
import { jsonInt, jsonNum, jsonTime } from "./google-2019-json.js";
import { GoogleMachineFeed, type GoogleMachineReadOptions } from "./google-machines.js";
import { scannedTime } from "./google-rows.js";
import type { TraceMachineEvent } from "./machine-ids.js";
import { RowIssues, RowProblem } from "./rows.js";

/**
 * Reader of Google clusterdata-2019 `machine_events` as exported from BigQuery (CSV with a
 * header, or JSON lines; docs/traces.md, google-2019): time (µs), machine_id, type (1 ADD,
 * 2 REMOVE, 3 UPDATE; 0 is the schema's "unknown" and is refused), capacity.cpus and
 * capacity.memory (normalized, 1.0 = the largest machine; flattened to `capacity_cpus`,
 * `capacity_memory` in CSV). The rows become the cell's machine events exactly as the 2011
 * table's do (machine-ids.ts: IDs → cell indices in first-ADD order, REMOVE → down, ADD of a
 * removed machine → up, capacities only with `capacities: "trace"`). Any unusable row is an
 * InputError naming file:line. Rows must be in time order (the SQL's ORDER BY).
 */

/** 2019 machine event codes → what the row does (index = code). */
const EVENTS: readonly (TraceMachineEvent | undefined)[] = [undefined, "add", "remove", "update"];

const MACHINE_COLUMNS = ["time", "machine_id", "type", "capacity_cpus", "capacity_memory"] as const;

interface MachineRow {
  timeUs: number;
  machineId: number;
  event: TraceMachineEvent;
  /** Normalized capacities, −1 = not given. */
  cpus: number;
  memory: number;
}

function eventOf(type: number): TraceMachineEvent {
  const event = EVENTS[type];
  if (event === undefined)
    throw new RowProblem("bad type", `"${type}" (expected 1 ADD, 2 REMOVE or 3 UPDATE)`);
  return event;
}

const MACHINE_TABLE: ExportTable<MachineRow> = {
  name: "machine_events",
  csv(header, file) {
    const at = columnPositions(header, MACHINE_COLUMNS, file, "machine_events");
    return (s: CsvFields, width: number) => {
      expectCsvColumns(s, width);
      return {
        event: eventOf(s.int(at.type, "type")),
        timeUs: scannedTime(s, at.time),
        machineId: s.int(at.machine_id, "machine_id"),
        cpus: s.num(at.capacity_cpus, "capacity_cpus", -1),
        memory: s.num(at.capacity_memory, "capacity_memory", -1),
      };
    };
  },
  json: (o) => ({
    event: eventOf(jsonInt(o, "type", EVENTS.length - 1)),
    timeUs: jsonTime(o),
    machineId: jsonInt(o, "machine_id", Number.MAX_SAFE_INTEGER),
    cpus: jsonNum(o, "capacity.cpus", -1),
    memory: jsonNum(o, "capacity.memory", -1),
  }),
};

/** Reads machine_events `files` (in order) into the cell's machine events (same options as google-2011's). */
export async function readGoogle2019MachineEvents(
  files: readonly string[],
  opts: GoogleMachineReadOptions,
): Promise<MachineEvent[]> {
  const feed = new GoogleMachineFeed(opts);
  await forEachExportRow(files, MACHINE_TABLE, new RowIssues(false), (row, lineNo, file) =>
    feed.add(row, row.event, `${file}:${lineNo}`),
  );
  return feed.finish();
}
