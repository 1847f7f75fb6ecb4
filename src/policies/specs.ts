import type { CommitModes } from "../cluster/commit.js";
import type { DecisionTime } from "../cluster/decision.js";
import type { WorkloadKind } from "../cluster/job.js";
import type { SimTime } from "../engine/time.js";

/** Decision times per workload kind (equal for a single-path monolithic scheduler). */
export type DecisionTimes = Record<WorkloadKind, DecisionTime>;

/** Monolithic: one scheduler for every job. */
export interface MonolithicSpec {
  type: "monolithic";
  /** Display name for reports. */
  name?: string;
  decisionTime: DecisionTimes;
}

/** Static partitions: a fraction of the machines per kind, each with its own scheduler. */
export interface StaticPartitionSpec {
  type: "static-partition";
  name?: string;
  decisionTime: DecisionTimes;
  /** Fraction of the machines per kind (sum ≤ 1); batch takes the first machines. */
  partitions: Record<WorkloadKind, number>;
}

/** Omega: N optimistic schedulers per kind on a shared cell. */
export interface SharedStateSpec extends CommitModes {
  type: "shared-state";
  name?: string;
  decisionTime: DecisionTimes;
  /** Schedulers per kind; jobs of a kind are dealt to them round-robin. */
  schedulers: Record<WorkloadKind, number>;
}

/** Mesos-style two-level scheduling as modelled in the Omega paper. */
export interface TwoLevelSpec {
  type: "two-level";
  name?: string;
  decisionTime: DecisionTimes;
  /** Framework schedulers per kind (default 1 each); jobs dealt round-robin. */
  frameworks: Record<WorkloadKind, number>;
  /** Delay from a trigger to the offer round it causes (rounds are batched). */
  offerIntervalUs: SimTime;
  /** No offer unless at least this many CPUs are free and unheld. */
  minOfferCpus: number;
  /** Time the allocator takes to make an offer. */
  allocatorDecisionTimeUs: SimTime;
}

/** Every architecture's validated configuration. */
export type ArchitectureSpec = MonolithicSpec | StaticPartitionSpec | SharedStateSpec | TwoLevelSpec;
