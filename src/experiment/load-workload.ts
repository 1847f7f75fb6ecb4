import type { JobSpec } from "../cluster/job.js";
import type { RngFactory } from "../engine/rng.js";
import { readTrace } from "../workloads/formats.js";
import type { TraceWorkloadSpec } from "../workloads/spec.js";
import { streamCellsim } from "../workloads/traces/cellsim.js";
import type { AnyReadOptions, TraceReadResult } from "../workloads/traces/types.js";
import { generatePrefill } from "../workloads/prefill.js";
import { workloadFromList, type Workload } from "../workloads/source.js";
import { makeSyntheticWorkload } from "../workloads/synthetic.js";
import { BUILTIN_REGISTRY } from "../plugins/builtin.js";
import type { Registry } from "../plugins/registry.js";
import type { RunConfig } from "./config.js";

/**
 * The run's workload: synthetic generators (with prefill drawn from the same per-kind
 * distributions on their own streams), a trace (whose prefill rows are its jobs running at 0),
 * or a plug-in workload source from `registry`.
 */
export async function loadWorkload(
  config: RunConfig,
  totalCpus: number,
  rng: RngFactory,
  registry: Registry = BUILTIN_REGISTRY,
): Promise<Workload> {
  const spec = config.workload;
  if (spec.type === "source") {
    const { machines, cpus, memGb, types } = config.cluster;
    const ctx = {
      rng,
      horizonUs: config.horizonUs,
      cluster: { machines, cpus, memGb, ...(types ? { types } : {}) },
      baseDir: spec.baseDir,
    };
    return registry.workloads.require(spec.name).create(spec.fields, ctx);
  }
  if (spec.type === "trace") {
    if (streamsNatively(spec)) return streamCellsim(spec.path, traceReadOptions(spec));
    const trace = await readTraceWorkload(spec);
    const workload = workloadFromList(trace.prefill, trace.jobs);
    const censoredJobs = trace.censoredJobs?.length ?? 0;
    return censoredJobs > 0 ? { ...workload, censoredJobs } : workload;
  }
  const prefill: JobSpec[] = generatePrefill(spec.kinds, config.prefill, totalCpus, rng);
  return makeSyntheticWorkload(spec, rng, { horizonUs: config.horizonUs, firstId: prefill.length, prefill });
}

/** Reads a trace workload with its format's reader, window, rate multiplier and options. */
export function readTraceWorkload(spec: TraceWorkloadSpec): Promise<TraceReadResult> {
  return readTrace(spec.format, spec.path, traceReadOptions(spec));
}

/**
 * True when the trace is read from its columns job by job (streamCellsim, forEachCellsimJob)
 * rather than into lists: the native format without skipping (the same jobs, in the same order).
 */
export function streamsNatively(spec: TraceWorkloadSpec): boolean {
  return spec.format === "cellsim" && spec.options?.skipInvalid !== true;
}

/** A trace workload's reader options: its format's, its window and its rate multiplier. */
export function traceReadOptions(spec: TraceWorkloadSpec): AnyReadOptions {
  return { ...spec.options, fromUs: spec.fromUs, toUs: spec.toUs, rateMultiplier: spec.rateMultiplier };
}
