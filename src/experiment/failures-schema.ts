import { z } from "zod";
import { usToSec } from "../engine/time.js";
import { distributionMean } from "../workloads/distributions.js";
import { durationSamplerSchema } from "../workloads/schema.js";
import type { Sampler } from "../workloads/spec.js";
import type { FailureSpec } from "./config.js";
import { schedulerFailuresSchema } from "./failover-schema.js";
import { machineEventsSchema } from "./machine-events-schema.js";
import { duration, positiveDuration } from "./schema-parts.js";

/**
 * The `failures` block of an experiment: per-machine and per-domain failure processes (time to
 * failure and to repair, any workload distribution or `weibull`) and what becomes of lost work
 * (docs/failures.md); machine events read from a trace (`events`, docs/failures.md, "Machine
 * events from a trace"); schedulers that fail over (docs/failover.md). Absent, nothing fails and
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

/**
 * The failure model takes machines down and up; a capacity change (`update`) is refused, so
 * trace capacities (which become updates) are refused here, before any file is read.
 */
const eventsSchema = machineEventsSchema.superRefine((spec, ctx) => {
  if (spec.capacities === "trace")
    ctx.addIssue({
      code: "custom",
      path: ["capacities"],
      message: 'capacity changes are not modelled yet: leave capacities out (or "cell")',
    });
});

/** Machines fail when a failure process or a machine-events trace is given. */
function machinesFailIn(f: { machines?: unknown; domains?: unknown; events?: unknown }): boolean {
  return f.machines !== undefined || f.domains !== undefined || f.events !== undefined;
}

/** `failures`: at least one failure process, trace or failing scheduler; lost-work rules default as documented. */
export const failuresSchema = z
  .strictObject({
    name: z.string().min(1).optional(),
    machines: machinesSchema.optional(),
    domains: domainsSchema.optional(),
    events: eventsSchema.optional(),
    lostWork: lostWorkSchema.optional(),
    schedulers: schedulerFailuresSchema.optional(),
  })
  .superRefine((f, ctx) => {
    const machinesFail = machinesFailIn(f);
    if (!machinesFail && f.schedulers === undefined)
      ctx.addIssue({
        code: "custom",
        message: "expected machines and/or domains (a failure process), events (a trace), or schedulers",
      });
    else if (!machinesFail && f.lostWork !== undefined)
      ctx.addIssue({
        code: "custom",
        path: ["lostWork"],
        message:
          "lostWork applies when machines fail: add machines, domains and/or events, or leave lostWork out",
      });
  })
  .transform((f): FailureSpec => {
    const machinesFail = machinesFailIn(f);
    const lostWork = f.lostWork ?? lostWorkSchema.parse({});
    return {
      ...(f.name !== undefined ? { name: f.name } : {}),
      ...(f.machines ? { machines: f.machines } : {}),
      ...(f.domains ? { domains: f.domains } : {}),
      ...(f.events ? { events: f.events } : {}),
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
