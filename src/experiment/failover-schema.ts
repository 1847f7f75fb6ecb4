import { z } from "zod";
import type { SimTime } from "../engine/time.js";
import { distributionMean } from "../workloads/distributions.js";
import { durationSamplerSchema } from "../workloads/schema.js";
import type { Sampler } from "../workloads/spec.js";
import { duration } from "./schema-parts.js";
import { chosen, isRecord } from "./zod-issues.js";

/**
 * `failures.schedulers` (docs/failover.md): which schedulers fail, when, and for how long. Times
 * and downtimes are durations (seconds or unit strings); downtime and time to failure may be any
 * workload distribution over durations. Resolved to µs here; the scheduler names are checked
 * against the architecture by failover-checks.ts.
 */

/** One scheduler's failures, resolved (µs). */
export interface SchedulerFailureSpec {
  /** A scheduler's name as in `summary.schedulers[].name`, or `"master"` (two-level allocator). */
  scheduler: string;
  /** Listed failure times, µs from the start of the run, ascending. */
  atUs: SimTime[];
  /** Time to failure, µs: from the start, then from each recovery (optional). */
  timeToFailure?: Sampler;
  /** How long each failure lasts, µs. */
  downtime: Sampler;
}

/** A duration distribution, or one fixed duration (`"5s"`, `5`) as a constant. */
const durationOrSampler = chosen<Sampler>((value) =>
  isRecord(value)
    ? durationSamplerSchema
    : duration.transform((us): Sampler => ({ dist: { type: "constant", value: us }, ceil: false })),
);

const schedulerFailureSchema = z
  .strictObject({
    scheduler: z.string().min(1),
    at: z.array(duration).default([]),
    timeToFailure: durationSamplerSchema.optional(),
    downtime: durationOrSampler,
  })
  .superRefine((f, ctx) => {
    if (f.at.length === 0 && f.timeToFailure === undefined) {
      const message = "expected `at` (failure times) or `timeToFailure` (a distribution), or both";
      ctx.addIssue({ code: "custom", path: ["at"], message });
    }
    // A chain of zero-length times to failure would never let time advance.
    if (f.timeToFailure !== undefined && !(distributionMean(f.timeToFailure.dist) >= 1)) {
      const message = "the time to failure must have a mean of at least 1µs";
      ctx.addIssue({ code: "custom", path: ["timeToFailure"], message });
    }
  })
  .transform((f): SchedulerFailureSpec => ({
    scheduler: f.scheduler,
    atUs: [...f.at].sort((a, b) => a - b),
    ...(f.timeToFailure ? { timeToFailure: f.timeToFailure } : {}),
    downtime: f.downtime,
  }));

/** `failures.schedulers`: one entry per failing scheduler (a name at most once). */
export const schedulerFailuresSchema = z
  .array(schedulerFailureSchema)
  .min(1, "expected at least one scheduler (or leave `schedulers` out)")
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((f, i) => {
      if (seen.has(f.scheduler)) {
        const message = `scheduler "${f.scheduler}" is listed twice: give it one entry (its \`at\` times and \`timeToFailure\` combine)`;
        ctx.addIssue({ code: "custom", path: [i, "scheduler"], message });
      }
      seen.add(f.scheduler);
    });
  });
