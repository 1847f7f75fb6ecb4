import { z } from "zod";
import type { JobSpec, ScaleEvent } from "../../cluster/job.js";
import { duration, positiveDuration } from "../../experiment/schema-parts.js";
import type { Finding } from "../../plugins/define.js";
import { defineFramework, type FrameworkContext } from "../types.js";

/**
 * Marathon (docs/frameworks/marathon.md): long-running services. Each app is one service job of
 * `instances` identical instances that run past the horizon; scaling events change the desired
 * count; instances lost to machine failures are restarted by the `failures` block's rules.
 */

/** The `marathon` block, validated (times in µs). */
export interface MarathonSpec {
  readonly apps: number;
  readonly instances: number;
  readonly cpusPerInstance: number;
  readonly memGbPerInstance: number;
  /** Submission time of each app (given), or undefined for Poisson arrivals / all at 0. */
  readonly submitAtUs: readonly number[] | undefined;
  /** Mean time between app submissions (Poisson), µs; undefined: `submitAtUs` or all at 0. */
  readonly interArrivalUs: number | undefined;
  /** Scaling events applied to every app, in time order. */
  readonly scale: readonly ScaleEvent[];
}

const scaleEvent = z.strictObject({ at: duration, instances: z.int().min(0) });

const schema: z.ZodType<MarathonSpec, unknown> = z
  .strictObject({
    apps: z.int().min(1).default(1),
    instances: z.int().min(1).default(1),
    cpusPerInstance: z.number().positive().default(1),
    memGbPerInstance: z.number().min(0).default(1),
    submitAt: z.array(duration).optional(),
    interArrival: positiveDuration.optional(),
    scale: z.array(scaleEvent).default([]),
  })
  .superRefine((b, ctx) => {
    if (b.submitAt !== undefined && b.interArrival !== undefined)
      ctx.addIssue({
        code: "custom",
        path: ["interArrival"],
        message: "give either submitAt (fixed times) or interArrival (Poisson), not both",
      });
    if (b.submitAt !== undefined && b.submitAt.length !== b.apps)
      ctx.addIssue({
        code: "custom",
        path: ["submitAt"],
        message: `expected one time per app (${b.apps}), got ${b.submitAt.length}`,
      });
    b.submitAt?.forEach((t, i) => {
      if (i > 0 && t < (b.submitAt?.[i - 1] as number))
        ctx.addIssue({ code: "custom", path: ["submitAt", i], message: "times must not decrease" });
    });
    b.scale.forEach((e, i) => {
      if (i > 0 && e.at <= (b.scale[i - 1] as { at: number }).at)
        ctx.addIssue({
          code: "custom",
          path: ["scale", i, "at"],
          message: "scaling events must be in increasing time order",
        });
    });
  })
  .transform((b): MarathonSpec => ({
    apps: b.apps,
    instances: b.instances,
    cpusPerInstance: b.cpusPerInstance,
    memGbPerInstance: b.memGbPerInstance,
    submitAtUs: b.submitAt,
    interArrivalUs: b.interArrival,
    scale: b.scale.map((e) => ({ atUs: e.at, instances: e.instances })),
  }));

function jobs(spec: MarathonSpec, ctx: FrameworkContext): () => JobSpec | undefined {
  const arrivals = ctx.rng.stream(`frameworks:${ctx.name}:arrivals`);
  // A service's instances run until the end of the run: placed at or after 0, each outlives the
  // horizon (a restart keeps its instance's planned end, which is past the horizon too).
  const durationUs = ctx.horizonUs + 1;
  let clockUs = 0;
  let app = 0;
  return () => {
    if (app >= spec.apps) return undefined;
    let submitUs = 0;
    if (spec.submitAtUs !== undefined) submitUs = spec.submitAtUs[app] as number;
    else if (spec.interArrivalUs !== undefined) {
      clockUs += spec.interArrivalUs * -Math.log1p(-arrivals.next());
      submitUs = Math.round(clockUs);
    }
    if (submitUs >= ctx.horizonUs) return undefined;
    const id = app++;
    return {
      id,
      submitUs,
      kind: "service",
      tasks: spec.instances,
      cpusPerTask: spec.cpusPerInstance,
      memGbPerTask: spec.memGbPerInstance,
      durationUs,
      prefill: false,
      fw: {
        framework: ctx.name,
        app: id,
        appJobs: 1,
        appSubmitUs: submitUs,
        aloneUs: durationUs,
        ...(spec.scale.length > 0 ? { scale: spec.scale } : {}),
      },
    };
  };
}

function check(spec: MarathonSpec, facts: { cluster: FrameworkContext["cluster"] }): Finding[] {
  const { cluster } = facts;
  if (spec.cpusPerInstance > cluster.cpus)
    return [
      {
        level: "error",
        path: ["cpusPerInstance"],
        message: `an instance of ${spec.cpusPerInstance} CPUs fits no machine (${cluster.cpus} CPUs each)`,
      },
    ];
  if (spec.memGbPerInstance > cluster.memGb)
    return [
      {
        level: "error",
        path: ["memGbPerInstance"],
        message: `an instance of ${spec.memGbPerInstance} GB fits no machine (${cluster.memGb} GB each)`,
      },
    ];
  return [];
}

/** The `marathon` framework behaviour: long-running services with instance counts and scaling. */
export const MARATHON = defineFramework<MarathonSpec>({
  type: "marathon",
  description:
    "Marathon: long-running services (instances outlive the horizon), restarted on failure, with scaling events",
  example: {
    apps: 2,
    instances: 6,
    cpusPerInstance: 0.5,
    memGbPerInstance: 2,
    submitAt: ["0s", "5m"],
    scale: [
      { at: "20m", instances: 10 },
      { at: "40m", instances: 4 },
    ],
  },
  schema,
  jobs,
  check,
});
