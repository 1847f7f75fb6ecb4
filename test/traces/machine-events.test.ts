import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import type { MachineEvent } from "../../src/cluster/machine-event.js";
import { InputError } from "../../src/engine/errors.js";
import { loadMachineEvents } from "../../src/experiment/machine-events.js";
import { machineEventsSchema, type MachineEventsSpec } from "../../src/experiment/machine-events-schema.js";
import { readGoogleMachineEvents } from "../../src/workloads/traces/google-machines.js";
import { readNativeMachineEvents } from "../../src/workloads/traces/native-machines.js";

/**
 * Machine-event readers on hand-written fixtures. The Google file
 * (test/fixtures/traces/google-2011/machine_events-small.csv), times in s:
 *   0     ADD 101 (0.5, 0.5), ADD 102 (1, 1), ADD 103 (0.25, 0.25)  → machines 0, 1, 2
 *   300   REMOVE 102
 *   450   ADD 104 (0.5, 0.25)                                        → machine 3, absent before
 *   600   UPDATE 101 (0.5, 0.75)
 *   900   ADD 102, REMOVE 103
 *   1200  ADD 103
 * The native file (test/fixtures/traces/machine-events/small.csv) writes the same down periods.
 */

const GOOGLE = "test/fixtures/traces/google-2011/machine_events-small.csv";
const NATIVE = "test/fixtures/traces/machine-events/small.csv";
const S = 1_000_000;
const ALL = { fromUs: 0, toUs: Number.POSITIVE_INFINITY };

const ev = (
  timeSec: number,
  machine: number,
  kind: MachineEvent["kind"],
  cap?: [number, number],
): MachineEvent => ({
  timeUs: timeSec * S,
  machine,
  kind,
  ...(cap ? { cpus: cap[0], memGb: cap[1] } : {}),
});

/** The down periods of both fixtures: 1 down 300–900 s, 2 down 900–1200 s, 3 absent until 450 s. */
const DOWN_PERIODS = [
  ev(0, 3, "down"),
  ev(300, 1, "down"),
  ev(450, 3, "up"),
  ev(900, 1, "up"),
  ev(900, 2, "down"),
  ev(1200, 2, "up"),
];

async function temp(name: string, content: string | Buffer): Promise<string> {
  const file = path.join(await mkdtemp(path.join(tmpdir(), "cellsim-machines-")), name);
  await writeFile(file, content);
  return file;
}

describe("google-2011 machine_events", () => {
  it("maps machine IDs by first ADD, REMOVE/ADD → down/up, a later machine absent until added", async () => {
    expect(await readGoogleMachineEvents([GOOGLE], { cellMachines: 4, window: ALL })).toEqual(DOWN_PERIODS);
  });

  it("capacities: 'trace' scales normalized capacities by `machine` (default 8 CPUs, 32 GB)", async () => {
    const events = await readGoogleMachineEvents([GOOGLE], {
      cellMachines: 4,
      window: ALL,
      capacities: "trace",
    });
    expect(events).toEqual([
      ev(0, 0, "update", [4, 16]), // 0.5 × 8, 0.5 × 32
      ev(0, 1, "update", [8, 32]),
      ev(0, 2, "update", [2, 8]),
      ev(0, 3, "down"),
      ev(300, 1, "down"),
      ev(450, 3, "up", [4, 8]),
      ev(600, 0, "update", [4, 24]),
      ev(900, 1, "up", [8, 32]),
      ev(900, 2, "down"),
      ev(1200, 2, "up", [2, 8]),
    ]);
    const small = await readGoogleMachineEvents([GOOGLE], {
      cellMachines: 4,
      window: ALL,
      capacities: "trace",
      machine: { cpus: 4, memGb: 10 },
    });
    expect(small[1]).toEqual(ev(0, 1, "update", [4, 10]));
  });

  it("a window: rows up to `from` set the state at 0, later ones shift by `from`, `to` ends", async () => {
    // From 600 s: machine 1 is down (since 300 s); 900 s → 300 s; 1200 s is past `to` = 1000 s.
    const window = { fromUs: 600 * S, toUs: 1000 * S };
    expect(await readGoogleMachineEvents([GOOGLE], { cellMachines: 4, window })).toEqual([
      ev(0, 1, "down"),
      ev(300, 1, "up"),
      ev(300, 2, "down"),
    ]);
    // With capacities, machine 0's UPDATE at 600 s (= from) is its capacity at the start.
    const traced = await readGoogleMachineEvents([GOOGLE], { cellMachines: 4, window, capacities: "trace" });
    expect(traced.slice(0, 4)).toEqual([
      ev(0, 0, "update", [4, 24]),
      ev(0, 1, "down"),
      ev(0, 2, "update", [2, 8]),
      ev(0, 3, "update", [4, 8]),
    ]);
    expect(traced.slice(4)).toEqual([ev(300, 1, "up", [8, 32]), ev(300, 2, "down")]);
  });

  it("reads gzip", async () => {
    const { readFile } = await import("node:fs/promises");
    const gz = await temp("machine_events.csv.gz", gzipSync(await readFile(GOOGLE)));
    expect(await readGoogleMachineEvents([gz], { cellMachines: 4, window: ALL })).toEqual(DOWN_PERIODS);
  });

  it("unknown machines and malformed rows: one InputError naming file:line", async () => {
    await expect(readGoogleMachineEvents([GOOGLE], { cellMachines: 3, window: ALL })).rejects.toThrow(
      `${GOOGLE}:5: machine 104 is machine number 4 added, but the cell has 3`,
    );
    const never = await temp("m.csv", "0,1,0,p,0.5,0.5\n10,2,1,p,0.5,0.5\n");
    await expect(readGoogleMachineEvents([never], { cellMachines: 4, window: ALL })).rejects.toThrow(
      `${never}:2: machine 2: event before the machine was ever added`,
    );
    const bad = await temp("m.csv", "0,1,0,p,0.5,0.5\n10,1,7,p,0.5,0.5\n");
    await expect(readGoogleMachineEvents([bad], { cellMachines: 4, window: ALL })).rejects.toThrow(
      `${bad}:2: bad event type: "7" (column 3, expected 0–2)`,
    );
    const short = await temp("m.csv", "0,1,0,p,0.5\n");
    await expect(readGoogleMachineEvents([short], { cellMachines: 4, window: ALL })).rejects.toThrow(
      `${short}:1: expected 6 columns: got 5`,
    );
    const order = await temp("m.csv", "0,1,0,p,0.5,0.5\n10,1,1,p,,\n5,1,0,p,,\n");
    await expect(readGoogleMachineEvents([order], { cellMachines: 4, window: ALL })).rejects.toThrow(
      `${order}:3: time earlier than the previous row's: 5 < 10`,
    );
    // Every one of these is an InputError: the CLI prints its message alone and exits 2.
    await expect(readGoogleMachineEvents([bad], { cellMachines: 4, window: ALL })).rejects.toBeInstanceOf(
      InputError,
    );
    await expect(readGoogleMachineEvents([never], { cellMachines: 4, window: ALL })).rejects.toBeInstanceOf(
      InputError,
    );
    const empty = await temp("m.csv", "");
    await expect(readGoogleMachineEvents([empty], { cellMachines: 4, window: ALL })).rejects.toThrow(
      InputError,
    );
  });

  it("a REMOVE of a machine already down or an ADD of one already up changes nothing", async () => {
    const file = await temp("m.csv", "0,7,0,p,0.5,0.5\n10,7,1,p,,\n20,7,1,p,,\n30,7,0,p,,\n40,7,0,p,,\n");
    expect(await readGoogleMachineEvents([file], { cellMachines: 1, window: ALL })).toEqual([
      { timeUs: 10, machine: 0, kind: "down" },
      { timeUs: 30, machine: 0, kind: "up" },
    ]);
  });
});

describe("native machine-events CSV", () => {
  it("reads the same down periods as the Google fixture, with the capacities it gives", async () => {
    const events = await readNativeMachineEvents([NATIVE], { cellMachines: 4, window: ALL });
    expect(events).toEqual([
      ev(0, 3, "down"),
      ev(300, 1, "down"),
      ev(450, 3, "up", [4, 8]),
      ev(600, 0, "update", [4, 24]),
      ev(900, 1, "up"),
      ev(900, 2, "down"),
      ev(1200, 2, "up"),
    ]);
    const threeColumns = await temp("m.csv", "time_s,machine,event\n1.5,0,down\n2,0,up\n");
    expect(await readNativeMachineEvents([threeColumns], { cellMachines: 1, window: ALL })).toEqual([
      { timeUs: 1_500_000, machine: 0, kind: "down" },
      { timeUs: 2_000_000, machine: 0, kind: "up" },
    ]);
  });

  it("bad rows: one InputError naming file:line and the column", async () => {
    const cases: [string, string][] = [
      [
        "time_s,machine,event\n0,4,down\n",
        ":2: unknown machine 4: the cell has machines 0–3 (column machine)",
      ],
      ["time_s,machine,event\n0,1,down\n5,1,down\n", ":3: machine 1 is already down"],
      ["time_s,machine,event\n0,1,up\n", ":2: machine 1 is already up"],
      ["time_s,machine,event\n0,1,reboot\n", ':2: expected down, up or update, got "reboot" (column event)'],
      ["time_s,machine,event\n-1,1,down\n", ':2: expected a time in seconds ≥ 0, got "-1" (column time_s)'],
      [
        "time_s,machine,event\n0,x,down\n",
        ':2: expected a machine index (an integer ≥ 0), got "x" (column machine)',
      ],
      ["time_s,machine,event,cpus,mem_gb\n0,1,update,,\n", ":2: an update needs cpus and mem_gb"],
      [
        "time_s,machine,event,cpus,mem_gb\n0,1,update,4,\n",
        ':2: expected a number > 0, got "" (column mem_gb;',
      ],
      ["time_s,machine,event,cpus,mem_gb\n0,1,down,4,8\n", ":2: a down event takes no capacity"],
      ["time_s,machine,event\n5,1,down\n3,2,down\n", ":3: time earlier than the previous row's (3 s)"],
      ["time_s,machine,event\n0,1\n", ":2: expected 3 columns, got 2"],
      [
        "time,machine,event\n",
        ':1: bad header "time,machine,event": expected time_s,machine,event,cpus,mem_gb',
      ],
      ["", ": empty file: expected the header time_s,machine,event,cpus,mem_gb"],
    ];
    for (const [content, message] of cases) {
      const file = await temp("m.csv", content);
      const read = readNativeMachineEvents([file], { cellMachines: 4, window: ALL });
      await expect(read).rejects.toThrow(`${file}${message}`);
      await expect(read).rejects.toBeInstanceOf(InputError);
    }
  });
});

describe("loadMachineEvents and the config block", () => {
  const parse = (block: unknown): MachineEventsSpec => machineEventsSchema.parse(block);

  it("resolves the path against the experiment's folder and reads the format", async () => {
    const dir = path.dirname(NATIVE);
    const native = await loadMachineEvents(parse({ path: "small.csv", format: "cellsim" }), 4, dir);
    expect(native).toHaveLength(7);
    const google = parse({
      path: "../google-2011/machine_events-small.csv",
      format: "google-2011",
      from: "10m",
    });
    expect(google).toEqual({
      path: "../google-2011/machine_events-small.csv",
      format: "google-2011",
      fromUs: 600 * S,
    });
    expect(await loadMachineEvents(google, 4, dir)).toEqual([
      ev(0, 1, "down"),
      ev(300, 1, "up"),
      ev(300, 2, "down"),
      ev(600, 2, "up"),
    ]);
    await expect(
      loadMachineEvents(parse({ path: "missing.csv", format: "cellsim" }), 4, dir),
    ).rejects.toThrow("missing.csv: file not found");
  });

  it("rejects unknown formats, Google options on the native format and an empty window", () => {
    const issues = (block: unknown) =>
      machineEventsSchema.safeParse(block).error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    expect(issues({ path: "m.csv", format: "swf" })?.[0]).toMatch(/^format: /);
    expect(issues({ path: "m.csv", format: "cellsim", capacities: "trace" })).toEqual([
      "capacities: an option of the Google formats (format is cellsim)",
    ]);
    expect(issues({ path: "m.csv", format: "cellsim", from: "2h", to: "1h" })).toEqual([
      "to: must be later than from",
    ]);
    expect(issues({ path: "m.csv", format: "cellsim", extra: 1 })?.[0]).toMatch(/extra|unrecognized/i);
  });
});
