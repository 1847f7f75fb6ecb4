import { DEFAULT_RETRY } from "../cluster/decision.js";
import type { JobSpec } from "../cluster/job.js";
import type { ArchitectureBlock, RunConfig } from "../experiment/config.js";
import type { KindGenerator, Sampler } from "../workloads/spec.js";
import type { NamedBlock } from "../experiment/block-schema.js";
import { typedCellPreset, typedCores } from "../quasar/cell-presets.js";

/**
 * The conformance suite's workloads: a small but busy synthetic cell, and hand-made job lists
 * for timelines whose waits can be worked out by hand.
 */

/** A constant sampler. */
export const constant = (value: number): Sampler => ({ dist: { type: "constant", value }, ceil: false });
/** An exponential sampler of mean `mean` (rounded up to a whole number ≥ 1 with `ceil`). */
export const exponential = (mean: number, ceil = false): Sampler => ({
  dist: { type: "exponential", mean },
  ceil,
});

/** One kind's decision time as an experiment file writes it. */
export interface DecisionTimeInput {
  perJob: string;
  perTask: string;
}

/** Per-kind decision times, as an experiment file writes them (`architecture.decisionTime`). */
export interface DecisionTimesInput {
  batch: DecisionTimeInput;
  service: DecisionTimeInput;
}

/**
 * Decision times of the busy cell: the Omega paper's 0.1 s per job + 5 ms per task for batch, a
 * slower 1 s per job for service (so multi-path differs from single-path).
 */
export const BUSY_CELL_DECISION_TIMES: DecisionTimesInput = {
  batch: { perJob: "0.1s", perTask: "5ms" },
  service: { perJob: "1s", perTask: "5ms" },
};

/** A run on 100 machines × 4 CPU / 16 GB with `architecture` and `workload`. */
export function cellConfig(architecture: ArchitectureBlock, over: Partial<RunConfig> = {}): RunConfig {
  return {
    horizonUs: 3600e6,
    cluster: { machines: 100, cpus: 4, memGb: 16 },
    workload: { type: "synthetic", kinds: {}, rateMultiplier: { batch: 1, service: 1 } },
    prefill: { cpuFraction: 0, kindShares: {} },
    architecture,
    placement: "random-first-fit",
    retry: DEFAULT_RETRY,
    metrics: { samplePeriodUs: 60e6 },
    ...over,
  };
}

/** A generator of one kind (durations and inter-arrivals in µs): every 10 s, 10 tasks of 1 CPU / 2 GB for 100 s. */
export function kindGen(over: Partial<KindGenerator> = {}): KindGenerator {
  return {
    interarrival: exponential(10e6),
    tasks: constant(10),
    duration: constant(100e6),
    cpusPerTask: constant(1),
    memGbPerTask: constant(2),
    ...over,
  };
}

/**
 * The busy cell with GPUs: each machine also has one GPU ("gpus"); batch tasks take 0.05–0.25 of
 * a GPU and service tasks 0.2 (fractional GPUs, as inference shares a card), and every service
 * job is a gang (all its tasks start at once or none does, as a multi-GPU training job's
 * workers). Measured (seed 1, one hour): GPU utilization 0.65–0.71 beside CPU 0.81–0.89 under
 * monolithic, two-level and shared state; GPUs fill on some machines, and whole gangs wait or
 * are abandoned (11 of 29 service gangs under shared state).
 */
export function busyCellWithGpusConfig(architecture: ArchitectureBlock, horizonUs = 3600e6): RunConfig {
  const config = busyCellConfig(architecture, horizonUs);
  const w = config.workload;
  if (w.type !== "synthetic" || !w.kinds.batch || !w.kinds.service) throw new Error("unreachable: busy cell");
  const gpus = (dist: Sampler["dist"]) => ({ gpus: { dist, ceil: false } });
  return {
    ...config,
    cluster: { ...config.cluster, resources: { gpus: 1 } },
    workload: {
      ...w,
      kinds: {
        batch: { ...w.kinds.batch, resources: gpus({ type: "uniform", min: 0.05, max: 0.25 }) },
        service: { ...w.kinds.service, resources: gpus({ type: "constant", value: 0.2 }), gang: true },
      },
    },
  };
}

/**
 * A small but busy cell: 100 machines × 4 CPU / 16 GB, 60% prefilled, bursting to ≈80–90% CPU
 * in the first hour (seed 1), so placements fail now and then and jobs retry (the retry/abandon
 * rule, partial placements and, for optimistic schedulers, conflicts all get exercised).
 *
 * - batch: every 12 s on average, ≈12 tasks of 0.25–1.25 CPU / 2 GB, running ≈5 min;
 * - service: every 2 min, ≈4 tasks of 1 CPU / 4 GB, running ≈30 min.
 */
export function busyCellConfig(architecture: ArchitectureBlock, horizonUs = 3600e6): RunConfig {
  return cellConfig(architecture, {
    horizonUs,
    workload: {
      type: "synthetic",
      kinds: {
        batch: kindGen({
          interarrival: exponential(12e6),
          tasks: exponential(12, true),
          duration: exponential(300e6),
          cpusPerTask: { dist: { type: "uniform", min: 0.25, max: 1.25 }, ceil: false },
          memGbPerTask: constant(2),
        }),
        service: kindGen({
          interarrival: exponential(120e6),
          tasks: exponential(4, true),
          duration: exponential(1800e6),
          cpusPerTask: constant(1),
          memGbPerTask: constant(4),
        }),
      },
      rateMultiplier: { batch: 1, service: 1 },
    },
    prefill: { cpuFraction: 0.6, kindShares: { batch: 0.3, service: 0.7 } },
  });
}

/**
 * The busy cell with priorities and preemption on: service jobs (priority 9) may evict batch
 * tasks (priority 0) when they do not fit; queues serve higher priorities first.
 */
export function busyCellWithPreemptionConfig(architecture: ArchitectureBlock, horizonUs = 3600e6): RunConfig {
  const config = busyCellConfig(architecture, horizonUs);
  const w = config.workload;
  if (w.type !== "synthetic" || !w.kinds.batch || !w.kinds.service) throw new Error("unreachable: busy cell");
  return {
    ...config,
    workload: {
      ...w,
      kinds: { batch: { ...w.kinds.batch, priority: 0 }, service: { ...w.kinds.service, priority: 9 } },
    },
    scheduling: { priorityOrder: true, preemption: true },
  };
}

/**
 * The busy cell with a further resource dimension: each machine also has 100 GB of local SSD
 * ("ssdGb"), batch tasks need 10–50 GB and service tasks 40 GB each, so SSD binds before CPU on
 * many machines and placements must check every dimension.
 */
export function busyCellWithSsdConfig(architecture: ArchitectureBlock, horizonUs = 3600e6): RunConfig {
  const config = busyCellConfig(architecture, horizonUs);
  const w = config.workload;
  if (w.type !== "synthetic" || !w.kinds.batch || !w.kinds.service) throw new Error("unreachable: busy cell");
  const ssd = (dist: Sampler["dist"]) => ({ ssdGb: { dist, ceil: false } });
  return {
    ...config,
    cluster: { ...config.cluster, resources: { ssdGb: 100 } },
    workload: {
      ...w,
      kinds: {
        batch: { ...w.kinds.batch, resources: ssd({ type: "uniform", min: 10, max: 50 }) },
        service: { ...w.kinds.service, resources: ssd({ type: "constant", value: 40 }) },
      },
    },
  };
}

/**
 * The busy cell of allocation policies: the Quasar study's large cell at a quarter of its
 * machines (50 machines of 14 types, 333 cores) with its job mix thinned to keep the load per
 * core (300 services, batch and best-effort jobs, 4 s apart), whose jobs carry performance
 * models; `allocation` decides how much each is given. Users' reservations exceed the cell, so
 * jobs wait and retry under every allocation policy.
 */
export function performanceCellConfig(
  architecture: ArchitectureBlock,
  allocation: NamedBlock,
  horizonUs = 3 * 3600e6,
): RunConfig {
  const types = typedCellPreset("quasar-large", 0.25);
  const machines = types.reduce((n, t) => n + t.count, 0);
  return cellConfig(architecture, {
    horizonUs,
    cluster: {
      preset: "quasar-large",
      machines,
      cpus: typedCores(types) / machines,
      memGb: types.reduce((n, t) => n + t.count * t.type.memGb, 0) / machines,
      types: types.map((t) => ({ type: t.type, count: t.count })),
    },
    workload: { type: "source", name: "quasar", fields: { mix: "quasar-large" }, baseDir: "." },
    ...(allocation.type === "reservation" && Object.keys(allocation).length === 1 ? {} : { allocation }),
  });
}

/** A frozen job for hand-worked timelines: `tasks` tasks of 1 CPU / 1 GB running 10 s. */
export function handJob(id: number, submitSec: number, tasks: number, over: Partial<JobSpec> = {}): JobSpec {
  return {
    id,
    submitUs: Math.round(submitSec * 1e6),
    kind: "batch",
    tasks,
    cpusPerTask: 1,
    memGbPerTask: 1,
    durationUs: 10e6,
    prefill: false,
    ...over,
  };
}
