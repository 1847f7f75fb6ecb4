import { z } from "zod";
import { WORKLOAD_KINDS } from "../../cluster/job.js";
import { duration, positiveDuration } from "../../experiment/schema-parts.js";
import { defineArchitecture, type Finding } from "../../plugins/define.js";
import { decisionTimesSchema, displayName, kindsWithoutScheduler, perKindCount } from "../common.js";
import { TwoLevel, type TwoLevelSpec } from "./two-level.js";
import { DEFAULT_PER_AGENT, PerAgentTwoLevel } from "./agent-allocator.js";
import { reservationsSchema } from "./reservations.js";
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
    // The per-agent allocator (agent-allocator.ts); optional with no default, so a whole-cell
    // block parses to exactly the spec it always did.
    allocator: z.enum(["whole-cell", "per-agent"]).optional(),
    roles: z.record(z.string().min(1), z.string().min(1)).optional(),
    weights: z.record(z.string().min(1), z.number().positive()).optional(),
    refuseSeconds: z.number().min(0).optional(),
    offerTimeout: positiveDuration.optional(),
    reservations: reservationsSchema.optional(),
  })
  .superRefine((block, ctx) => {
    if (block.allocator === "per-agent") {
      if (block.offersPerFramework === "many")
        ctx.addIssue({
          code: "custom",
          path: ["offersPerFramework"],
          message: 'the per-agent allocator gives a framework one batch of offers at a time: use "one"',
        });
      return;
    }
    for (const field of PER_AGENT_FIELDS)
      if (block[field] !== undefined)
        ctx.addIssue({
          code: "custom",
          path: [field],
          message: `${field} applies to the per-agent allocator only: set allocator "per-agent"`,
        });
  })
  .transform(
    ({
      offerInterval,
      allocatorDecisionTime,
      roles,
      weights,
      refuseSeconds,
      offerTimeout,
      reservations,
      ...rest
    }): TwoLevelSpec => ({
      ...rest,
      offerIntervalUs: offerInterval,
      allocatorDecisionTimeUs: allocatorDecisionTime,
      ...(rest.allocator === "per-agent"
        ? {
            perAgent: {
              roles: roles ?? {},
              weights: weights ?? {},
              refuseUs: Math.round((refuseSeconds ?? DEFAULT_PER_AGENT.refuseUs / 1e6) * 1e6),
              offerTimeoutUs: offerTimeout,
              reservations: reservations ?? {},
            },
          }
        : {}),
    }),
  );

/** Fields of the per-agent allocator, refused with the whole-cell one. */
const PER_AGENT_FIELDS = ["roles", "weights", "refuseSeconds", "offerTimeout", "reservations"] as const;

/** Two-level (Mesos offers, as modelled in the Omega paper). */
export const twoLevel = defineArchitecture<TwoLevelSpec>({
  name: "two-level",
  description:
    "Mesos-style offers: DRF allocator, one framework per kind, offers lock the free cell (or, allocator per-agent, per-machine offers with roles, filters, reservations)",
  schema,
  create: (spec, host) =>
    spec.allocator === "per-agent" ? new PerAgentTwoLevel(host, spec) : new TwoLevel(host, spec),
  check: (spec, facts) => {
    const findings: Finding[] =
      spec.routeBy === "framework"
        ? frameworkRoutingFindings(spec.routeBy, facts)
        : kindsWithoutScheduler(spec.frameworks, "frameworks", "frameworks", facts);
    const cellCpus = facts.cluster.machines * facts.cluster.cpus;
    if (spec.allocator !== "per-agent" && spec.minOfferCpus > cellCpus) {
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
export type { PerAgentSpec } from "./agent-allocator.js";
