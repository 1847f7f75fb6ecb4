import type { WorkloadKind } from "../../src/cluster/job.js";
import { planFromJson } from "../../src/experiment/plan.js";
import { runOne } from "../../src/experiment/run-one.js";
import { mean } from "../../src/metrics/stats.js";
import type { RunSummary, SchedulerSummary } from "../../src/metrics/summary.js";

/**
 * Reduced versions of the Omega study's configurations (studies/omega/experiments/*.json), built as
 * experiment JSON so that they go through the same validation and resolution as the real files.
 */

/** The paper's default decision time, as experiment-file values. */
export const PAPER = { perJob: "0.1s", perTask: "5ms" } as const;

export interface OmegaRunOptions {
  preset: string;
  horizon: string;
  architecture: Record<string, unknown>;
  batchRate?: number;
  seed?: number;
}

export function runOmegaConfig(o: OmegaRunOptions): Promise<RunSummary> {
  const json = {
    name: "omega-shape",
    horizon: o.horizon,
    seeds: [o.seed ?? 1],
    cluster: { preset: o.preset },
    workload: { preset: o.preset, rateMultiplier: { batch: o.batchRate ?? 1 } },
    architecture: o.architecture,
    placement: "random-first-fit",
  };
  const run = planFromJson(json, "omega-shape.json").runs[0];
  if (!run) throw new Error("omega-shape: no run");
  return runOne(run.config, o.seed ?? 1);
}

/** Decision times with the service scheduler's per-job (and optionally per-task) time changed. */
export function serviceSlowed(perJob: string, perTask: string = PAPER.perTask): Record<string, unknown> {
  return { batch: PAPER, service: { perJob, perTask } };
}

export const schedulersOf = (s: RunSummary, kind: WorkloadKind): SchedulerSummary[] =>
  s.schedulers.filter((x) => x.workloads.includes(kind));

export { mean };

/** Mean wait to the first attempt of one kind's jobs, in seconds. */
export const waitOf = (s: RunSummary, kind: WorkloadKind): number => s.workloads[kind]!.waitFirstSec.mean;

/** Jobs of `kind` still pending or abandoned at the horizon, as a share of those submitted. */
export function unscheduledShare(s: RunSummary, kind: WorkloadKind): number {
  const w = s.workloads[kind]!;
  return (w.pending + w.abandoned) / Math.max(1, w.submitted);
}
