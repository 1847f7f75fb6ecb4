import { z } from "zod";
import { usToSec } from "../engine/time.js";
import { distributionMean } from "../workloads/distributions.js";
import { durationSamplerSchema } from "../workloads/schema.js";
import type { Sampler } from "../workloads/spec.js";
import type { FailureSpec } from "./config.js";
import { schedulerFailuresSchema } from "./failover-schema.js";
import { duration, positiveDuration } from "./schema-parts.js";

/**
 * The `failures` block of an experiment: per-machine and per-domain failure processes (time to
 * failure and to repair, any workload distribution or `weibull`) and what becomes of lost work
 * (docs/failures.md); schedulers that fail over (docs/failover.md). Absent, nothing fails and
 * results are as before.
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

/** `failures`: at least one failure process or failing scheduler; lost-work rules default as documented. */
export const failuresSchema = z
  .strictObject({
    name: z.string().min(1).optional(),
    machines: machinesSchema.optional(),
    domains: domainsSchema.optional(),
    lostWork: lostWorkSchema.optional(),
    schedulers: schedulerFailuresSchema.optional(),
  })
  .superRefine((f, ctx) => {
    const machinesFail = f.machines !== undefined || f.domains !== undefined;
    if (!machinesFail && f.schedulers === undefined)
      ctx.addIssue({
        code: "custom",
        message: "expected machines and/or domains (a failure process), or schedulers",
      });
    else if (!machinesFail && f.lostWork !== undefined)
      ctx.addIssue({
        code: "custom",
        path: ["lostWork"],
        message: "lostWork applies when machines fail: add machines and/or domains, or leave lostWork out",
      });
  })
  .transform((f): FailureSpec => {
    const machinesFail = f.machines !== undefined || f.domains !== undefined;
    const lostWork = f.lostWork ?? lostWorkSchema.parse({});
    return {
      ...(f.name !== undefined ? { name: f.name } : {}),
      ...(f.machines ? { machines: f.machines } : {}),
      ...(f.domains ? { domains: f.domains } : {}),
      ...(machinesFail
        ? {
            lostWork: {
              batch:
                lostWork.batch.checkpointInterval === undefined
                  ? {}
                  : { checkpointIntervalUs: lostWork.batch.checkpointInterval },
              service: { restartDelayUs: lostWork.service.restartDelay },
            },
          }
        : {}),
      ...(f.schedulers ? { schedulers: f.schedulers } : {}),
    };
  });
