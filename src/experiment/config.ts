import type { SimTime } from "../engine/time.js";
import type { PrefillSpec, WorkloadSpec } from "../workloads/spec.js";
import type { DecisionTime, RetryRule } from "../cluster/decision.js";
import type { ArchitectureSpec } from "../policies/specs.js";

export type { DecisionTime, RetryRule };

/** Validated, unit-resolved configuration of one run (after sweep expansion and defaults). */

export interface ClusterSpec {
  /** Preset name if it came from one (provenance). */
  preset?: string;
  machines: number;
  cpus: number;
  memGb: number;
}

export type { ArchitectureSpec, MonolithicSpec } from "../policies/specs.js";
export type { MonolithicSpec as MonolithicArchitecture } from "../policies/specs.js";

export interface RunConfig {
  horizonUs: SimTime;
  cluster: ClusterSpec;
  workload: WorkloadSpec;
  prefill: PrefillSpec;
  architecture: ArchitectureSpec;
  /** Placement policy name (registry in src/policies/placement). */
  placement: string;
  retry: RetryRule;
  /** Period of the down-sampled utilization series. */
  /**
   * Period of the down-sampled series; `machines` machines (evenly spaced over the cell) get
   * their CPU utilization point-sampled at the same period, for heatmaps (0 = off).
   */
  metrics: { samplePeriodUs: SimTime; machines?: number };
}
