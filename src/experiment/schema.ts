import { z } from "zod";
import { PRESETS } from "../workloads/presets.js";
import { TRACE_FORMATS, type TraceFormatName } from "../workloads/formats.js";
import { syntheticKindsSchema } from "../workloads/schema.js";
import { FIGURE_KINDS } from "../report/figures.js";
import { PLACEMENT_POLICIES } from "../policies/placement/index.js";
import { chosen, isRecord } from "./zod-issues.js";
import {
  architectureSchema,
  duration,
  positiveDuration,
  prefillSchema,
  rateMultiplierSchema,
  registryName,
  retrySchema,
} from "./schema-parts.js";

/**
 * The experiment file (DESIGN §7). Strict objects everywhere: an unknown field is an error, so a
 * typo never silently falls back to a default. `experimentPointSchema` validates one sweep point
 * (the file with `sweep` and `quick` removed and the swept values written in); the sweep itself
 * is checked by sweep.ts on the raw JSON.
 */

export const presetName = registryName("preset", () => PRESETS);

const presetClusterSchema = z.strictObject({ preset: presetName });
const explicitClusterSchema = z.strictObject({
  machines: z.int().positive(),
  cpus: z.number().positive(),
  memGb: z.number().positive(),
});

const clusterSchema = chosen<z.output<typeof presetClusterSchema> | z.output<typeof explicitClusterSchema>>(
  (value) => (isRecord(value) && "preset" in value ? presetClusterSchema : explicitClusterSchema),
);

const presetWorkloadSchema = z.strictObject({
  preset: presetName,
  rateMultiplier: rateMultiplierSchema.optional(),
});

const syntheticWorkloadSchema = z.strictObject({
  synthetic: syntheticKindsSchema,
  rateMultiplier: rateMultiplierSchema.optional(),
});

/**
 * `{trace, format, ...options}`: the options allowed depend on the format (docs/traces.md), so
 * the object is checked against that format's schema; a misspelt option is an unknown field.
 */
const traceBase = {
  trace: z.string().min(1),
  from: duration.optional(),
  to: duration.optional(),
  rateMultiplier: rateMultiplierSchema.optional(),
  skipInvalid: z.boolean().optional(),
};
const kindName = z.enum(["batch", "service"]);
const kindMap = z.record(z.string(), kindName);

const traceFormatSchemas = {
  cellsim: z.strictObject({ ...traceBase, format: z.literal("cellsim") }),
  "google-2011": z.strictObject({
    ...traceBase,
    format: z.literal("google-2011"),
    jobEvents: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
    machine: z.strictObject({ cpus: z.number().positive(), memGb: z.number().positive() }).optional(),
    service: z
      .strictObject({
        minPriority: z.int().min(0).max(12).optional(),
        schedulingClasses: z.array(z.int().min(0).max(3)).optional(),
        combine: z.enum(["and", "or"]).optional(),
      })
      .optional(),
    taskDuration: z.enum(["mean", "median", "max"]).optional(),
  }),
  swf: z.strictObject({
    ...traceBase,
    format: z.literal("swf"),
    processors: z.enum(["tasks", "one-task"]).optional(),
    cpusPerProcessor: z.number().positive().optional(),
    memGbPerProcessor: z.number().min(0).optional(),
    queueKinds: kindMap.optional(),
    partitionKinds: kindMap.optional(),
    defaultKind: kindName.optional(),
  }),
  "alibaba-2018": z.strictObject({
    ...traceBase,
    format: z.literal("alibaba-2018"),
    machineMemGb: z.number().positive().optional(),
    kind: kindName.optional(),
  }),
} satisfies Record<TraceFormatName, z.ZodType>;

/** A validated trace workload (durations in µs). */
export type TraceWorkloadInput = z.output<(typeof traceFormatSchemas)[TraceFormatName]>;

const traceWorkloadSchema = chosen<TraceWorkloadInput>((value) => {
  const format = isRecord(value) ? value.format : undefined;
  if (typeof format === "string" && Object.hasOwn(traceFormatSchemas, format))
    return traceFormatSchemas[format as TraceFormatName];
  // Only reached for a missing or unknown format: this reports it at `workload.format`.
  return z.looseObject({
    format: registryName("trace format", () => TRACE_FORMATS),
  }) as unknown as z.ZodType<TraceWorkloadInput>;
});

const WORKLOAD_KEYS = ["preset", "synthetic", "trace"] as const;

/** `{preset}` | `{synthetic}` | `{trace, format}`, chosen by which of those keys is present. */
type WorkloadInput =
  | z.output<typeof presetWorkloadSchema>
  | z.output<typeof syntheticWorkloadSchema>
  | z.output<typeof traceWorkloadSchema>;

const workloadSchema = chosen<WorkloadInput>((value) => {
  const present = isRecord(value) ? WORKLOAD_KEYS.filter((k) => k in value) : [];
  if (present.length !== 1) return `expected an object with exactly one of ${WORKLOAD_KEYS.join(", ")}`;
  if (present[0] === "preset") return presetWorkloadSchema;
  if (present[0] === "synthetic") return syntheticWorkloadSchema;
  return traceWorkloadSchema;
});

/** Slugs become folder names (`reports/<name>/`). */
export const slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]*$/, "expected a slug: lowercase letters, digits, '.', '_', '-'");

export const seedsSchema = z
  .array(z.int().min(0))
  .min(1)
  .refine((s) => new Set(s).size === s.length, "seeds must be distinct");

/** One sweep point of an experiment: everything a run needs, units resolved to µs. */
export const experimentPointSchema = z
  .strictObject({
    name: slug,
    description: z.string().default(""),
    horizon: positiveDuration,
    seeds: seedsSchema.default([1]),
    cluster: clusterSchema,
    workload: workloadSchema,
    prefill: prefillSchema.optional(),
    architecture: architectureSchema.prefault({ type: "monolithic" }),
    placement: registryName("placement policy", () => PLACEMENT_POLICIES).default("random-first-fit"),
    retry: retrySchema.prefault({}),
    metrics: z
      .strictObject({ samplePeriod: positiveDuration.optional(), machines: z.int().min(0).default(0) })
      .prefault({}),
    figures: z.array(registryName("figure kind", () => FIGURE_KINDS)).default([]),
  })
  .superRefine((point, ctx) => {
    const w = point.workload;
    if ("trace" in w && point.prefill && point.prefill.cpuFraction > 0) {
      const message =
        "a trace carries its own prefill jobs (its prefill column); use cpuFraction 0 or omit prefill";
      ctx.addIssue({ code: "custom", path: ["prefill", "cpuFraction"], message });
    }
    if ("trace" in w && w.from !== undefined && w.to !== undefined && w.to <= w.from) {
      ctx.addIssue({ code: "custom", path: ["workload", "to"], message: "must be later than workload.from" });
    }
  });

export type ExperimentPoint = z.output<typeof experimentPointSchema>;

/**
 * Optional `quick` object of an experiment file: what `--quick` does for this experiment
 * (defaults in plan.ts: horizon capped at 1d, first seed only, at most 3 values per sweep key).
 */
export const quickSchema = z.strictObject({
  horizon: positiveDuration.optional(),
  seeds: seedsSchema.optional(),
  sweepValues: z.int().min(1).optional(),
});

export type QuickSettings = z.output<typeof quickSchema>;

/** Top-level fields that only describe the experiment; sweeping them makes no sense. */
export const UNSWEEPABLE_FIELDS: readonly string[] = [
  "name",
  "description",
  "seeds",
  "sweep",
  "quick",
  "figures",
];
