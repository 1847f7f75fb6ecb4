import type { SimTime } from "../engine/time.js";
import type { PrefillSpec, WorkloadSpec } from "../workloads/spec.js";
import type { DecisionTime, RetryRule } from "../cluster/decision.js";
import type { NamedBlock } from "./block-schema.js";
import type { QuasarPolicySpec } from "../quasar/policies.js";
import type { QuasarClusterSpec } from "../quasar/schema.js";

export type { DecisionTime, RetryRule };

/** Validated, unit-resolved configuration of one run (after sweep expansion and defaults). */

export interface ClusterSpec {
  /** Preset name if it came from one (provenance). */
  preset?: string;
  machines: number;
  cpus: number;
  memGb: number;
}

/**
 * An architecture block as written in the experiment file, `type` filled in (default
 * monolithic). The run parses it with the architecture's own schema (defaults, units → µs).
 */
export type ArchitectureBlock = NamedBlock;

export interface RunConfig {
  horizonUs: SimTime;
  cluster: ClusterSpec;
  workload: WorkloadSpec;
  prefill: PrefillSpec;
  architecture: ArchitectureBlock;
  /** Placement policy name (built-ins in src/policies/placement, or a plug-in's). */
  placement: string;
  retry: RetryRule;
  /** Period of the down-sampled utilization series. */
  /**
   * Period of the down-sampled series; `machines` machines (evenly spaced over the cell) get
   * their CPU utilization point-sampled at the same period, for heatmaps (0 = off).
   */
  metrics: {
    samplePeriodUs: SimTime;
    machines?: number;
    /** Record every task's machine and times (the task-timeline figure); absent when off. */
    timeline?: true;
    /** Record every submitted job (jobs.csv.gz); absent when off. */
    jobs?: true;
    /** Window of the per-scheduler series (scheduler-series.csv); absent when off. */
    schedulerSeriesUs?: SimTime;
  };
}

/**
 * Validated configuration of one Quasar-study run (src/quasar): a preset cell, optionally
 * scaled, and a policy. The preset brings its own jobs, so there is no workload, prefill,
 * placement or retry rule. `model` tells it apart from a cell-model RunConfig (which has none,
 * so cell configs, their hashes and their results stay exactly as before).
 */
export interface QuasarRunConfig {
  model: "quasar";
  horizonUs: SimTime;
  cluster: QuasarClusterSpec;
  policy: QuasarPolicySpec;
}

/** The configuration of any run an experiment can plan. */
export type AnyRunConfig = RunConfig | QuasarRunConfig;

/** True for a Quasar-study run. */
export function isQuasarConfig(config: AnyRunConfig): config is QuasarRunConfig {
  return "model" in config && config.model === "quasar";
}
