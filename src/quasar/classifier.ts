import type { RandomStream } from "../engine/rng.js";
import { cellTypes, referenceTypeIndex } from "./cell-layout.js";
import { generateJob } from "./job-gen.js";
import { isSingleNode, type QuasarJobSpec } from "./job-spec.js";
import { RESOURCE_COUNT } from "./machine-types.js";
import { DEFAULT_COMPLETION, LowRankModel, type CompletionOptions } from "./matrix-completion.js";
import type { QuasarScenario } from "./scenario.js";

/**
 * Quasar's four classifications (Delimitrou & Kozyrakis, ASPLOS 2014; docs/quasar.md). Each axis
 * is a matrix of workloads × configurations: scale-up (cores per node, 1 node, reference type),
 * scale-out (node count at PROFILE_CORES_IDX cores), heterogeneity (machine type at
 * PROFILE_CORES_IDX cores) and interference (tolerated then caused pressure per shared resource).
 * Speedup axes are completed in log space (a job's absolute level becomes a row bias); pressures
 * are completed as they are. The training rows are workloads "seen before": drawn from the same
 * generator, fully profiled.
 */
export const AXES = ["scaleUp", "scaleOut", "heterogeneity", "interference"] as const;
/** One of Quasar's four classification axes. */
export type Axis = (typeof AXES)[number];

/** Scale-out and heterogeneity profiling runs use 2 cores per node (CORES_GRID[1]). */
const PROFILE_CORES_IDX = 1;
/** Previously seen, fully characterized workloads in each matrix (our choice). */
export const TRAINING_ROWS = 40;

/** A job's true row on one axis (what exhaustive profiling would measure). */
export function trueRow(job: QuasarJobSpec, axis: Axis): Float64Array {
  const u = job.scaleUp[PROFILE_CORES_IDX]!;
  switch (axis) {
    case "scaleUp":
      return Float64Array.from(job.scaleUp, (v) => Math.log(job.base * v));
    case "scaleOut":
      return Float64Array.from(job.scaleOut, (v) => Math.log(job.base * u * v));
    case "heterogeneity":
      return Float64Array.from(job.hetero, (v) => Math.log(job.base * u * v));
    case "interference":
      return Float64Array.from([...job.tolerated, ...job.caused]);
  }
}

/**
 * Interference entries in profiling order: alternate a tolerated and a caused pressure on
 * different resources (tolerated net, caused LLC first — the most informative pair for our latent
 * classes, found by measuring the completion error of each pair).
 */
const INTERFERENCE_ORDER = [2, 3, 0, 5, 1, 4];

/**
 * Columns profiled with `entries` runs: evenly spread over the row for the speedup axes (e.g.
 * 3 and 12 cores), in INTERFERENCE_ORDER for interference. Deterministic.
 */
export function profiledColumns(axis: Axis, cols: number, entries: number): number[] {
  const k = Math.min(entries, cols);
  if (axis === "interference") return INTERFERENCE_ORDER.slice(0, k).sort((a, b) => a - b);
  return Array.from({ length: k }, (_, i) => Math.min(cols - 1, Math.round(((i + 0.5) * cols) / k - 0.5)));
}

/** Pressures have no per-job level to factor out, so the interference axis fits no row bias. */
const AXIS_OPTIONS: Record<Axis, CompletionOptions> = {
  scaleUp: DEFAULT_COMPLETION,
  scaleOut: DEFAULT_COMPLETION,
  heterogeneity: DEFAULT_COMPLETION,
  interference: { ...DEFAULT_COMPLETION, ridge: 1e-3, rowBias: false },
};

/** Predicted performance model of one job, in the allocator's terms. */
export interface Prediction {
  /** Performance at CORES_GRID cores, one node, reference type, no interference. */
  readonly perfAtCores: Float64Array;
  /** Relative speedup by node count over NODES_GRID (1 at one node). */
  readonly scaleOutRel: Float64Array;
  /** Relative performance by scenario machine type (1 on the reference type). */
  readonly heteroRel: Float64Array;
  readonly tolerated: Float64Array;
  readonly caused: Float64Array;
}

/** Per-axis errors of one job's completed rows against the truth. */
export type AxisErrors = Partial<Record<Axis, number>>;

export class Classifier {
  private readonly models: Record<Axis, LowRankModel>;
  private readonly refIdx: number;

  /** Trains the four axis models on TRAINING_ROWS workloads drawn from `rng`. */
  constructor(
    scenario: QuasarScenario,
    rng: RandomStream,
    readonly entriesPerRow: number,
  ) {
    const kinds = { service: 1, batch: 1, "best-effort": 1 };
    const training = Array.from({ length: TRAINING_ROWS }, (_, i) =>
      generateJob(rng, { ...scenario, kindShares: kinds }, -1 - i, 0),
    );
    const fit = (axis: Axis) =>
      LowRankModel.fit(
        training.map((j) => trueRow(j, axis)),
        AXIS_OPTIONS[axis],
      );
    this.models = {
      scaleUp: fit("scaleUp"),
      scaleOut: fit("scaleOut"),
      heterogeneity: fit("heterogeneity"),
      interference: fit("interference"),
    };
    this.refIdx = referenceTypeIndex(scenario);
    if (cellTypes(scenario).length < 2) throw new Error("heterogeneity classification needs ≥ 2 types");
  }

  /** Profiles `entriesPerRow` entries of the job on `axis` and completes the row. */
  completeRow(job: QuasarJobSpec, axis: Axis): Float64Array {
    const truth = trueRow(job, axis);
    const cols = profiledColumns(axis, truth.length, this.entriesPerRow);
    return this.models[axis].complete(cols.map((col) => ({ col, value: truth[col]! })));
  }

  /**
   * Classifies a job on `axes`; axes not classified fall back to "no information" (neutral
   * factors). Returns the prediction and the per-axis error against the hidden truth: mean
   * relative error of the performance rows, mean absolute error (0–1 scale) of the pressures.
   */
  classify(job: QuasarJobSpec, axes: readonly Axis[]): { prediction: Prediction; errors: AxisErrors } {
    const rows: Partial<Record<Axis, Float64Array>> = {};
    const errors: AxisErrors = {};
    for (const axis of axes) {
      if (axis === "scaleOut" && isSingleNode(job)) continue;
      const row = this.completeRow(job, axis);
      rows[axis] = row;
      errors[axis] = rowError(row, trueRow(job, axis), axis === "interference");
    }
    return { prediction: this.toPrediction(job, rows), errors };
  }

  private toPrediction(job: QuasarJobSpec, rows: Partial<Record<Axis, Float64Array>>): Prediction {
    const su = rows.scaleUp;
    const so = rows.scaleOut;
    const het = rows.heterogeneity;
    const int = rows.interference;
    return {
      perfAtCores: su ? su.map(Math.exp) : new Float64Array(job.scaleUp.length),
      scaleOutRel: so ? so.map((v) => Math.exp(v - so[0]!)) : new Float64Array(job.scaleOut.length).fill(1),
      heteroRel: het
        ? het.map((v) => Math.exp(v - het[this.refIdx]!))
        : new Float64Array(job.hetero.length).fill(1),
      tolerated: int ? int.slice(0, RESOURCE_COUNT) : new Float64Array(RESOURCE_COUNT).fill(1),
      caused: int ? int.slice(RESOURCE_COUNT) : new Float64Array(RESOURCE_COUNT),
    };
  }
}

/** Mean error over a row's columns (relative in linear space, or absolute for pressures). */
export function rowError(pred: Float64Array, truth: Float64Array, absolute: boolean): number {
  let sum = 0;
  for (let j = 0; j < truth.length; j++) {
    sum += absolute
      ? Math.abs(pred[j]! - truth[j]!)
      : Math.abs(Math.exp(pred[j]!) - Math.exp(truth[j]!)) / Math.exp(truth[j]!);
  }
  return sum / truth.length;
}
