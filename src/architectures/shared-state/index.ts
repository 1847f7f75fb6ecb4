import { z } from "zod";
import { defineArchitecture } from "../../plugins/define.js";
import { decisionTimesSchema, displayName, kindsWithoutScheduler, perKindCount } from "../common.js";
import { frameworkRoutingFindings, routeBySchema } from "../routing.js";
import { SharedState, sharedStateSchedulerNames, type SharedStateSpec } from "./shared-state.js";

const schema = z.strictObject({
  name: displayName,
  decisionTime: decisionTimesSchema.prefault({}),
  schedulers: perKindCount(1).prefault({}),
  conflictMode: z.enum(["fine", "coarse"]).default("fine"),
  transactionMode: z.enum(["incremental", "all-or-nothing"]).default("incremental"),
  routeBy: routeBySchema,
});

/** Shared state (Omega). */
export const sharedState = defineArchitecture<SharedStateSpec>({
  name: "shared-state",
  description: "Omega: parallel schedulers on private snapshots with optimistic commits",
  schema,
  create: (spec, host) => new SharedState(host, spec),
  check: (spec, facts) =>
    spec.routeBy === "framework"
      ? frameworkRoutingFindings(spec.routeBy, facts)
      : kindsWithoutScheduler(spec.schedulers, "schedulers", "schedulers", facts),
  failoverTargets: (spec, frameworks) => ({
    names:
      spec.routeBy === "framework"
        ? (frameworks ?? []).map((name) => `omega-${name}`)
        : sharedStateSchedulerNames(spec.schedulers),
  }),
});

export type { SharedStateSpec } from "./shared-state.js";
