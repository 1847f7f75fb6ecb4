import { z } from "zod";
import { WORKLOAD_KINDS } from "../../cluster/job.js";
import { duration } from "../../experiment/schema-parts.js";
import { defineArchitecture, type Finding } from "../../plugins/define.js";
import { decisionTimesSchema, displayName, kindsWithoutScheduler, perKindCount } from "../common.js";
import { TwoLevel, type TwoLevelSpec } from "./two-level.js";
import { frameworkRoutingFindings, routeBySchema } from "../routing.js";

const schema = z
  .strictObject({
    name: displayName,
    decisionTime: decisionTimesSchema.prefault({}),
    frameworks: perKindCount(1).prefault({}),
    offerInterval: duration.prefault("1s"),
    minOfferCpus: z.number().min(0).default(100),
    allocatorDecisionTime: duration.prefault("1ms"),
    attemptStamp: z.enum(["decision", "offer"]).default("decision"),
    offersPerFramework: z.enum(["one", "many"]).default("one"),
    routeBy: routeBySchema,
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
    const findings: Finding[] =
      spec.routeBy === "framework"
        ? frameworkRoutingFindings(spec.routeBy, facts)
        : kindsWithoutScheduler(spec.frameworks, "frameworks", "frameworks", facts);
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
  failoverTargets: (spec, frameworks) => ({
    names: [
      ...(spec.routeBy === "framework"
        ? (frameworks ?? []).map((name) => `mesos-${name}`)
        : WORKLOAD_KINDS.flatMap((kind) =>
            Array.from({ length: spec.frameworks[kind] }, (_, i) => `mesos-${kind}-${i}`),
          )),
      "master",
    ],
  }),
});

export type { TwoLevelSpec } from "./two-level.js";
