import { z } from "zod";
import { isRecord, reissue } from "../../experiment/zod-issues.js";
import { defineArchitecture } from "../../plugins/define.js";
import { decisionTimesSchema, displayName, type DecisionTimes } from "../common.js";
import { Monolithic } from "./monolithic.js";

/** Monolithic: one scheduler for every job. */
export interface MonolithicSpec {
  /** Display name for reports. */
  name?: string | undefined;
  decisionTime: DecisionTimes;
}

/**
 * `singlePath: true` decides every job with the service decision time (the Omega paper's
 * single-path scheduler has one code path), so one sweep of `decisionTime.service.perJob` draws
 * single-path, multi-path and the other architectures on one axis; an explicit
 * `decisionTime.batch` is then an error.
 */
export const monolithicSchema = z
  .strictObject({
    name: displayName,
    singlePath: z.boolean().default(false),
    decisionTime: z.unknown().optional(),
  })
  .transform(({ singlePath, decisionTime: raw, name }, ctx): MonolithicSpec => {
    if (singlePath && isRecord(raw) && "batch" in raw) {
      const message =
        "singlePath decides every job with the service decision time; remove decisionTime.batch";
      ctx.issues.push({ code: "custom", path: ["decisionTime", "batch"], message, input: raw });
      return z.NEVER;
    }
    const parsed = decisionTimesSchema.safeParse(raw ?? {});
    if (!parsed.success) {
      reissue(ctx, parsed.error.issues, ["decisionTime"]);
      return z.NEVER;
    }
    const dt = parsed.data;
    return { name, decisionTime: singlePath ? { batch: dt.service, service: dt.service } : dt };
  });

/** The monolithic architecture (single-path or multi-path). */
export const monolithic = defineArchitecture({
  name: "monolithic",
  description: "One scheduler, one queue, serialized decisions (single-path or multi-path decision times)",
  schema: monolithicSchema,
  create: (spec, host) =>
    new Monolithic(host, spec.decisionTime, host.makePlacer(), host.stream("placement:monolithic")),
  failoverTargets: () => ({ names: ["monolithic"] }),
});
