import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import seedrandom from "seedrandom";
import { INSTANCE_COLUMNS } from "../src/workloads/traces/google-2019-rows.js";
import { readGoogle2019 } from "../src/workloads/traces/google-2019.js";
import { writeGeneratedFile } from "./generated-file.js";

/**
 * The google-2019 reader on a generated export of ~1 M instance_events rows (CSV with a header,
 * as the SQL in docs/traces.md writes it) plus its collection_events, read whole or through a
 * window keeping ~10 % of the span. Generated deterministically into the OS temp folder on first
 * use (not timed, not committed). Events = instance_events rows read.
 */

/** Mean time between job submits, µs. */
const MEAN_INTERARRIVAL_US = 2e6;
const EVENTS = { SUBMIT: 0, SCHEDULE: 3, EVICT: 4, FINISH: 6, KILL: 7 } as const;

/** Paths of the generated pair for about `rows` instance rows. */
export function google2019BenchTrace(rows: number): { instances: string; collections: string } {
  const dir = path.join(tmpdir(), "cellsim-bench");
  return {
    instances: path.join(dir, `g2019-instance_events-${rows}.csv`),
    collections: path.join(dir, `g2019-collection_events-${rows}.csv`),
  };
}

/** One job's rows: [time µs, line] of its instances, and its collection row. */
function jobRows(rng: () => number, id: number, submitUs: number, after: number | undefined) {
  const tasks = 1 + Math.floor(-Math.log(1 - rng()) * 4);
  const priority = [0, 25, 103, 110, 115, 119, 200, 360][Math.floor(rng() * 8)] as number;
  const cls = Math.floor(rng() * 4);
  const cpus = [0.0125, 0.025, 0.05, 0.1][Math.floor(rng() * 4)] as number;
  const mem = (cpus * (0.5 + rng())).toFixed(5);
  const row = (t: number, type: number, i: number) =>
    [t, `${t},${type},${id},${i},${priority},${cls},0,${cpus},${mem}`] as [number, string];
  const out: [number, string][] = [];
  for (let i = 0; i < tasks; i++) {
    out.push(row(submitUs, EVENTS.SUBMIT, i));
    let t = submitUs + Math.round(rng() * 5e6);
    out.push(row(t, EVENTS.SCHEDULE, i));
    if (rng() < 0.05) {
      t += Math.round(-Math.log(1 - rng()) * 60e6);
      out.push(row(t, EVENTS.EVICT, i));
      t += Math.round(rng() * 10e6);
      out.push(row(t, EVENTS.SCHEDULE, i));
    }
    t += Math.round(-Math.log(1 - rng()) * (priority >= 120 ? 3600e6 : 300e6));
    out.push(row(t, rng() < 0.9 ? EVENTS.FINISH : EVENTS.KILL, i));
  }
  const collection = `${submitUs},${EVENTS.SUBMIT},${id},0,${cls},${after ?? ""}`;
  return { rows: out, collection };
}

/** Writes `lines` sorted by their times to `target`, after `header` (never half a file). */
function writeSorted(target: string, header: string, lines: [number, string][]): void {
  lines.sort((a, b) => a[0] - b[0]);
  writeGeneratedFile(target, [header, ...lines.map(([, line]) => line)]);
}

/** Writes the pair unless it exists: jobs with exponential gaps, 1 in 10 starting after an earlier one. */
export function prepareGoogle2019BenchTrace(rows: number): void {
  const { instances, collections } = google2019BenchTrace(rows);
  if (existsSync(instances) && existsSync(collections)) return;
  const rng = seedrandom(`cellsim-bench-google-2019-${rows}`);
  const instanceLines: [number, string][] = [];
  const collectionLines: [number, string][] = [];
  let submitUs = 600e6;
  for (let id = 1; instanceLines.length < rows; id++) {
    submitUs += Math.round(-Math.log(1 - rng()) * MEAN_INTERARRIVAL_US);
    const after = id > 10 && rng() < 0.1 ? id - 1 - Math.floor(rng() * 10) : undefined;
    const job = jobRows(rng, id, submitUs, after);
    instanceLines.push(...job.rows);
    collectionLines.push([submitUs, job.collection]);
  }
  writeSorted(instances, INSTANCE_COLUMNS.join(","), instanceLines);
  writeSorted(
    collections,
    "time,type,collection_id,collection_type,scheduling_class,start_after_collection_ids",
    collectionLines,
  );
}

/** Reads the pair, keeping submits before `keptFraction` of its span; returns instance rows read. */
export async function readGoogle2019BenchTrace(rows: number, keptFraction = 1): Promise<number> {
  const { instances, collections } = google2019BenchTrace(rows);
  const spanUs = 600e6 + (rows / 13) * MEAN_INTERARRIVAL_US;
  const opts = keptFraction < 1 ? { toUs: Math.round(spanUs * keptFraction) } : {};
  const read = await readGoogle2019(instances, { collectionEvents: [collections], ...opts });
  if (read.jobs.length === 0) throw new Error("google-2019 bench: no jobs read");
  return read.rows;
}
