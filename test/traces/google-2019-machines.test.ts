import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { MachineEvent } from "../../src/cluster/machine-event.js";
import { loadMachineEvents } from "../../src/experiment/machine-events.js";
import { machineEventsSchema } from "../../src/experiment/machine-events-schema.js";
import { readGoogle2019MachineEvents } from "../../src/workloads/traces/google-2019-machines.js";

/**
 * The 2019 machine_events reader on the fixture (test/fixtures/traces/google-2019, times in s):
 *   0     ADD 11, 22, 33 (capacities 0.5/0.5, 0.5/0.5, 1/1)  → machines 0, 1, 2
 *   900   REMOVE 22
 *   1000  UPDATE 11 (0.5, 0.25)
 *   1200  ADD 22
 *   1300  ADD 44                                              → machine 3, absent before
 * The 2019 codes are 1 ADD, 2 REMOVE, 3 UPDATE (2011: 0, 1, 2).
 */

const DIR = "test/fixtures/traces/google-2019";
const S = 1_000_000;
const ALL = { fromUs: 0, toUs: Number.POSITIVE_INFINITY };
const ev = (timeSec: number, machine: number, kind: MachineEvent["kind"]): MachineEvent => ({
  timeUs: timeSec * S,
  machine,
  kind,
});
const DOWN_PERIODS = [ev(0, 3, "down"), ev(900, 1, "down"), ev(1200, 1, "up"), ev(1300, 3, "up")];

describe("google-2019 machine_events", () => {
  it("REMOVE then ADD is a down period; a machine first added later is down until then (CSV = JSON)", async () => {
    for (const ext of ["csv", "json"]) {
      const events = await readGoogle2019MachineEvents([`${DIR}/machine_events.${ext}`], {
        cellMachines: 4,
        window: ALL,
      });
      expect(events).toEqual(DOWN_PERIODS);
    }
  });

  it("capacities from the trace: normalized × machine", async () => {
    const events = await readGoogle2019MachineEvents([`${DIR}/machine_events.json`], {
      cellMachines: 4,
      window: ALL,
      capacities: "trace",
    });
    expect(events.filter((e) => e.timeUs === 1000 * S)).toEqual([
      { timeUs: 1000 * S, machine: 0, kind: "update", cpus: 4, memGb: 8 },
    ]);
  });

  it("feeds failures.events as format google-2019, with a window", async () => {
    const spec = machineEventsSchema.parse({
      path: "machine_events.csv",
      format: "google-2019",
      to: "1250s",
    });
    const events = await loadMachineEvents(spec, 4, DIR);
    // 44 is not added before 1250 s: the cell's machine 3 is never named, so it stays up.
    expect(events).toEqual([ev(900, 1, "down"), ev(1200, 1, "up")]);
  });

  it("bad rows and unknown machines name file:line", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "g2019m-"));
    const file = path.join(dir, "m.csv");
    await writeFile(file, "time,machine_id,type,capacity_cpus,capacity_memory\n0,1,1,0.5,0.5\n5,1,0,,\n");
    await expect(readGoogle2019MachineEvents([file], { cellMachines: 2, window: ALL })).rejects.toThrow(
      `${file}:3: bad type: "0" (expected 1 ADD, 2 REMOVE or 3 UPDATE)`,
    );
    await writeFile(file, "time,machine_id,type,capacity_cpus,capacity_memory\n0,1,1,0.5,0.5\n5,7,2,,\n");
    await expect(readGoogle2019MachineEvents([file], { cellMachines: 2, window: ALL })).rejects.toThrow(
      `${file}:3: machine 7: event before the machine was ever added`,
    );
  });
});
