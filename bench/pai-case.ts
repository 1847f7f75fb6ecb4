import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import seedrandom from "seedrandom";
import { readAlibabaPai2020 } from "../src/workloads/traces/alibaba-pai-2020.js";
import { writeGeneratedFile } from "./generated-file.js";

/**
 * alibaba-pai-2020 reader cases: a generated pai_task_table of 1 M rows (the published table has
 * ~1.26 M), read whole or through a window that keeps ~10 % of its tasks (peak memory should
 * follow the jobs kept). Generated deterministically into the OS temp folder on first use (not
 * timed, not committed). Rows look like the trace's: floats everywhere, statuses mostly
 * Terminated with some Failed, Running and Waiting, GPU requests 0 (ps, empty field), 25, 50,
 * 100 or 800, 1–16 instances. The case's "events" are the rows read.
 */

const MEAN_INTERARRIVAL_SEC = 5;
const STATUSES = ["Terminated", "Terminated", "Terminated", "Terminated", "Failed", "Running", "Waiting"];
const GPUS = ["", "25.0", "50.0", "50.0", "100.0", "100.0", "800.0"];
const ROLES = ["worker", "ps", "tensorflow", "PyTorchWorker", "evaluator"];

/** Path of the generated `rows`-row task table. */
export function paiBenchTrace(rows: number): string {
  return path.join(tmpdir(), "cellsim-bench", `pai_task_table-${rows}-rows.csv`);
}

/** Writes the `rows`-row table unless it exists (temporary name, then renamed: never half a file). */
export function preparePaiBenchTrace(rows: number): void {
  const target = paiBenchTrace(rows);
  if (!existsSync(target)) writeGeneratedFile(target, paiBenchRows(rows));
}

/** The table's `rows` rows (see preparePaiBenchTrace; the published table has no header). */
function* paiBenchRows(rows: number): Generator<string> {
  const rng = seedrandom(`cellsim-bench-pai-${rows}`);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rng() * list.length)] as T;
  let startSec = 1_000_000;
  for (let i = 0; i < rows; i++) {
    startSec += Math.round(-Math.log(1 - rng()) * MEAN_INTERARRIVAL_SEC);
    const status = pick(STATUSES);
    const start = status === "Waiting" ? "" : `${startSec}.0`;
    const ran = Math.round(1 + -Math.log(1 - rng()) * 3000);
    const end = status === "Waiting" || status === "Running" ? "" : `${startSec + ran}.0`;
    const insts = 1 + Math.floor(-Math.log(1 - rng()) * 2);
    const cpu = pick([50, 200, 400, 600, 800, 1200]);
    const mem = (rng() * 100).toFixed(6);
    const gpu = pick(GPUS);
    const job = Math.floor(i * 0.8).toString(16);
    yield `${job},${pick(ROLES)},${insts}.0,${status},${start},${end},${cpu}.0,${mem},${gpu},${gpu === "" ? "" : "V100"}`;
  }
}

/** Reads the table, keeping tasks launched before `keptFraction` of its span; returns rows read. */
export async function readPaiBenchTrace(rows: number, keptFraction = 1): Promise<number> {
  const spanUs = rows * MEAN_INTERARRIVAL_SEC * 1e6;
  const opts = keptFraction < 1 ? { toUs: 1e12 + Math.round(spanUs * keptFraction) } : {};
  const read = await readAlibabaPai2020(paiBenchTrace(rows), opts);
  if (read.jobs.length === 0) throw new Error("pai reader bench: no jobs read");
  return read.rows;
}
