import type { Axis } from "./classifier.js";
import type { JobKind } from "./latent-classes.js";

/** Summary statistics of a sample (all 0 for an empty one). */
export interface Distribution {
  readonly count: number;
  readonly mean: number;
  readonly min: number;
  readonly p10: number;
  readonly p25: number;
  readonly p50: number;
  readonly p75: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
}

/** What happened to one job. */
export interface QuasarJobOutcome {
  readonly id: number;
  readonly kind: JobKind;
  readonly misSizeFactor: number;
  /**
   * Achieved performance / target, capped at 1 (exceeding a stated target earns nothing):
   * services: time-mean of min(1, capacity / target QPS) over their lifetime; batch and
   * best-effort: target completion time / execution time. 0 if the job never started.
   */
  readonly perfVsTarget: number;
  /** Wait in the admission queue (after profiling and the decision), s. */
  readonly admissionDelaySec: number;
  /** Arrival → start (profiling + decision + admission queue), s. */
  readonly startDelaySec: number;
  /** Start → finish, s. */
  readonly executionSec: number;
  readonly completed: boolean;
}

/** Classification error per axis over the classified jobs. */
export interface AxisError {
  readonly jobs: number;
  readonly mean: number;
  readonly max: number;
}

/**
 * The performance part of a run summary (results.json `summary.performance`), present when the
 * run's jobs carry a performance model. Deterministic and JSON-serializable.
 */
export interface PerformanceSummary {
  /** The performance scenario the jobs came from (e.g. "quasar-large"). */
  readonly scenario: string;
  /** Allocation policy (its `type`: "quasar", "reservation", a plug-in's). */
  readonly allocation: string;
  /**
   * Allocation and placement as the Quasar paper names its policies: "quasar" (quasar allocation,
   * paragon placement), "reservation+least-loaded", "reservation+paragon", else "<allocation>+<placement>".
   */
  readonly policy: string;
  readonly capacityCores: number;
  readonly jobs: {
    readonly submitted: number;
    readonly completed: number;
    readonly byKind: Readonly<Record<JobKind, { readonly count: number; readonly perfVsTargetMean: number }>>;
  };
  /** Per-job performance / target; `sorted` ascending is the Quasar fig. 11a line. */
  readonly perfVsTarget: Distribution & { readonly sorted: readonly number[] };
  /** Wait for resources after the admission delay (profiling, decision), s. */
  readonly admissionDelaySec: Distribution;
  readonly executionSec: Readonly<Record<JobKind, Distribution>>;
  /** Arrival → finish, s (what the user waits for). */
  readonly completionSec: Distribution;
  readonly cpu: {
    readonly binSec: number;
    /** Per-bin means of cores used / allocated / reserved (reserved: users' asks, queued included). */
    readonly usedCores: readonly number[];
    readonly allocatedCores: readonly number[];
    readonly reservedCores: readonly number[];
    /** Time means over [0, makespan], as fractions of capacity. */
    readonly meanUtilization: number;
    readonly meanAllocatedFraction: number;
    readonly meanReservedFraction: number;
    /** Mean (allocated − used) / capacity. */
    readonly meanGapFraction: number;
    /** Fraction of the run during which reservations exceed the cell's capacity. */
    readonly reservedOverCapacityFraction: number;
  };
  /** Per-machine CPU utilization (used / cores) per bin, rounded to 0.001: machines × bins (fig. 11b/c). */
  readonly heatmap: {
    readonly binSec: number;
    readonly machineTypes: readonly string[];
    readonly utilization: readonly (readonly number[])[];
  };
  readonly classification: {
    readonly entriesPerRow: number;
    readonly axes: Readonly<Partial<Record<Axis, AxisError>>>;
  } | null;
  /** When the last job finished (or the horizon, if some never did), s. */
  readonly makespanSec: number;
}

/** Nearest-rank percentile of an ascending sample. */
function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

/** Distribution of a sample (any order). */
export function distribution(values: readonly number[]): Distribution {
  const s = [...values].sort((a, b) => a - b);
  const mean = s.length === 0 ? 0 : s.reduce((t, v) => t + v, 0) / s.length;
  const p = (q: number) => percentile(s, q);
  return {
    count: s.length,
    mean,
    min: s[0] ?? 0,
    p10: p(0.1),
    p25: p(0.25),
    p50: p(0.5),
    p75: p(0.75),
    p90: p(0.9),
    p99: p(0.99),
    max: s[s.length - 1] ?? 0,
  };
}
