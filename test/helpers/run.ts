import type { JobSpec } from "../../src/cluster/job.js";
import { RngFactory } from "../../src/engine/rng.js";
import type { RunConfig } from "../../src/experiment/config.js";
import { simulateWorkload } from "../../src/experiment/run-one.js";
import type { RunSummary } from "../../src/metrics/summary.js";
import { workloadFromList } from "../../src/workloads/source.js";

/** Simulates a hand-made job list (no prefill) with invariant checks on. */
export function runJobs(config: RunConfig, jobs: JobSpec[], prefill: JobSpec[] = []): RunSummary {
  return simulateWorkload(config, workloadFromList(prefill, jobs), new RngFactory(1), {
    checkInvariants: true,
  });
}
