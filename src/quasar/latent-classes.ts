import { RESOURCE_COUNT } from "./machine-types.js";

/**
 * The hidden structure behind every job's performance function. Each job is a mixture of a few
 * latent workload classes (plus per-job noise), so the jobs × configurations matrix of each
 * classification axis is close to low rank — the property Quasar's collaborative filtering relies
 * on: generated from a few latent types, the matrices give matrix completion structure to find.
 * The class parameters are our choice, loosely named after the paper's workload families.
 */

/** Cores-per-node configurations (columns of the scale-up matrix; allocations use only these). */
export const CORES_GRID: readonly number[] = [1, 2, 3, 4, 6, 8, 12, 16];
/** Node-count configurations (columns of the scale-out matrix). */
export const NODES_GRID: readonly number[] = [1, 2, 3, 4, 6, 8];

/** Workload kinds and their performance targets. */
export type JobKind = "service" | "batch" | "best-effort";
export const JOB_KINDS: readonly JobKind[] = ["service", "batch", "best-effort"];

/** One latent workload class. */
export interface LatentClass {
  readonly name: string;
  /** Amdahl parallel fraction: speedup(c) = 1 / ((1 − p) + p / min(c, width)). */
  readonly parallelFraction: number;
  /**
   * Parallel width: cores per node past which the job has nothing to run (threads, tasks or
   * request handlers per node). Extra cores reserved beyond it idle and buy no performance.
   */
  readonly width: number;
  /** Scale-out overhead κ: speedup(n) = n / (1 + κ (n − 1)). */
  readonly scaleOutOverhead: number;
  /** How strongly performance follows single-thread speed (exponent). */
  readonly speedExponent: number;
  /** How strongly performance follows memory bandwidth capacity (exponent). */
  readonly memBwExponent: number;
  /** Tolerated pressure per shared resource (0–1): above it the job slows down. */
  readonly tolerated: readonly number[];
  /** Pressure caused per shared resource (0–1) when it keeps a whole machine busy. */
  readonly caused: readonly number[];
}

const c = (
  name: string,
  parallelFraction: number,
  width: number,
  scaleOutOverhead: number,
  speedExponent: number,
  memBwExponent: number,
  tolerated: number[],
  caused: number[],
): LatentClass => ({
  name,
  parallelFraction,
  width,
  scaleOutOverhead,
  speedExponent,
  memBwExponent,
  tolerated,
  caused,
});

export const LATENT_CLASSES: readonly LatentClass[] = [
  c("cpu-bound", 0.96, 12, 0.02, 1.5, 0.0, [0.75, 0.8, 0.9], [0.25, 0.15, 0.05]),
  c("memory-bound analytics", 0.88, 6, 0.06, 0.5, 1.0, [0.5, 0.3, 0.75], [0.55, 0.85, 0.3]),
  c("in-memory key-value", 0.92, 4, 0.03, 2.0, 0.4, [0.3, 0.35, 0.25], [0.35, 0.4, 0.75]),
  c("disk/stream", 0.78, 4, 0.1, 0.6, 0.3, [0.65, 0.6, 0.45], [0.3, 0.45, 0.6]),
  c("cache-heavy web", 0.85, 6, 0.04, 2.0, 0.2, [0.25, 0.55, 0.6], [0.8, 0.4, 0.35]),
];

/** Which latent classes each kind draws its dominant class from (weights, our choice). */
export const KIND_CLASS_WEIGHTS: Readonly<Record<JobKind, readonly number[]>> = {
  service: [0.1, 0.0, 0.45, 0.0, 0.45],
  batch: [0.15, 0.4, 0.0, 0.45, 0.0],
  "best-effort": [0.5, 0.3, 0.0, 0.1, 0.1],
};

if (LATENT_CLASSES.some((k) => k.tolerated.length !== RESOURCE_COUNT || k.caused.length !== RESOURCE_COUNT)) {
  throw new Error("latent class interference vectors must have one entry per shared resource");
}
