import type { DecisionTime } from "../../src/cluster/decision.js";
import type { WorkloadKind } from "../../src/cluster/job.js";
import type { ArchitectureSpec, DecisionTimes, TwoLevelSpec } from "../../src/policies/specs.js";

/** Builders for every architecture's spec, and the list of variants the conformance suite runs. */

/** Paper defaults: t_job 0.1 s, t_task 5 ms. */
export const PAPER_DT: DecisionTime = { perJobUs: 100_000, perTaskUs: 5_000 };

/** The same decision time for both kinds, or one per kind. */
export function decisionTimes(batch: DecisionTime = PAPER_DT, service: DecisionTime = batch): DecisionTimes {
  return { batch, service };
}

export function monolithic(dt: DecisionTimes = decisionTimes()): ArchitectureSpec {
  return { type: "monolithic", decisionTime: dt };
}

export function staticPartition(
  dt: DecisionTimes = decisionTimes(),
  partitions: Record<WorkloadKind, number> = { batch: 0.5, service: 0.5 },
): ArchitectureSpec {
  return { type: "static-partition", decisionTime: dt, partitions };
}

export function sharedState(
  over: Partial<Omit<Extract<ArchitectureSpec, { type: "shared-state" }>, "type">> = {},
): ArchitectureSpec {
  return {
    type: "shared-state",
    decisionTime: decisionTimes(),
    schedulers: { batch: 1, service: 1 },
    conflictMode: "fine",
    transactionMode: "incremental",
    ...over,
  };
}

/** Two-level with the Omega paper's model defaults (offer rounds 1 s, ≥100 CPUs, allocator 1 ms). */
export function twoLevel(over: Partial<Omit<TwoLevelSpec, "type">> = {}): TwoLevelSpec {
  return {
    type: "two-level",
    decisionTime: decisionTimes(),
    frameworks: { batch: 1, service: 1 },
    offerIntervalUs: 1_000_000,
    minOfferCpus: 100,
    allocatorDecisionTimeUs: 1_000,
    ...over,
  };
}

/** One architecture variant of the conformance suite: how to build it and what it reports. */
export interface Variant {
  label: string;
  make(dt: DecisionTimes): ArchitectureSpec;
  /** Scheduler names in summary order. */
  schedulers: string[];
  /** Offers lock resources (locked.cpu > 0 on a busy run); every other architecture locks none. */
  locks: boolean;
}

const omega = (label: string, over: Parameters<typeof sharedState>[0]): Variant => ({
  label,
  make: (dt) => sharedState({ decisionTime: dt, ...over }),
  schedulers: ["omega-batch-0", "omega-service-0"],
  locks: false,
});

/** Every architecture variant: monolithic (single/multi-path), partitions, two-level, Omega modes. */
export const VARIANTS: Variant[] = [
  {
    label: "monolithic single-path",
    make: (dt) => monolithic(decisionTimes(dt.batch)),
    schedulers: ["monolithic"],
    locks: false,
  },
  { label: "monolithic multi-path", make: (dt) => monolithic(dt), schedulers: ["monolithic"], locks: false },
  {
    label: "static-partition",
    make: (dt) => staticPartition(dt),
    schedulers: ["partition-batch", "partition-service"],
    locks: false,
  },
  {
    label: "two-level",
    make: (dt) => twoLevel({ decisionTime: dt }),
    schedulers: ["mesos-batch-0", "mesos-service-0"],
    locks: true,
  },
  omega("shared-state fine/incremental", { conflictMode: "fine", transactionMode: "incremental" }),
  omega("shared-state fine/all-or-nothing", { conflictMode: "fine", transactionMode: "all-or-nothing" }),
  omega("shared-state coarse/incremental", { conflictMode: "coarse", transactionMode: "incremental" }),
  omega("shared-state coarse/all-or-nothing", { conflictMode: "coarse", transactionMode: "all-or-nothing" }),
  {
    label: "shared-state 3 batch schedulers",
    make: (dt) => sharedState({ decisionTime: dt, schedulers: { batch: 3, service: 1 } }),
    schedulers: ["omega-batch-0", "omega-batch-1", "omega-batch-2", "omega-service-0"],
    locks: false,
  },
];
