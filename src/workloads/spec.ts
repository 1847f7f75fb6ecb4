import type { SimTime } from "../engine/time.js";
import type { WorkloadKind } from "../cluster/job.js";
import type { TraceFormatName } from "./formats.js";
import type { AnyReadOptions } from "./traces/types.js";

/**
 * Validated, unit-resolved workload descriptions. The experiment layer parses JSON into these
 * (durations already in µs); the workload layer turns them into jobs.
 */

/** A distribution over numbers. Durations are in µs once parsed; counts and sizes are plain. */
export type Distribution =
  | { type: "constant"; value: number }
  | { type: "uniform"; min: number; max: number }
  | { type: "exponential"; mean: number }
  | { type: "lognormal"; median: number; sigma: number }
  /** Weibull with shape k and scale λ: P(X > x) = exp(−(x/λ)^k); k < 1 is "infant mortality". */
  | { type: "weibull"; shape: number; scale: number }
  /** Linear interpolation between sorted samples (inverse empirical CDF). */
  | { type: "empirical"; values: readonly number[] };

/** A distribution plus post-processing: `ceil` rounds up to an integer ≥ 1. */
export interface Sampler {
  dist: Distribution;
  ceil: boolean;
}

/** One state of a two-state MMPP: its mean inter-arrival gap and mean sojourn, both in µs. */
export interface MmppState {
  meanGapUs: number;
  meanSojournUs: number;
}

/** A two-state Markov-modulated Poisson process (bursty arrivals; see mmpp.ts). */
export interface MmppSpec {
  high: MmppState;
  low: MmppState;
}

/** Gaps between a kind's arrivals: i.i.d. draws of a sampler, or a bursty MMPP. */
export type Interarrival = Sampler | { mmpp: MmppSpec };

/** One workload kind's generator. `interarrival` and `duration` are in µs. */
export interface KindGenerator {
  interarrival: Interarrival;
  tasks: Sampler;
  duration: Sampler;
  cpusPerTask: Sampler;
  memGbPerTask: Sampler;
  /** Per task, amounts of the cell's further resource dimensions by name (optional). */
  resources?: Record<string, Sampler> | undefined;
  /**
   * The priority of every job of this kind (higher is more important; absent: the jobs carry
   * none, which counts as 0). Read only by priority-ordered queues and preemption.
   */
  priority?: number | undefined;
  /**
   * Every job of this kind is a rigid gang (`JobSpec.gang`): all its tasks start at once or none
   * does, as the workers of a multi-GPU training job must. Absent or false: tasks start as they fit.
   */
  gang?: boolean | undefined;
}

export interface SyntheticWorkloadSpec {
  type: "synthetic";
  /** Presets resolve to this too; `preset` records which one (for provenance). */
  preset?: string;
  kinds: Partial<Record<WorkloadKind, KindGenerator>>;
  rateMultiplier: Record<WorkloadKind, number>;
}

/**
 * Reader options of a trace workload, as resolved from the experiment file (paths already
 * resolved; the window and rate multiplier live on the spec itself). See docs/traces.md.
 */
export type TraceReaderOptions = Omit<AnyReadOptions, "fromUs" | "toUs" | "rateMultiplier">;

export interface TraceWorkloadSpec {
  type: "trace";
  /**
   * A file or glob, or a list of them: shards read in the order given, each glob's matches in
   * name order.
   */
  path: string | string[];
  format: TraceFormatName;
  rateMultiplier: Record<WorkloadKind, number>;
  /** Optional window [fromUs, toUs) of trace time; jobs are shifted so fromUs becomes 0. */
  fromUs?: SimTime;
  toUs?: SimTime;
  /** Format-specific reader options (skipInvalid, machine size, kind rules, …). */
  options?: TraceReaderOptions;
}

/** Jobs from a plug-in workload source (`{"source": name, ...}` in the experiment file). */
export interface SourceWorkloadSpec {
  type: "source";
  /** The registered source's name. */
  name: string;
  /** The block's fields as written, without `source` (the source's schema parses them in the run). */
  fields: Record<string, unknown>;
  /** Folder of the experiment file, for the source's relative paths. */
  baseDir: string;
}

export type WorkloadSpec = SyntheticWorkloadSpec | TraceWorkloadSpec | SourceWorkloadSpec;

/**
 * Prefill: jobs running at t = 0 up to `cpuFraction` of the cell's CPUs, drawn from the
 * workload's own per-kind generators, split between kinds by `kindShares` (fractions of the
 * prefilled CPU, summing to 1).
 */
export interface PrefillSpec {
  cpuFraction: number;
  kindShares: Partial<Record<WorkloadKind, number>>;
}
