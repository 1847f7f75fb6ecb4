import { z } from "zod";
import type { CommitModes } from "../../cluster/commit.js";
import { defineArchitecture } from "../../plugins/define.js";
import {
  decisionTimesSchema,
  displayName,
  kindsWithoutScheduler,
  perKindCount,
  type DecisionTimes,
} from "../common.js";
import { SharedState } from "./shared-state.js";

/** Omega: N optimistic schedulers per kind on a shared cell. */
export interface SharedStateSpec extends CommitModes {
  name?: string | undefined;
  decisionTime: DecisionTimes;
  /** Schedulers per kind; jobs of a kind are dealt to them round-robin. */
  schedulers: { batch: number; service: number };
}

const schema = z.strictObject({
  name: displayName,
  decisionTime: decisionTimesSchema.prefault({}),
  schedulers: perKindCount(1).prefault({}),
  conflictMode: z.enum(["fine", "coarse"]).default("fine"),
  transactionMode: z.enum(["incremental", "all-or-nothing"]).default("incremental"),
});

/** Shared state (Omega). */
export const sharedState = defineArchitecture<SharedStateSpec>({
  name: "shared-state",
  description: "Omega: parallel schedulers on private snapshots with optimistic commits",
  schema,
  create: (spec, host) => new SharedState(host, spec),
  check: (spec, facts) => kindsWithoutScheduler(spec.schedulers, "schedulers", "schedulers", facts),
});
