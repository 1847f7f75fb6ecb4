import { z } from "zod";
import type { SimTime } from "../../engine/time.js";
import { duration } from "../../experiment/schema-parts.js";
import { defineArchitecture, type Finding } from "../../plugins/define.js";
import {
  decisionTimesSchema,
  displayName,
  kindsWithoutScheduler,
  perKindCount,
  type DecisionTimes,
} from "../common.js";
import { TwoLevel } from "./two-level.js";

/** Mesos-style two-level scheduling as modelled in the Omega paper. */
export interface TwoLevelSpec {
  name?: string | undefined;
  decisionTime: DecisionTimes;
  /** Framework schedulers per kind (default 1 each); jobs dealt round-robin. */
  frameworks: { batch: number; service: number };
  /** Delay from a trigger to the offer round it causes (rounds are batched). */
  offerIntervalUs: SimTime;
  /** No offer unless at least this many CPUs are free and unheld. */
  minOfferCpus: number;
  /** Time the allocator takes to make an offer. */
  allocatorDecisionTimeUs: SimTime;
}

const schema = z
  .strictObject({
    name: displayName,
    decisionTime: decisionTimesSchema.prefault({}),
    frameworks: perKindCount(1).prefault({}),
    offerInterval: duration.prefault("1s"),
    minOfferCpus: z.number().min(0).default(100),
    allocatorDecisionTime: duration.prefault("1ms"),
  })
  .transform(({ offerInterval, allocatorDecisionTime, ...rest }): TwoLevelSpec => ({
    ...rest,
    offerIntervalUs: offerInterval,
    allocatorDecisionTimeUs: allocatorDecisionTime,
  }));

/** Two-level (Mesos offers, as modelled in the Omega paper). */
export const twoLevel = defineArchitecture<TwoLevelSpec>({
  name: "two-level",
  description: "Mesos-style offers: DRF allocator, one framework per kind, offers lock the free cell",
  schema,
  create: (spec, host) => new TwoLevel(host, spec),
  check: (spec, facts) => {
    const findings: Finding[] = kindsWithoutScheduler(spec.frameworks, "frameworks", "frameworks", facts);
    const cellCpus = facts.cluster.machines * facts.cluster.cpus;
    if (spec.minOfferCpus > cellCpus) {
      findings.push({
        level: "warning",
        path: ["minOfferCpus"],
        message: `minOfferCpus ${spec.minOfferCpus} exceeds the cell's ${cellCpus} CPUs: no offer is ever made, no job ever runs`,
      });
    }
    return findings;
  },
});
