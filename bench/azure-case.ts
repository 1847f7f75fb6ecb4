import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import seedrandom from "seedrandom";
import initSqlJs from "sql.js";
import { readAzurePacking2020 } from "../src/workloads/traces/azure-packing-2020.js";

/**
 * The azure-packing-2020 reader case: a generated SQLite file in the published schema with a
 * `vm` table of 1 M rows (the real zone-a file has ~5.6 M), read whole. The file is generated
 * deterministically into the OS temp folder on first use, in a child process (so neither the
 * time nor the memory of building it counts in the case), and reused by later runs. The case's
 * "events" are the vm rows read.
 */

const MACHINE_TYPES = 6;
const VM_TYPES = 40;

/** Path of the generated file with `rows` VMs. */
export function azureBenchTrace(rows: number): string {
  return path.join(tmpdir(), "cellsim-bench", `azure-packing-${rows}-vms.sqlite`);
}

/** Generates the file unless it exists (in a child process running this module). */
export function prepareAzureBenchTrace(rows: number): void {
  if (existsSync(azureBenchTrace(rows))) return;
  execFileSync(process.execPath, [fileURLToPath(import.meta.url), String(rows)], { stdio: "inherit" });
}

/** Reads the file whole; returns the rows read. */
export async function readAzureBenchTrace(rows: number): Promise<number> {
  const read = await readAzurePacking2020(azureBenchTrace(rows));
  if (read.jobs.length === 0) throw new Error("azure bench: no jobs read");
  return read.rows;
}

/**
 * Writes the `rows`-VM file: every VM type runs on 3 of the 6 machine types (shares 1/32 to 1/2);
 * VMs over 14 days in time order, 2 % alive at the start (negative starttime), 20 % low
 * priority, 5 % still alive at the end (NULL endtime). Written under a temporary name and
 * renamed, so an interrupted run never leaves half a file behind.
 */
async function generate(rows: number): Promise<void> {
  const target = azureBenchTrace(rows);
  mkdirSync(path.dirname(target), { recursive: true });
  const rng = seedrandom(`cellsim-bench-azure-${rows}`);
  const sql = await initSqlJs();
  const db = new sql.Database();
  db.run(`CREATE TABLE vmType (id INTEGER PRIMARY KEY, vmTypeId INTEGER, machineId INTEGER, core REAL,
    memory REAL, hdd REAL, ssd REAL, nic REAL)`);
  db.run(`CREATE TABLE vm (vmId INTEGER, tenantId INTEGER, vmTypeId INTEGER, priority INTEGER,
    starttime REAL, endtime REAL)`);
  db.run("BEGIN");
  const types = db.prepare("INSERT INTO vmType VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  let id = 0;
  for (let t = 0; t < VM_TYPES; t++) {
    const share = 2 ** -(1 + Math.floor(rng() * 5));
    for (let k = 0; k < 3; k++)
      types.run([++id, t, (t + k) % MACHINE_TYPES, share, share / 2, share / 4, share / 4, share / 8]);
  }
  types.free();
  const vms = db.prepare("INSERT INTO vm VALUES (?, ?, ?, ?, ?, ?)");
  let day = 0;
  for (let vmId = 0; vmId < rows; vmId++) {
    const alive = vmId < rows / 50;
    const start = alive ? -rng() * 100 : (day += -Math.log(1 - rng()) * (14 / rows));
    const end =
      rng() < 0.05 ? null : Math.max(start + -Math.log(1 - rng()) * 0.5, alive ? rng() * 10 : start);
    const priority = rng() < 0.2 ? 1 : 0;
    vms.run([vmId, Math.floor(rng() * 5000), Math.floor(rng() * VM_TYPES), priority, start, end]);
  }
  vms.free();
  db.run("COMMIT");
  const tmp = `${target}.${process.pid}.tmp`;
  writeFileSync(tmp, db.export());
  db.close();
  renameSync(tmp, target);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await generate(Number(process.argv[2]));
