import { z } from "zod";
import { usToSec } from "../engine/time.js";
import { distributionMean } from "../workloads/distributions.js";
import { durationSamplerSchema } from "../workloads/schema.js";
import type { Sampler } from "../workloads/spec.js";
import type { FailureSpec } from "./config.js";
import { duration, positiveDuration } from "./schema-parts.js";

/**
 * The `failures` block of an experiment (docs/failures.md): per-machine and per-domain failure
 * processes (time to failure and to repair, any workload distribution or `weibull`) and what
 * becomes of lost work. Absent, machines never fail and results are as before.
 */

/** Time to failure must have a positive mean (a zero MTBF would fail machines without end). */
function positiveMean(sampler: Sampler | undefined, ctx: z.RefinementCtx, path: (string | number)[]): void {
  // Refinements run after a failed inner field too: that field has its own message already.
  if (sampler?.dist === undefined) return;
  const meanUs = distributionMean(sampler.dist);
  if (meanUs > 0) return;
  ctx.addIssue({
    code: "custom",
    path,
    message: `the mean time to failure must be longer than 0 s (got ${usToSec(meanUs)} s)`,
  });
}

const processFields = {
  timeToFailure: durationSamplerSchema,
  timeToRepair: durationSamplerSchema,
};

const machinesSchema = z.strictObject(processFields).superRefine((p, ctx) => {
  positiveMean(p.timeToFailure, ctx, ["timeToFailure"]);
});

const domainsSchema = z
  .strictObject({ size: z.int().positive(), ...processFields })
  .superRefine((p, ctx) => positiveMean(p.timeToFailure, ctx, ["timeToFailure"]));

/** Marathon's default restart backoff is 1 s; a framework may be configured otherwise. */
export const DEFAULT_RESTART_DELAY = "1s";

const lostWorkSchema = z.strictObject({
  batch: z.strictObject({ checkpointInterval: positiveDuration.optional() }).prefault({}),
  service: z.strictObject({ restartDelay: duration.prefault(DEFAULT_RESTART_DELAY) }).prefault({}),
});

/** `failures`: at least one failure process; lost-work rules default as documented. */
export const failuresSchema = z
  .strictObject({
    machines: machinesSchema.optional(),
    domains: domainsSchema.optional(),
    lostWork: lostWorkSchema.prefault({}),
  })
  .superRefine((f, ctx) => {
    if (f.machines === undefined && f.domains === undefined)
      ctx.addIssue({ code: "custom", message: "expected machines and/or domains (a failure process)" });
  })
  .transform((f): FailureSpec => ({
    ...(f.machines ? { machines: f.machines } : {}),
    ...(f.domains ? { domains: f.domains } : {}),
    lostWork: {
      batch:
        f.lostWork.batch.checkpointInterval === undefined
          ? {}
          : { checkpointIntervalUs: f.lostWork.batch.checkpointInterval },
      service: { restartDelayUs: f.lostWork.service.restartDelay },
    },
  }));
