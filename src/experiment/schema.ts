import { z } from "zod";
import { PRESETS } from "../workloads/presets.js";
import { catalogType, TYPED_CELL_PRESETS, typedCellPreset } from "../quasar/cell-presets.js";
import type { QuasarPresetName } from "../quasar/scenario.js";
import { TRACE_FORMATS, type TraceFormatName } from "../workloads/formats.js";
import { resourceRecordSchema, syntheticKindsSchema } from "../workloads/schema.js";
import { TIMELINE_MAX_MACHINES } from "../metrics/task-timeline.js";
import type { Registry } from "../plugins/registry.js";
import type { FailureSpec } from "./config.js";
import { blockSchema, type ConfigBlock } from "./block-schema.js";
import { figureEntrySchema } from "./figure-entry-schema.js";
import { failuresSchema } from "./failures-schema.js";
import { chosen, isRecord } from "./zod-issues.js";
import {
  duration,
  positiveDuration,
  prefillSchema,
  rateMultiplierSchema,
  registryName,
  retrySchema,
} from "./schema-parts.js";

/**
 * The experiment file (docs/user-guide.md). Strict objects everywhere: an unknown field is an error, so a
 * typo never silently falls back to a default. `experimentPointSchema` validates one sweep point
 * (the file with `sweep` and `quick` removed and the swept values written in); the sweep itself
 * is checked by sweep.ts on the raw JSON.
 */

export const presetName = registryName("preset", () => PRESETS);

/**
 * `cluster.resources`: each machine's amount of further resource dimensions, by name (e.g.
 * `{"ssdGb": 400}`); jobs ask for them per task (`workload.synthetic.<kind>.resources`).
 */
const clusterResourcesSchema = resourceRecordSchema(z.number().min(0, "expected a number ≥ 0")).optional();

/** `cluster.preset` names the Google presets' cells and the typed cells (a separate schema). */
const presetClusterSchema = z.strictObject({
  preset: registryName("preset", () => ({ ...PRESETS, ...TYPED_CELL_PRESETS })),
  resources: clusterResourcesSchema,
});
const explicitClusterSchema = z.strictObject({
  machines: z.int().positive(),
  cpus: z.number().positive(),
  memGb: z.number().positive(),
  resources: clusterResourcesSchema,
});

/** A cell preset with machine types (the Quasar study's cells), optionally scaled down. */
const typedPresetClusterSchema = z.strictObject({
  preset: z.enum(Object.keys(TYPED_CELL_PRESETS) as [QuasarPresetName, ...QuasarPresetName[]]),
  /** Fraction of the preset's machines per type (each type keeps at least one). */
  scale: z.number().gt(0).max(1).default(1),
  resources: clusterResourcesSchema,
});

/** A cell of machine types: catalog names (docs/quasar.md lists them) and counts. */
const typedClusterSchema = z.strictObject({
  types: z
    .array(
      z.strictObject({
        type: z.string().refine((name) => catalogType(name) !== undefined, {
          message: "unknown machine type (see docs/quasar.md, Machine types)",
        }),
        count: z.int().positive(),
      }),
    )
    .min(1),
  resources: clusterResourcesSchema,
});

type ClusterInput =
  | z.output<typeof presetClusterSchema>
  | z.output<typeof explicitClusterSchema>
  | z.output<typeof typedPresetClusterSchema>
  | z.output<typeof typedClusterSchema>;

const clusterSchema = chosen<ClusterInput>((value) => {
  if (!isRecord(value)) return explicitClusterSchema;
  if ("types" in value) return typedClusterSchema;
  if ("preset" in value)
    return typeof value.preset === "string" && Object.hasOwn(TYPED_CELL_PRESETS, value.preset)
      ? typedPresetClusterSchema
      : presetClusterSchema;
  return explicitClusterSchema;
});

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
  // One file or glob, or a list of them (shards read in the order given, each glob sorted).
  trace: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
  from: duration.optional(),
  to: duration.optional(),
  rateMultiplier: rateMultiplierSchema.optional(),
  skipInvalid: z.boolean().optional(),
  skipWarnShare: z.number().min(0).max(1).optional(),
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
    keepTaskEvents: z.boolean().optional(),
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
    queuePriorities: z.record(z.string(), z.number()).optional(),
  }),
  "alibaba-2018": z.strictObject({
    ...traceBase,
    format: z.literal("alibaba-2018"),
    machineMemGb: z.number().positive().optional(),
    kind: kindName.optional(),
  }),
  "google-2019": z.strictObject({
    ...traceBase,
    format: z.literal("google-2019"),
    collectionEvents: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
    machine: z.strictObject({ cpus: z.number().positive(), memGb: z.number().positive() }).optional(),
    service: z
      .strictObject({
        minPriority: z.int().min(0).optional(),
        schedulingClasses: z.array(z.int().min(0).max(3)).optional(),
        combine: z.enum(["and", "or"]).optional(),
      })
      .optional(),
    taskDuration: z.enum(["mean", "median", "max"]).optional(),
    keepTaskEvents: z.boolean().optional(),
    dependencies: z.boolean().optional(),
  }),
  "alibaba-pai-2020": z.strictObject({
    ...traceBase,
    format: z.literal("alibaba-pai-2020"),
    jobTable: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
    kind: kindName.optional(),
    gang: z.boolean().optional(),
    failed: z.enum(["keep", "drop"]).optional(),
  }),
  "azure-packing-2020": z.strictObject({
    ...traceBase,
    format: z.literal("azure-packing-2020"),
    machineType: z.int().min(0).optional(),
    machine: z.strictObject({ cpus: z.number().positive(), memGb: z.number().positive() }).optional(),
    lowPriorityKind: kindName.optional(),
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

const WORKLOAD_KEYS = ["preset", "synthetic", "trace", "source"] as const;

/** A plug-in workload source's block: `{source: name, ...its fields}` as written. */
export interface SourceWorkloadInput {
  source: string;
  /** The block's other fields, as written (the source's schema checked them). */
  fields: ConfigBlock;
}

/** `{preset}` | `{synthetic}` | `{trace, format}` | `{source}`, chosen by which key is present. */
type WorkloadInput =
  | z.output<typeof presetWorkloadSchema>
  | z.output<typeof syntheticWorkloadSchema>
  | z.output<typeof traceWorkloadSchema>
  | SourceWorkloadInput;

function workloadSchema(registry: Registry) {
  const sourceSchema = blockSchema("source", "workload source", registry.workloads, undefined).transform(
    ({ type, ...fields }): SourceWorkloadInput => ({ source: type, fields }),
  );
  return chosen<WorkloadInput>((value) => {
    const present = isRecord(value) ? WORKLOAD_KEYS.filter((k) => k in value) : [];
    if (present.length !== 1) return `expected an object with exactly one of ${WORKLOAD_KEYS.join(", ")}`;
    if (present[0] === "preset") return presetWorkloadSchema;
    if (present[0] === "synthetic") return syntheticWorkloadSchema;
    if (present[0] === "source") return sourceSchema;
    return traceWorkloadSchema;
  });
}

/** Slugs become folder names (`reports/<name>/`). */
export const slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]*$/, "expected a slug: lowercase letters, digits, '.', '_', '-'");

export const seedsSchema = z
  .array(z.int().min(0))
  .min(1)
  .refine((s) => new Set(s).size === s.length, "seeds must be distinct");

/**
 * One sweep point of an experiment: everything a run needs, units resolved to µs. The names an
 * experiment may use (architectures, placements, workload sources, figures) come from its
 * registry: cellsim's built-ins plus its plug-ins. The architecture block is checked by the
 * architecture's own schema and kept as written (the run parses it again: see run-one.ts).
 */
function buildPointSchema(registry: Registry) {
  return z
    .strictObject({
      name: slug,
      description: z.string().default(""),
      horizon: positiveDuration,
      seeds: seedsSchema.default([1]),
      cluster: clusterSchema,
      workload: workloadSchema(registry),
      prefill: prefillSchema.optional(),
      architecture: blockSchema("type", "architecture", registry.architectures, "monolithic").prefault({}),
      placement: registryName("placement policy", () => registry.placements.names).default(
        "random-first-fit",
      ),
      allocation: blockSchema("type", "allocation policy", registry.allocations, "reservation").optional(),
      retry: retrySchema.prefault({}),
      failures: failuresSchema.optional(),
      scheduling: schedulingSchema.optional(),
      metrics: z
        .strictObject({
          samplePeriod: positiveDuration.optional(),
          machines: z.int().min(0).default(0),
          timeline: z.boolean().default(false),
          jobs: z.boolean().default(false),
          schedulerSeries: positiveDuration.optional(),
        })
        .prefault({}),
      figures: z.array(figureEntrySchema(() => registry.figures.names)).default([]),
    })
    .superRefine((point, ctx) => {
      const w = point.workload;
      if ("source" in w && point.prefill && point.prefill.cpuFraction > 0) {
        const message =
          "a workload source makes its own prefill jobs (its Workload.prefill); use cpuFraction 0 or omit prefill";
        ctx.addIssue({ code: "custom", path: ["prefill", "cpuFraction"], message });
      }
      if ("trace" in w && point.prefill && point.prefill.cpuFraction > 0) {
        const message =
          "a trace carries its own prefill jobs (its prefill column); use cpuFraction 0 or omit prefill";
        ctx.addIssue({ code: "custom", path: ["prefill", "cpuFraction"], message });
      }
      if ("trace" in w && w.from !== undefined && w.to !== undefined && w.to <= w.from) {
        ctx.addIssue({
          code: "custom",
          path: ["workload", "to"],
          message: "must be later than workload.from",
        });
      }
      if (point.metrics.timeline) checkTimelineCell(point.cluster, ctx);
      if (point.failures) checkFailureCell(point.failures, point.cluster, ctx);
      if (point.scheduling?.preemption) checkPreemptingArchitecture(point.architecture.type, ctx);
      if ("synthetic" in w) checkResourceNames(w.synthetic, cellResources(point.cluster), ctx);
      if ("preset" in w) checkPresetResources(w.preset, cellResources(point.cluster), ctx);
      const windowUs = point.metrics.schedulerSeries;
      if (windowUs !== undefined) checkSeriesWindows(point.horizon, windowUs, ctx);
    });
}

/** `scheduling` (docs/preemption.md): priority-ordered queues and preemption, both off by default. */
const schedulingSchema = z.strictObject({
  priorityOrder: z.boolean().default(false),
  preemption: z.boolean().default(false),
});

/** Why an architecture declines preemption (docs/preemption.md); absent: it preempts. */
export const PREEMPTION_DECLINED: Readonly<Record<string, string>> = {
  "two-level":
    "two-level frameworks see only the resources they are offered, never the tasks of other frameworks, so they cannot choose whom to evict",
  "static-partition":
    "a static partition's scheduler owns its machines alone: there are no lower-priority tasks of another scheduler on them to evict",
};

/** Preemption is for architectures that can choose victims in the shared cell. */
function checkPreemptingArchitecture(type: string, ctx: z.RefinementCtx): void {
  const reason = PREEMPTION_DECLINED[type];
  if (reason === undefined) return;
  const message = `preemption is not supported by the ${type} architecture: ${reason} (use monolithic or shared-state, or set preemption to false)`;
  ctx.addIssue({ code: "custom", path: ["scheduling", "preemption"], message });
}

/** The cell's further dimensions: a preset cell's own (gpu-cluster's gpus), then the file's. */
function cellResources(cluster: ClusterInput): Record<string, number> {
  const preset = "preset" in cluster && !("scale" in cluster) ? PRESETS[cluster.preset] : undefined;
  return { ...preset?.cluster.resources, ...cluster.resources };
}

/** A workload preset's resources (gpu-cluster's gpus) must be dimensions of the cell. */
function checkPresetResources(
  name: string,
  cellResources: Record<string, number>,
  ctx: z.RefinementCtx,
): void {
  const kinds = PRESETS[name]?.workload.kinds ?? {};
  for (const gen of Object.values(kinds)) {
    for (const resource of Object.keys(gen?.resources ?? {})) {
      if (Object.hasOwn(cellResources, resource)) continue;
      const message = `preset "${name}" asks for "${resource}", which is not a resource of the cell (use cluster.preset "${name}" or declare it in cluster.resources)`;
      ctx.addIssue({ code: "custom", path: ["workload", "preset"], message });
      return;
    }
  }
}

/** Every resource a synthetic workload asks for must be a dimension of the cell. */
function checkResourceNames(
  kinds: z.output<typeof syntheticKindsSchema>,
  cellResources: Record<string, number>,
  ctx: z.RefinementCtx,
): void {
  for (const [kind, gen] of Object.entries(kinds)) {
    for (const name of Object.keys(gen?.resources ?? {})) {
      if (Object.hasOwn(cellResources, name)) continue;
      const declared = Object.keys(cellResources);
      const message = `"${name}" is not a resource of the cell (declare it in cluster.resources; the cell has ${declared.length > 0 ? declared.join(", ") : "none"})`;
      ctx.addIssue({ code: "custom", path: ["workload", "synthetic", kind, "resources", name], message });
    }
  }
}

/** Most windows a per-scheduler series may have (each is a row per scheduler in results.json). */
export const MAX_SCHEDULER_SERIES_WINDOWS = 10_000;

/** `metrics.schedulerSeries` is a window length: at most MAX_SCHEDULER_SERIES_WINDOWS per horizon. */
function checkSeriesWindows(horizonUs: number, windowUs: number, ctx: z.RefinementCtx): void {
  const windows = Math.ceil(horizonUs / windowUs);
  if (windows <= MAX_SCHEDULER_SERIES_WINDOWS) return;
  const message = `makes ${windows} windows over the horizon; at most ${MAX_SCHEDULER_SERIES_WINDOWS} are allowed (use a longer window)`;
  ctx.addIssue({ code: "custom", path: ["metrics", "schedulerSeries"], message });
}

/** `metrics.timeline` records every task and draws a chart row per machine: tiny cells only. */
function checkTimelineCell(cluster: z.output<typeof clusterSchema>, ctx: z.RefinementCtx): void {
  const machines = clusterMachines(cluster);
  if (machines <= TIMELINE_MAX_MACHINES) return;
  const message = `the task timeline is for cells of at most ${TIMELINE_MAX_MACHINES} machines; this cell has ${machines}`;
  ctx.addIssue({ code: "custom", path: ["metrics", "timeline"], message });
}

/** A failure domain fits in the cell; typed cells (the performance model) have no failures yet. */
function checkFailureCell(failures: FailureSpec, cluster: ClusterInput, ctx: z.RefinementCtx): void {
  if (failures.lostWork && ("types" in cluster || "scale" in cluster)) {
    const message = "machine failures are not modelled for typed cells (jobs with a performance model) yet";
    ctx.addIssue({ code: "custom", path: ["failures"], message });
  }
  const size = failures.domains?.size;
  const machines = clusterMachines(cluster);
  if (size !== undefined && size > machines) {
    const message = `a failure domain of ${size} machines is larger than the cell (${machines} machines)`;
    ctx.addIssue({ code: "custom", path: ["failures", "domains", "size"], message });
  }
}

/** Machines of a validated cluster block. */
function clusterMachines(cluster: ClusterInput): number {
  if ("types" in cluster) return cluster.types.reduce((n, t) => n + t.count, 0);
  if ("scale" in cluster)
    return typedCellPreset(cluster.preset, cluster.scale).reduce((n, t) => n + t.count, 0);
  if ("preset" in cluster) return PRESETS[cluster.preset]?.cluster.machines ?? 0;
  return cluster.machines;
}

const pointSchemas = new WeakMap<Registry, ReturnType<typeof buildPointSchema>>();

/** The sweep-point schema of experiments using `registry` (built once per registry). */
export function experimentPointSchema(registry: Registry): ReturnType<typeof buildPointSchema> {
  let schema = pointSchemas.get(registry);
  if (!schema) {
    schema = buildPointSchema(registry);
    pointSchemas.set(registry, schema);
  }
  return schema;
}

export type ExperimentPoint = z.output<ReturnType<typeof buildPointSchema>>;

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
  "plugins",
];
