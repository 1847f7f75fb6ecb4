import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import seedrandom from "seedrandom";
import { readNativeTrace } from "../src/workloads/native-csv.js";
import { streamCellsim } from "../src/workloads/traces/cellsim.js";
import { HEADER } from "../src/workloads/native-row.js";
import { writeGeneratedFile } from "./generated-file.js";

/**
 * Native-reader cases: a generated native CSV of 1 M or 3 M rows, read whole or through a window
 * that keeps ~10 % of its jobs (peak memory should follow the jobs kept, not the file). The file
 * is generated deterministically into the OS temp folder on first use (not timed, not
 * committed) and reused by later runs. The case's "events" are the rows read.
 */

/** Mean time between submits, seconds: 3 M rows span ~300,000 s (3.5 days). */
const MEAN_INTERARRIVAL_SEC = 0.1;
const HEADER_LINE = [...HEADER, "prefill"].join(",");

/** Path of the generated `rows`-row file (beside the reference day's CSV). */
export function nativeBenchTrace(rows: number): string {
  return path.join(tmpdir(), "cellsim-bench", `native-${rows}-rows.csv`);
}

/**
 * Writes the `rows`-row file unless it exists: 1 % prefill rows, then submitted jobs sorted by
 * submit time (exponential gaps), 30 % service; written to a temporary name and renamed, so an
 * interrupted run never leaves half a file behind.
 */
export function prepareNativeBenchTrace(rows: number): void {
  const target = nativeBenchTrace(rows);
  if (!existsSync(target)) writeGeneratedFile(target, nativeBenchRows(rows));
}

/** The header, then the `rows` rows of the file (see prepareNativeBenchTrace). */
function* nativeBenchRows(rows: number): Generator<string> {
  const rng = seedrandom(`cellsim-bench-native-${rows}`);
  yield HEADER_LINE;
  let submitSec = 0;
  for (let id = 0; id < rows; id++) {
    const prefill = id < rows / 100;
    if (!prefill) submitSec += -Math.log(1 - rng()) * MEAN_INTERARRIVAL_SEC;
    const kind = rng() < 0.3 ? "service" : "batch";
    const tasks = 1 + Math.floor(-Math.log(1 - rng()) * (kind === "service" ? 10 : 100));
    const cpus = [0.25, 0.5, 1, 2][Math.floor(rng() * 4)] as number;
    const durationSec = (1 + -Math.log(1 - rng()) * (kind === "service" ? 2000 : 100)).toFixed(3);
    const submit = prefill ? "0" : submitSec.toFixed(3);
    yield `${id},${submit},${kind},${tasks},${cpus},${cpus * 2},${durationSec},${prefill ? 1 : 0}`;
  }
}

/** The read window keeping the submits before `keptFraction` of the `rows`-row file's span. */
function windowKeeping(rows: number, keptFraction: number): { toUs?: number } {
  const spanUs = rows * MEAN_INTERARRIVAL_SEC * 1e6;
  return keptFraction < 1 ? { toUs: Math.round(spanUs * keptFraction) } : {};
}

/** Reads the `rows`-row file, keeping submits before `keptFraction` of its span; returns rows read. */
export async function readNativeBenchTrace(rows: number, keptFraction = 1): Promise<number> {
  const read = await readNativeTrace(nativeBenchTrace(rows), windowKeeping(rows, keptFraction));
  if (read.jobs.length === 0) throw new Error("reader bench: no jobs read");
  return rows;
}

/**
 * Reads the generated file as a run reads a native trace (streamCellsim: the kept jobs as
 * columns, one JobSpec made per job pulled, each dropped at once as a run drops a settled job);
 * returns the rows read.
 */
export async function streamNativeBenchTrace(rows: number, keptFraction = 1): Promise<number> {
  const read = await streamCellsim(nativeBenchTrace(rows), windowKeeping(rows, keptFraction));
  let pulled = 0;
  while (read.next() !== undefined) pulled++;
  if (pulled === 0) throw new Error("reader bench: no jobs read");
  return rows;
}
