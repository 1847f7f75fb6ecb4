import { z } from "zod";
import { parseDurationUs, type SimTime } from "../engine/time.js";
import { chosen, isRecord } from "../experiment/zod-issues.js";
import type { Distribution, Interarrival, KindGenerator, MmppSpec, Sampler } from "./spec.js";

/**
 * zod schemas for the JSON form of generators in an experiment file (docs/user-guide.md):
 * `{ "exponential": { "mean": "10s" } }`, `{ "constant": 1 }`, `{ "uniform": { "min": 1, "max": 3 } }`,
 * `{ "lognormal": { "median": "5m", "sigma": 1.2 } }`, `{ "weibull": { "shape": 0.7, "scale": "30d" } }`, `{ "empirical": { "values": [1, 2, 5] } }`,
 * each with an optional sibling `"ceil": true`. Objects are strict (unknown keys are errors).
 * Duration-valued quantities (`interarrival`, `duration`) take seconds or unit strings and come
 * out in µs; the other quantities are plain non-negative numbers. `interarrival` may instead be a
 * bursty two-state MMPP: `{ "mmpp": { "high": { "meanGap": "1s", "meanSojourn": "20m" },
 * "low": { "meanGap": "6s", "meanSojourn": "1h" } } }` (src/workloads/mmpp.ts).
 */

/** A duration: a number of seconds or a string with a unit, resolved to µs. */
const durationValue = z.unknown().transform((value, ctx): SimTime => {
  if (value === undefined) {
    ctx.addIssue({ code: "custom", message: 'required field is missing: expected a duration like "10s"' });
    return z.NEVER;
  }
  const us = parseDurationUs(value);
  if (typeof us === "string") {
    ctx.addIssue({ code: "custom", message: `${us} (expected a duration like "10s")` });
    return z.NEVER;
  }
  return us;
});

const plainValue = z.number({ error: "expected a number" }).min(0, "expected a number ≥ 0");

type Value = z.ZodType<number, unknown>;

const DIST_KEYS = ["constant", "uniform", "exponential", "lognormal", "weibull", "empirical"] as const;

/** The distributions over one kind of value (durations or plain numbers). */
function distributionShapes(value: Value) {
  return {
    constant: value,
    uniform: z
      .strictObject({ min: value, max: value })
      .refine((u) => u.min <= u.max, { message: "expected min ≤ max", path: ["max"] }),
    exponential: z.strictObject({ mean: value }),
    lognormal: z.strictObject({ median: value, sigma: plainValue }),
    weibull: z.strictObject({
      shape: z.number({ error: "expected a number" }).gt(0, "expected a number > 0"),
      scale: value,
    }),
    empirical: z.strictObject({ values: z.array(value).min(1, "expected at least one value") }),
  };
}

/** A sampler: exactly one distribution key plus an optional `ceil`. */
function samplerSchema(value: Value): z.ZodType<Sampler, unknown> {
  const shapes = distributionShapes(value);
  return z
    .strictObject({
      constant: shapes.constant.optional(),
      uniform: shapes.uniform.optional(),
      exponential: shapes.exponential.optional(),
      lognormal: shapes.lognormal.optional(),
      weibull: shapes.weibull.optional(),
      empirical: shapes.empirical.optional(),
      ceil: z.boolean({ error: "expected true or false" }).optional(),
    })
    .superRefine((o, ctx) => {
      const present = DIST_KEYS.filter((k) => o[k] !== undefined);
      if (present.length !== 1)
        ctx.addIssue({
          code: "custom",
          message: `expected exactly one distribution (${DIST_KEYS.join(", ")}), got ${present.length === 0 ? "none" : present.join(" and ")}`,
        });
    })
    .transform((o): Sampler => ({ dist: toDistribution(o), ceil: o.ceil ?? false }));
}

type ParsedSampler = {
  constant?: number | undefined;
  uniform?: { min: number; max: number } | undefined;
  exponential?: { mean: number } | undefined;
  lognormal?: { median: number; sigma: number } | undefined;
  weibull?: { shape: number; scale: number } | undefined;
  empirical?: { values: number[] } | undefined;
};

function toDistribution(o: ParsedSampler): Distribution {
  if (o.constant !== undefined) return { type: "constant", value: o.constant };
  if (o.uniform) return { type: "uniform", ...o.uniform };
  if (o.exponential) return { type: "exponential", ...o.exponential };
  if (o.lognormal) return { type: "lognormal", ...o.lognormal };
  if (o.weibull) return { type: "weibull", ...o.weibull };
  if (o.empirical) return { type: "empirical", values: o.empirical.values };
  throw new Error("unreachable: superRefine guarantees one distribution");
}

/** A sampler of durations (seconds or unit strings in JSON, µs out). */
export const durationSamplerSchema = samplerSchema(durationValue);
const positiveDurationValue = durationValue.refine((us) => us > 0, "expected a duration > 0");
const mmppStateSchema = z
  .strictObject({ meanGap: positiveDurationValue, meanSojourn: positiveDurationValue })
  .transform((s) => ({ meanGapUs: s.meanGap, meanSojournUs: s.meanSojourn }));

/** `{ "mmpp": { "high": {meanGap, meanSojourn}, "low": {…} } }`: high is the burst (shorter gap). */
const mmppSchema = z.strictObject({
  mmpp: z
    .strictObject({ high: mmppStateSchema, low: mmppStateSchema })
    .refine((m: MmppSpec) => m.high.meanGapUs <= m.low.meanGapUs, {
      message: "expected high.meanGap ≤ low.meanGap (high is the burst)",
      path: ["high", "meanGap"],
    }),
});

/** An inter-arrival: a duration sampler, or `{ "mmpp": … }` (chosen by the key, for clear errors). */
export const interarrivalSchema: z.ZodType<Interarrival, unknown> = chosen<Interarrival>((value) =>
  isRecord(value) && "mmpp" in value ? mmppSchema : durationSamplerSchema,
);

/** A sampler of plain non-negative numbers (tasks, CPUs, GB). */
export const numberSamplerSchema = samplerSchema(plainValue);

/** What is wrong with a further resource dimension's name, or undefined if nothing. */
function resourceNameProblem(name: string): string | undefined {
  if (name === "cpus" || name === "memGb") return "cpus and memGb are built in; name further dimensions only";
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name))
    return "expected a name of letters, digits and _ (starting with a letter)";
  return undefined;
}

/**
 * A record keyed by further resource dimensions (`{"ssdGb": …}`): each key must be an identifier
 * other than the built-in cpus and memGb; a bad key is reported at its own path.
 */
export function resourceRecordSchema<T>(value: z.ZodType<T, unknown>) {
  return z.record(z.string(), value).superRefine((record, ctx) => {
    for (const name of Object.keys(record)) {
      const message = resourceNameProblem(name);
      if (message !== undefined) ctx.addIssue({ code: "custom", path: [name], message });
    }
  });
}

/** One workload kind's generator, as written in an experiment file. */
export const kindGeneratorSchema: z.ZodType<KindGenerator, unknown> = z.strictObject({
  interarrival: interarrivalSchema,
  tasks: numberSamplerSchema,
  duration: durationSamplerSchema,
  cpusPerTask: numberSamplerSchema,
  memGbPerTask: numberSamplerSchema,
  /** Per task, amounts of the cell's further resource dimensions by name (optional). */
  resources: resourceRecordSchema(numberSamplerSchema).optional(),
  /** The kind's job priority, higher more important (optional; docs/preemption.md). */
  priority: z.int({ error: "expected a whole number" }).min(0, "expected a priority ≥ 0").optional(),
  /** Every job of the kind is a rigid gang: all its tasks start at once or none does (optional). */
  gang: z.boolean().optional(),
});

/** `workload.synthetic`: a generator per kind (at least one). */
export const syntheticKindsSchema = z
  .strictObject({ batch: kindGeneratorSchema.optional(), service: kindGeneratorSchema.optional() })
  .refine(
    (k) => k.batch !== undefined || k.service !== undefined,
    "expected a generator for batch and/or service",
  );
