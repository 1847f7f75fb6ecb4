import { traceReaderOptions } from "./inputs.js";
import type { WorkloadKind } from "../cluster/job.js";
import { getPreset } from "../workloads/presets.js";
import { catalogType, typedCellPreset } from "../quasar/cell-presets.js";
import type { MachineType, TypeCount } from "../quasar/machine-types.js";
import type { NamedBlock } from "./block-schema.js";
import type { PrefillSpec, WorkloadSpec } from "../workloads/spec.js";
import type { ClusterSpec, FailureSpec, RunConfig } from "./config.js";
import type { ExperimentPoint } from "./schema.js";

/**
 * A validated sweep point → the RunConfig a run consumes: presets expanded, defaults filled in,
 * durations already in µs (the schema did that). Pure: every name was checked by the schema.
 */

/** Samples per series when `metrics.samplePeriod` is not given (a 1-day run → 5 min). */
export const DEFAULT_SAMPLES_PER_SERIES = 288;

/** How trace paths in the experiment file map to paths the run reads (see plan.ts). */
export type TracePathResolver = (pathAsWritten: string) => string;

function resolveCluster(cluster: ExperimentPoint["cluster"]): ClusterSpec {
  const spec = resolveCellShape(cluster);
  // A preset's own dimensions (gpu-cluster's gpus), then the file's, which may add or resize.
  const resources = { ...spec.resources, ...cluster.resources };
  return Object.keys(resources).length > 0 ? { ...spec, resources } : spec;
}

function resolveCellShape(cluster: ExperimentPoint["cluster"]): ClusterSpec {
  if ("types" in cluster) {
    return typedCluster(
      cluster.types.map((t) => ({ type: catalogType(t.type) as MachineType, count: t.count })),
    );
  }
  if ("scale" in cluster)
    return { preset: cluster.preset, ...typedCluster(typedCellPreset(cluster.preset, cluster.scale)) };
  if ("preset" in cluster) return { preset: cluster.preset, ...getPreset(cluster.preset).cluster };
  return { machines: cluster.machines, cpus: cluster.cpus, memGb: cluster.memGb };
}

/** A typed cell's spec: machines, mean CPUs and memory per machine, and its types. */
function typedCluster(types: readonly TypeCount[]): ClusterSpec {
  const machines = types.reduce((n, t) => n + t.count, 0);
  const cpus = types.reduce((n, t) => n + t.count * t.type.cores, 0) / machines;
  const memGb = types.reduce((n, t) => n + t.count * t.type.memGb, 0) / machines;
  return { machines, cpus, memGb, types: types.map((t) => ({ type: t.type, count: t.count })) };
}

function resolveWorkload(
  w: ExperimentPoint["workload"],
  tracePath: TracePathResolver,
  baseDir: string,
): WorkloadSpec {
  if ("source" in w) return { type: "source", name: w.source, fields: w.fields, baseDir };
  if ("preset" in w) {
    const base = getPreset(w.preset).workload;
    return { ...base, preset: w.preset, rateMultiplier: w.rateMultiplier ?? base.rateMultiplier };
  }
  const rateMultiplier = w.rateMultiplier ?? { batch: 1, service: 1 };
  if ("synthetic" in w) return { type: "synthetic", kinds: w.synthetic, rateMultiplier };
  const spec: WorkloadSpec = {
    type: "trace",
    path: typeof w.trace === "string" ? tracePath(w.trace) : w.trace.map(tracePath),
    format: w.format,
    rateMultiplier,
  };
  if (w.from !== undefined) spec.fromUs = w.from;
  if (w.to !== undefined) spec.toUs = w.to;
  const options = traceReaderOptions(w, tracePath);
  if (Object.keys(options).length > 0) spec.options = options;
  return spec;
}

/** Equal shares between the kinds the workload generates (used when nothing says otherwise). */
function equalShares(workload: WorkloadSpec): Partial<Record<WorkloadKind, number>> {
  if (workload.type !== "synthetic") return {};
  const kinds = Object.keys(workload.kinds) as WorkloadKind[];
  return Object.fromEntries(kinds.map((k) => [k, 1 / kinds.length]));
}

/** The file's prefill, else the preset's, else none (explicit synthetic workloads and traces). */
function resolvePrefill(point: ExperimentPoint, workload: WorkloadSpec): PrefillSpec {
  const preset = "preset" in point.workload ? getPreset(point.workload.preset).prefill : undefined;
  if (!point.prefill) return preset ?? { cpuFraction: 0, kindShares: {} };
  const kindShares = point.prefill.kindShares ?? preset?.kindShares ?? equalShares(workload);
  return { cpuFraction: point.prefill.cpuFraction, kindShares: { ...kindShares } };
}

/** Builds the RunConfig of one validated sweep point. */
export function resolvePoint(point: ExperimentPoint, tracePath: TracePathResolver, baseDir = "."): RunConfig {
  const workload = resolveWorkload(point.workload, tracePath, baseDir);
  const horizonUs = point.horizon;
  const samplePeriodUs =
    point.metrics.samplePeriod ?? Math.max(1, Math.round(horizonUs / DEFAULT_SAMPLES_PER_SERIES));
  const { retryDelay, maxAttempts, maxAttemptsWithoutProgress, when, backfillWindow } = point.retry;
  return {
    horizonUs,
    cluster: resolveCluster(point.cluster),
    workload,
    prefill: resolvePrefill(point, workload),
    architecture: point.architecture,
    placement: point.placement,
    retry: {
      retryDelayUs: retryDelay,
      maxAttempts,
      maxAttemptsWithoutProgress,
      // Only when chosen: configs (and so resume hashes) of other runs stay as before.
      ...(when === "freed" ? { retryWhen: "freed" as const, backfillWindow } : {}),
    },
    ...(point.allocation && !isDefaultAllocation(point.allocation) ? { allocation: point.allocation } : {}),
    ...(point.failures ? { failures: resolveFailures(point.failures, tracePath) } : {}),
    ...(point.scheduling && (point.scheduling.priorityOrder || point.scheduling.preemption)
      ? { scheduling: { ...point.scheduling } }
      : {}),
    // Optional fields only when on: configs (and so resume hashes) of other runs stay as before.
    metrics: {
      samplePeriodUs,
      ...(point.metrics.machines > 0 ? { machines: point.metrics.machines } : {}),
      ...(point.metrics.timeline ? { timeline: true as const } : {}),
      ...(point.metrics.jobs ? { jobs: true as const } : {}),
      ...(point.metrics.schedulerSeries !== undefined
        ? { schedulerSeriesUs: point.metrics.schedulerSeries }
        : {}),
    },
  };
}

/** The failures block with its machine-events path resolved like a workload trace's. */
function resolveFailures(failures: FailureSpec, tracePath: TracePathResolver): FailureSpec {
  const events = failures.events;
  return events ? { ...failures, events: { ...events, path: tracePath(events.path) } } : failures;
}

/** `{"type": "reservation"}` with no other field is the default allocation. */
function isDefaultAllocation(block: NamedBlock): boolean {
  return block.type === "reservation" && Object.keys(block).length === 1;
}
