import type { SimTime } from "../engine/time.js";
import type { WorkloadKind } from "../cluster/job.js";
import type { PrefillSpec, WorkloadSpec } from "../workloads/spec.js";

/** Validated, unit-resolved configuration of one run (after sweep expansion and defaults). */

export interface ClusterSpec {
  /** Preset name if it came from one (provenance). */
  preset?: string;
  machines: number;
  cpus: number;
  memGb: number;
}

export interface DecisionTime {
  perJobUs: SimTime;
  perTaskUs: SimTime;
}

/** The one retry/abandon rule (DESIGN §3), configurable. */
export interface RetryRule {
  retryDelayUs: SimTime;
  /** Abandon after this many attempts... */
  maxAttempts: number;
  /** ...or after this many attempts if no task of the job was ever placed. */
  maxAttemptsWithoutProgress: number;
}

export interface MonolithicArchitecture {
  type: "monolithic";
  decisionTime: Record<WorkloadKind, DecisionTime>;
}

export type ArchitectureSpec = MonolithicArchitecture;

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
  metrics: { samplePeriodUs: SimTime };
}
