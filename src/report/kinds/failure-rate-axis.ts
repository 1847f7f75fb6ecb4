/**
 * The x axis of the "…-vs-failure-rate" figures: machine failures per machine per day, read from
 * a swept `failures` block (each value a whole block, `null` for none). Failures per day rather
 * than the mean time between failures, so the failure rate grows to the right as the damage does;
 * MTBF = 1 / rate days, and the caption says so.
 */
import { InputError } from "../../engine/errors.js";
import { US_PER_SEC } from "../../engine/time.js";
import { failuresSchema } from "../../experiment/failures-schema.js";
import type { ResultsFile, RunRecord } from "../../experiment/results-types.js";
import type { FigureAxes, SweptAxisRule } from "../../plugins/figure-axes.js";
import { distributionMean } from "../../workloads/distributions.js";
import { axisValue, sweptAxis, type SweepAxis } from "../sweep.js";

const US_PER_DAY = 86_400 * US_PER_SEC;

/** The x axis of the failure-rate figures: a swept `failures` block. */
export const FAILURE_RATE_X: SweptAxisRule = {
  needs: "a swept failures block (whole blocks, null for none)",
  accepts: [/^failures$/],
};

/** What a run's swept `failures` value sets in motion. */
export interface RunFailureRate {
  /** Independent machine failures per machine per day (1 / MTBF in days); 0 without. */
  perMachineDay: number;
  /** True when failure domains (racks) fail too: correlated failures, not on the rate axis. */
  domains: boolean;
}

/** The swept failures axis of a figure; names the figure when it has none. */
export function failureRateAxis(results: ResultsFile, axes: FigureAxes): SweepAxis {
  const axis = axes.x === null ? undefined : sweptAxis(results, axes.x);
  if (!axis || axis.path !== "failures")
    throw new InputError(
      `figure ${axes.kind} needs ${FAILURE_RATE_X.needs}; its x axis is ${axes.x ?? "not set"}`,
    );
  return axis;
}

/** The failure rate a run was given (its swept `failures` block, validated as the plan did). */
export function runFailureRate(run: RunRecord, axis: SweepAxis): RunFailureRate {
  const value = axisValue(run, axis);
  if (value === null || value === undefined) return { perMachineDay: 0, domains: false };
  const parsed = failuresSchema.safeParse(value);
  if (!parsed.success)
    throw new InputError(
      `results.json run ${run.runId}, failures: not a failures block (${parsed.error.message})`,
    );
  const machines = parsed.data.machines;
  const perMachineDay = machines ? US_PER_DAY / distributionMean(machines.timeToFailure.dist) : 0;
  return { perMachineDay, domains: parsed.data.domains !== undefined };
}

/** "MTBF 657 d" for a rate in failures per machine per day. */
export function mtbfLabel(perMachineDay: number): string {
  const days = 1 / perMachineDay;
  return `MTBF ${days >= 10 ? Math.round(days) : Number(days.toPrecision(2))} d`;
}
