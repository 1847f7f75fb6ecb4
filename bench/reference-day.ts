import { existsSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { JobSpec } from "../src/cluster/job.js";
import { RngFactory } from "../src/engine/rng.js";
import type { RunConfig } from "../src/experiment/config.js";
import { loadWorkload } from "../src/experiment/load-workload.js";
import { writeNativeTrace } from "../src/workloads/native-csv.js";
import type { Workload } from "../src/workloads/source.js";
import { oneDayConfig } from "./day-config.js";

/**
 * The reference day: the Omega authors' simulator's own benchmark workload, one simulated day on
 * 10,000 machines × 4 CPUs × 16 GB, written once as a native CSV and read back by every run, so a
 * run's time includes reading the workload file as the reference simulator's does. Shape (the
 * reference's): batch jobs every Exp(10 s) with ~Exp(100) tasks of Exp(100 s), service jobs every
 * Exp(20 s) with ~Exp(10) tasks of Exp(500 s), 1 CPU / 2 GB per task, and the 3 prefill jobs of
 * its example initial cell state (traces/example-init-cluster-state.log in its repository): 1 task
 * of 0.17 CPU / 0.49 GB, 1 task of 0.001 CPU / 0.01 GB and 1,000 tasks of 0.1 CPU / 1.07 GB (that
 * file gives the last job's memory as 1.074 × 10¹² bytes, read here as the job's total). We let
 * them run past the day.
 */
const DAY_US = 86_400e6;

/** The seed the file's jobs are drawn with (runs then vary only their placement seed). */
const FILE_SEED = 1;

/** Where the generated file lives (not committed; regenerated when absent). */
export const REFERENCE_DAY_CSV = path.join(
  tmpdir(),
  "cellsim-bench",
  `reference-day-v2-seed${FILE_SEED}.csv`,
);

/** The 3 prefill jobs (see the module comment). */
function prefillJobs(): JobSpec[] {
  const job = (id: number, tasks: number, cpusPerTask: number, memGbPerTask: number): JobSpec => ({
    id,
    submitUs: 0,
    kind: "service",
    tasks,
    cpusPerTask,
    memGbPerTask,
    durationUs: 2 * DAY_US,
    prefill: true,
  });
  return [job(1_000_000, 1, 0.17, 0.49), job(1_000_001, 1, 0.001, 0.01), job(1_000_002, 1_000, 0.1, 1.07)];
}

/** Writes the reference day's native CSV unless it is there already; returns its path. */
export async function ensureReferenceDayCsv(): Promise<string> {
  if (existsSync(REFERENCE_DAY_CSV)) return REFERENCE_DAY_CSV;
  mkdirSync(path.dirname(REFERENCE_DAY_CSV), { recursive: true });
  const synthetic = oneDayConfig({ type: "monolithic" });
  const drawn = await loadWorkload(synthetic, 40_000, new RngFactory(FILE_SEED));
  const workload: Workload = { prefill: prefillJobs(), next: () => drawn.next() };
  await writeNativeTrace(REFERENCE_DAY_CSV, workload, DAY_US);
  return REFERENCE_DAY_CSV;
}

/** The reference day read from its CSV under `architecture` (the file must exist). */
export function referenceDayConfig(architecture: RunConfig["architecture"]): RunConfig {
  return {
    ...oneDayConfig(architecture),
    workload: {
      type: "trace",
      path: REFERENCE_DAY_CSV,
      format: "cellsim",
      rateMultiplier: { batch: 1, service: 1 },
    },
  };
}
