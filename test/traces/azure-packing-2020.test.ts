import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { sqliteFromSql } from "../../scripts/sqlite-from-sql.mjs";
import type { JobSpec } from "../../src/cluster/job.js";
import { readAzurePacking2020 } from "../../src/workloads/traces/azure-packing-2020.js";

/**
 * The azure-packing-2020 reader on the hand-made fixture (test/fixtures/traces/azure-packing-2020:
 * small.sql, built into small.sqlite) and on malformed databases built from SQL in a temp folder.
 */

const DIR = "test/fixtures/traces/azure-packing-2020";
const SMALL = `${DIR}/small.sqlite`;
const DAY_S = 86_400;

/** [id, submit s, kind, priority, tasks, cpus, mem GB, duration s] of each job. */
function rows(jobs: readonly JobSpec[]): unknown[][] {
  return jobs.map((j) => [
    j.id,
    j.submitUs / 1e6,
    j.kind,
    j.priority,
    j.tasks,
    j.cpusPerTask,
    j.memGbPerTask,
    j.durationUs / 1e6,
  ]);
}

let tmp = "";
/** Writes the database `sql` builds as `name` in the temp folder; returns its path. */
async function sqliteFile(name: string, sql: string): Promise<string> {
  const file = path.join(tmp, name);
  await writeFile(file, await sqliteFromSql(sql));
  return file;
}

const VM_TYPES = `CREATE TABLE vmType (id INTEGER PRIMARY KEY, vmTypeId INTEGER, machineId INTEGER,
  core REAL, memory REAL, hdd REAL, ssd REAL, nic REAL);
INSERT INTO vmType VALUES (1, 10, 0, 0.25, 0.5, 0, 0, 0), (2, 11, 0, 0.5, 0.25, 0, 0, 0);`;
const VM_TABLE = `CREATE TABLE vm (vmId INTEGER, tenantId INTEGER, vmTypeId INTEGER, priority INTEGER,
  starttime REAL, endtime REAL);`;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "cellsim-azure-"));
});

describe("azure-packing-2020 reader", () => {
  it("one job of one task per VM; shares × machine; days → s; NULL end censored; prefill; priorities", async () => {
    const r = await readAzurePacking2020(SMALL);
    expect(r.files).toEqual([SMALL]);
    expect(r.rows).toBe(8);
    // Machine types 0 and 1 run three VM types each: the lower id, 0, sizes the VMs; with the
    // default 8-CPU, 32-GB machine type 10 is 0.125 × 8 = 1 CPU, 0.0625 × 32 = 2 GB, type 11
    // 4 CPUs, 8 GB, type 13 2 CPUs, 16 GB. The latest time in the table is VM 7's end, 3.5 d.
    expect(rows(r.prefill)).toEqual([
      // started −1.5 d, ends 0.25 d: 0.25 d left at the trace start
      [1, 0, "service", 1, 1, 1, 2, 0.25 * DAY_S],
      // started −0.5 d, NULL end: censored at 3.5 d
      [2, 0, "service", 1, 1, 4, 8, 3.5 * DAY_S],
    ]);
    expect(r.prefill.every((j) => j.prefill)).toBe(true);
    expect(rows(r.jobs)).toEqual([
      [3, 0, "batch", 0, 1, 1, 2, 0.5 * DAY_S],
      [4, 0.125 * DAY_S, "batch", 0, 1, 2, 16, 86.4],
      // starts at 1 d, NULL end: censored at 3.5 d
      [6, DAY_S, "service", 1, 1, 4, 8, 2.5 * DAY_S],
      [7, 2 * DAY_S, "batch", 0, 1, 2, 16, 1.5 * DAY_S],
    ]);
    expect(r.jobs.every((j) => !j.prefill)).toBe(true);
    expect(r.dropped).toEqual({
      "VMs ended before the window start": 1,
      "VMs whose type has no vmType row for machine type 0": 1,
    });
    expect(r.skipped).toEqual({});
  });

  it("machineType, machine and lowPriorityKind options", async () => {
    const r = await readAzurePacking2020(SMALL, {
      machineType: 1,
      machine: { cpus: 64, memGb: 256 },
      lowPriorityKind: "service",
    });
    // On machine type 1: type 10 is 0.25 × 64 = 16 CPUs, 0.125 × 256 = 32 GB; 11 is 64, 128;
    // 12 is 4, 8; type 13 (VMs 4 and 7) has no row there.
    expect(rows(r.prefill)).toEqual([
      [1, 0, "service", 1, 1, 16, 32, 0.25 * DAY_S],
      [2, 0, "service", 1, 1, 64, 128, 3.5 * DAY_S],
    ]);
    expect(rows(r.jobs)).toEqual([
      [3, 0, "service", 0, 1, 16, 32, 0.5 * DAY_S],
      [5, 0.25 * DAY_S, "service", 1, 1, 4, 8, 0.75 * DAY_S],
      [6, DAY_S, "service", 1, 1, 64, 128, 2.5 * DAY_S],
    ]);
    expect(r.dropped).toEqual({
      "VMs ended before the window start": 1,
      "VMs whose type has no vmType row for machine type 1": 2,
    });
    await expect(readAzurePacking2020(SMALL, { machineType: 7 })).rejects.toThrow(
      `machineType 7: no row of ${SMALL}:vmType has that machineId (it has 0, 1, 2)`,
    );
  });

  it("a window: VMs alive at its start are prefill with their time left; NULL ends censored at its end", async () => {
    const r = await readAzurePacking2020(SMALL, { fromUs: 0.5 * DAY_S * 1e6, toUs: 2.5 * DAY_S * 1e6 });
    // VM 2 (NULL end) is the only VM alive at 0.5 d: 2 d to the window's end. VM 3 ends at
    // exactly 0.5 d (not alive), VMs 1, 4, 8 ended before; VM 5 would be prefill but its type
    // has no row for machine type 0.
    expect(rows(r.prefill)).toEqual([[2, 0, "service", 1, 1, 4, 8, 2 * DAY_S]]);
    expect(rows(r.jobs)).toEqual([
      [6, 0.5 * DAY_S, "service", 1, 1, 4, 8, 1.5 * DAY_S],
      // a known end past the window's end is kept (the window selects starts)
      [7, 1.5 * DAY_S, "batch", 0, 1, 2, 16, 1.5 * DAY_S],
    ]);
    expect(r.dropped).toEqual({
      "VMs ended before the window start": 4,
      "VMs whose type has no vmType row for machine type 0": 1,
    });
  });

  it("the rate multiplier compresses submitted VMs of a kind; prefill is untouched", async () => {
    const r = await readAzurePacking2020(SMALL, { rateMultiplier: { batch: 2, service: 0 } });
    expect(r.prefill.map((j) => j.id)).toEqual([1, 2]);
    expect(r.jobs.map((j) => [j.id, j.submitUs / 1e6])).toEqual([
      [3, 0],
      [4, (0.125 * DAY_S) / 2],
      [7, DAY_S],
    ]);
  });

  it("the committed small.sqlite holds exactly the rows of small.sql", async () => {
    const built = await sqliteFile("rebuilt.sqlite", await readFile(`${DIR}/small.sql`, "utf8"));
    expect(await readAzurePacking2020(built)).toEqual({
      ...(await readAzurePacking2020(SMALL)),
      files: [built],
    });
    expect(Buffer.from(await readFile(built)).equals(await readFile(SMALL))).toBe(true);
  });
});

describe("azure-packing-2020 malformed input", () => {
  it("a wrong cell type names file:table:row and the column; skipInvalid counts it", async () => {
    const f = await sqliteFile(
      "text-start.sqlite",
      `${VM_TYPES}${VM_TABLE}
      INSERT INTO vm VALUES (1, 1, 10, 0, 0.5, 1.0), (2, 1, 10, 0, 'yesterday', 1.0), (3, 1, 11, 1, 0.25, NULL);`,
    );
    await expect(readAzurePacking2020(f)).rejects.toThrow(
      `${f}:vm:2: bad starttime: TEXT "yesterday" (use skipInvalid / --skip-invalid to skip such rows)`,
    );
    const r = await readAzurePacking2020(f, { skipInvalid: true });
    expect(r.skipped).toEqual({ "bad starttime": 1 });
    expect(r.rows).toBe(3);
    expect(r.jobs.map((j) => [j.id, j.durationUs / 1e6])).toEqual([
      [3, 0.75 * DAY_S],
      [1, 0.5 * DAY_S],
    ]);
  });

  it("every kind of unusable row is counted by reason", async () => {
    const f = await sqliteFile(
      "many-bad.sqlite",
      `CREATE TABLE vmType (id INTEGER, vmTypeId INTEGER, machineId INTEGER, core REAL, memory REAL,
        hdd REAL, ssd REAL, nic REAL);
      INSERT INTO vmType VALUES (1, 10, 0, 0.25, 0.5, 0, 0, 0), (2, 11, 0, 1.5, 0.25, 0, 0, 0),
        (3, 12, 0, 0.5, NULL, 0, 0, 0), (4, 10, 0, 0.5, 0.5, 0, 0, 0), (5, 'big', 0, 0.1, 0.1, 0, 0, 0);
      ${VM_TABLE}
      INSERT INTO vm VALUES
        (1, 1, 10, 0, 0.5, 1.0),
        (2, 1, 10, 2, 0.5, 1.0),
        (3, 1, 10, 0, 0.5, 0.25),
        (4, 1, 99, 0, 0.5, 1.0),
        (1, 1, 10, 0, 0.6, 1.0),
        (6, 1, 10, 0, 0.5, X'00'),
        (7, 1, 10.5, 0, 0.5, 1.0),
        (8, 1, 11, 0, 0.5, 1.0);`,
    );
    await expect(readAzurePacking2020(f)).rejects.toThrow(
      `${f}:vmType:5: bad vmTypeId: TEXT "big" (use skipInvalid`,
    );
    const r = await readAzurePacking2020(f, { skipInvalid: true });
    expect(r.skipped).toEqual({
      "bad vmTypeId": 2, // vmType row 5 ('big') and vm row 7 (10.5)
      "bad core": 1, // 1.5 is more than a whole machine
      "bad memory": 1, // NULL
      "a second row for one vmTypeId and machineId": 1,
      "bad priority": 1,
      "endtime before starttime": 1,
      "vmTypeId not in table vmType": 1,
      "duplicate vmId": 1,
      "bad endtime": 1, // a BLOB
    });
    expect(r.jobs.map((j) => j.id)).toEqual([1]);
    // VM 8's type 11 lost its only row (bad core): dropped, not skipped.
    expect(r.dropped).toEqual({ "VMs whose type has no vmType row for machine type 0": 1 });
  });

  it("the first bad vmType share names its row", async () => {
    const f = await sqliteFile(
      "bad-core.sqlite",
      `CREATE TABLE vmType (vmTypeId INTEGER, machineId INTEGER, core REAL, memory REAL);
      INSERT INTO vmType VALUES (10, 0, 0.25, 0.5), (11, 0, 1.5, 0.25);
      ${VM_TABLE}`,
    );
    await expect(readAzurePacking2020(f)).rejects.toThrow(
      `${f}:vmType:2: bad core: 1.5 (a share of one machine: 0 to 1)`,
    );
  });

  it("a missing table or column, an empty vmType, a non-SQLite file, a zip, a missing file, several files", async () => {
    const noTypes = await sqliteFile("no-vmtype.sqlite", `${VM_TABLE}CREATE TABLE tenant (id INTEGER);`);
    await expect(readAzurePacking2020(noTypes)).rejects.toThrow(
      `${noTypes}: no table "vmType" (the file has tenant, vm)`,
    );
    const noEnd = await sqliteFile(
      "no-endtime.sqlite",
      `${VM_TYPES}CREATE TABLE vm (vmId INTEGER, tenantId INTEGER, vmTypeId INTEGER, priority INTEGER, starttime REAL);`,
    );
    await expect(readAzurePacking2020(noEnd)).rejects.toThrow(
      `${noEnd}: table vm has no column "endtime" (its columns: vmId, tenantId, vmTypeId, priority, starttime)`,
    );
    const empty = await sqliteFile(
      "empty-types.sqlite",
      `CREATE TABLE vmType (vmTypeId INTEGER, machineId INTEGER, core REAL, memory REAL);${VM_TABLE}`,
    );
    await expect(readAzurePacking2020(empty)).rejects.toThrow(`${empty}: table vmType has no usable rows`);
    const csv = path.join(tmp, "vm.csv");
    await writeFile(csv, "vmId,tenantId,vmTypeId,priority,starttime,endtime\n1,1,10,0,0.5,1\n");
    await expect(readAzurePacking2020(csv)).rejects.toThrow(
      `${csv}: not a SQLite database (it does not start with "SQLite format 3")`,
    );
    const zip = path.join(tmp, "AzurePackingTraceV1.zip");
    await writeFile(zip, Buffer.from("PK\u0003\u0004 rest of a zip archive", "latin1"));
    await expect(readAzurePacking2020(zip)).rejects.toThrow(`${zip}: a zip archive, not a SQLite database`);
    await expect(readAzurePacking2020(path.join(tmp, "absent.sqlite"))).rejects.toThrow(
      `${path.join(tmp, "absent.sqlite")}: file not found`,
    );
    await expect(readAzurePacking2020([SMALL, SMALL])).rejects.toThrow(
      `azure-packing-2020: expected one .sqlite file (the trace is a single database), got 2`,
    );
  });
});

describe("azure-packing-2020 censoring", () => {
  it("lists the VMs with a NULL endtime as censored: 2 (prefill, alive throughout) and 6", async () => {
    const read = await readAzurePacking2020(SMALL);
    expect(read.censoredJobs).toEqual([2, 6]);
  });
});
