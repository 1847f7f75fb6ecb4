/**
 * The x axis of the "…-vs-arrival-rate" figures (Omega fig 8): the swept batch arrival-rate
 * multiplier, `workload.rateMultiplier.batch` (or a whole `workload.rateMultiplier`, a number or
 * a per-kind object), on a linear scale as the paper draws it.
 */
import { InputError } from "../../engine/errors.js";
import type { ResultsFile, RunRecord } from "../../experiment/results-types.js";
import type { FigureAxes, SweptAxisRule } from "../../plugins/figure-axes.js";
import { axisValue, sweptAxis, type SweepAxis } from "../sweep.js";

const RATE_RE = /^workload\.rateMultiplier(?:\.batch)?$/;

/** x-axis title of the arrival-rate figures (fig 8). */
export const RATE_X_TITLE = "Relative batch arrival rate (×)";

/** The x axis of the arrival-rate figures: the swept batch rate multiplier. */
export const RATE_X: SweptAxisRule = {
  needs: "a swept workload.rateMultiplier.batch (or workload.rateMultiplier) path",
  accepts: [RATE_RE],
};

/** The figure's rate-multiplier x axis (resolved by the plan); names the figure if it has none. */
export function rateAxis(results: ResultsFile, axes: FigureAxes): SweepAxis {
  if (axes.x !== null) return sweptAxis(results, axes.x);
  throw new InputError(`figure ${axes.kind} needs ${RATE_X.needs}`);
}

/**
 * A run's batch rate multiplier: the swept number, or the `batch` entry of a swept per-kind
 * object (a kind left out of that object keeps the default rate, 1).
 */
export function rateValue(run: RunRecord, axis: SweepAxis): number {
  const value = axisValue(run, axis);
  if (typeof value === "number") return value;
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    const batch = (value as Record<string, unknown>).batch;
    if (batch === undefined) return 1;
    if (typeof batch === "number") return batch;
  }
  throw new InputError(
    `results.json run ${run.runId}, ${axis.path}: expected a number, got ${String(value)}`,
  );
}

/** Linear x encoding over the swept multipliers (the paper's fig 8 axis starts at zero). */
export function rateX(xs: number[]): Record<string, unknown> {
  const max = xs.length > 0 ? Math.max(...xs) : 1;
  return {
    field: "x",
    type: "quantitative",
    title: "Relative batch arrival rate (× default)",
    scale: { domain: [0, max * 1.05], nice: false, zero: true },
    axis: { format: "~g" },
  };
}
