import type { DecisionTime } from "../../src/cluster/decision.js";
import type { WorkloadKind } from "../../src/cluster/job.js";
import type { DecisionTimes } from "../../src/architectures/common.js";
import type { SharedStateSpec } from "../../src/architectures/shared-state/index.js";
import type { TwoLevelSpec } from "../../src/architectures/two-level/index.js";
import type { ArchitectureBlock } from "../../src/experiment/config.js";
import type { DecisionTimesInput } from "../../src/testing/busy-cell.js";
import type { ConformanceTestName } from "../../src/testing/subject.js";

/**
 * Builders for every architecture's config block (as an experiment file would write it), and
 * the list of variants the conformance suite runs. Tests think in µs; the blocks carry exact
 * `"<n>us"` durations, which the architectures' schemas read back unchanged.
 */

/** Paper defaults: t_job 0.1 s, t_task 5 ms. */
export const PAPER_DT: DecisionTime = { perJobUs: 100_000, perTaskUs: 5_000 };

/** The same decision time for both kinds, or one per kind. */
export function decisionTimes(batch: DecisionTime = PAPER_DT, service: DecisionTime = batch): DecisionTimes {
  return { batch, service };
}

/** A µs count as an exact duration string. */
export const us = (value: number): string => `${value}us`;

/** Decision times in µs → the `decisionTime` block of an experiment file. */
export function decisionTimeBlock(dt: DecisionTimes) {
  const one = (d: DecisionTime) => ({ perJob: us(d.perJobUs), perTask: us(d.perTaskUs) });
  return { batch: one(dt.batch), service: one(dt.service) };
}

export function monolithic(dt: DecisionTimes = decisionTimes()): ArchitectureBlock {
  return { type: "monolithic", decisionTime: decisionTimeBlock(dt) };
}

export function staticPartition(
  dt: DecisionTimes = decisionTimes(),
  partitions: Record<WorkloadKind, number> = { batch: 0.5, service: 0.5 },
): ArchitectureBlock {
  return { type: "static-partition", decisionTime: decisionTimeBlock(dt), partitions };
}

export function sharedState(over: Partial<Omit<SharedStateSpec, "name">> = {}): ArchitectureBlock {
  const { decisionTime = decisionTimes(), ...rest } = over;
  return {
    type: "shared-state",
    schedulers: { batch: 1, service: 1 },
    conflictMode: "fine",
    transactionMode: "incremental",
    ...rest,
    decisionTime: decisionTimeBlock(decisionTime),
  };
}

/** Two-level with the Omega paper's model defaults (offer rounds 1 s, ≥100 CPUs, allocator 1 ms). */
export function twoLevel(over: Partial<Omit<TwoLevelSpec, "name">> = {}): ArchitectureBlock {
  const spec: Omit<TwoLevelSpec, "name"> = {
    decisionTime: decisionTimes(),
    frameworks: { batch: 1, service: 1 },
    offerIntervalUs: 1_000_000,
    minOfferCpus: 100,
    allocatorDecisionTimeUs: 1_000,
    attemptStamp: "decision",
    offersPerFramework: "one",
    ...over,
  };
  return {
    type: "two-level",
    decisionTime: decisionTimeBlock(spec.decisionTime),
    frameworks: spec.frameworks,
    offerInterval: us(spec.offerIntervalUs),
    minOfferCpus: spec.minOfferCpus,
    allocatorDecisionTime: us(spec.allocatorDecisionTimeUs),
    attemptStamp: spec.attemptStamp,
    offersPerFramework: spec.offersPerFramework,
  };
}

/** One architecture variant of the conformance suite: its block and what it reports. */
export interface Variant {
  label: string;
  /** The block with the suite's decision times (as an experiment file writes them). */
  make(dt: DecisionTimesInput): ArchitectureBlock;
  /** Scheduler names in summary order. */
  schedulers: string[];
  /** Offers lock resources (locked.cpu > 0 on a busy run); every other architecture locks none. */
  locks: boolean;
  /** Conformance checks that do not apply, each with the reason. */
  skip?: { test: ConformanceTestName; reason: string }[];
}

const omega = (label: string, over: Record<string, unknown>): Variant => ({
  label,
  make: (decisionTime) => ({ type: "shared-state", decisionTime, ...over }),
  schedulers: ["omega-batch-0", "omega-service-0"],
  locks: false,
});

/** Every architecture variant: monolithic (single/multi-path), partitions, two-level, Omega modes. */
export const VARIANTS: Variant[] = [
  {
    label: "monolithic single-path",
    // One decision time for every kind: the batch one.
    make: (dt) => ({ type: "monolithic", decisionTime: dt.batch }),
    schedulers: ["monolithic"],
    locks: false,
  },
  {
    label: "monolithic multi-path",
    make: (decisionTime) => ({ type: "monolithic", decisionTime }),
    schedulers: ["monolithic"],
    locks: false,
  },
  {
    label: "static-partition",
    make: (decisionTime) => ({
      type: "static-partition",
      decisionTime,
      partitions: { batch: 0.5, service: 0.5 },
    }),
    schedulers: ["partition-batch", "partition-service"],
    locks: false,
  },
  {
    label: "two-level",
    make: (decisionTime) => ({ type: "two-level", decisionTime }),
    schedulers: ["mesos-batch-0", "mesos-service-0"],
    locks: true,
  },
  {
    label: "two-level overlapping offers",
    make: (decisionTime) => ({ type: "two-level", decisionTime, offersPerFramework: "many" }),
    schedulers: ["mesos-batch-0", "mesos-service-0"],
    locks: true,
  },
  {
    // The Omega authors' simulator's framework semantics (docs/design.md, "Two-level waits").
    label: "two-level reference waits",
    make: (decisionTime) => ({
      type: "two-level",
      decisionTime,
      attemptStamp: "offer",
      offersPerFramework: "many",
    }),
    schedulers: ["mesos-batch-0", "mesos-service-0"],
    locks: true,
    skip: [
      {
        test: "wait-censored",
        reason:
          "attemptStamp offer stamps both queued jobs at the offer's arrival (62.002 s), so the third counts as attempted though its think starts after the horizon",
      },
    ],
  },
  {
    // Mesos ≥ 0.10: per-agent offers, weighted DRF over roles, decline filters (5 s), offer
    // timeouts (docs/frameworks/architectures.md, "The per-agent allocator").
    label: "two-level per-agent",
    make: (decisionTime) => ({
      type: "two-level",
      decisionTime,
      allocator: "per-agent",
      offerTimeout: "120s",
    }),
    schedulers: ["mesos-batch-0", "mesos-service-0"],
    locks: true,
  },
  omega("shared-state fine/incremental", { conflictMode: "fine", transactionMode: "incremental" }),
  omega("shared-state fine/all-or-nothing", { conflictMode: "fine", transactionMode: "all-or-nothing" }),
  omega("shared-state coarse/incremental", { conflictMode: "coarse", transactionMode: "incremental" }),
  omega("shared-state coarse/all-or-nothing", { conflictMode: "coarse", transactionMode: "all-or-nothing" }),
  {
    label: "shared-state 3 batch schedulers",
    make: (decisionTime) => ({ type: "shared-state", decisionTime, schedulers: { batch: 3, service: 1 } }),
    schedulers: ["omega-batch-0", "omega-batch-1", "omega-batch-2", "omega-service-0"],
    locks: false,
  },
];
