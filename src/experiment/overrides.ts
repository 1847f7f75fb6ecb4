import { InputError } from "../engine/errors.js";
import { cliDurationValue, parseDurationUs, US_PER_DAY } from "../engine/time.js";
import type { QuickSettings } from "./schema.js";

/**
 * Command-line overrides, applied to the raw experiment JSON before validation so the result is
 * checked exactly like a file would be.
 *
 * `--quick` (a smoke test of a whole experiment in minutes) does, unless the file's optional
 * `quick` object says otherwise (`{ "horizon": "6h", "seeds": [1, 2], "sweepValues": 2 }`):
 * - caps the horizon at 1 day (`quick.horizon`),
 * - keeps only the first seed (`quick.seeds`),
 * - keeps at most 3 values of each sweep key — first, middle, last (`quick.sweepValues`).
 * `--seeds` and `--horizon` win over `--quick`. Quick runs go to `reports/<name>-quick/` by
 * default so they never mix with full results.
 */
export interface PlanOverrides {
  seeds?: number[];
  /** A duration as written on the command line (`"1d"`, `"3600"`: a bare number is seconds). */
  horizon?: string;
  quick?: boolean;
  /** Run even if a run's estimated events or memory exceed the budget (budget.ts). */
  ignoreBudget?: boolean;
}

/** Values kept per sweep key by `--quick` when the file's `quick.sweepValues` is absent. */
export const QUICK_SWEEP_VALUES = 3;

/** The horizon `--quick` caps runs at when the file's `quick.horizon` is absent. */
export const QUICK_HORIZON_US = US_PER_DAY;

function capHorizon(experiment: Record<string, unknown>, capUs: number): void {
  const us = parseDurationUs(experiment.horizon);
  // A bad or missing horizon is left alone: validation reports it with its field path.
  if (typeof us === "number" && us > capUs) experiment.horizon = capUs / 1e6;
}

function firstSeed(seeds: unknown): number[] {
  return Array.isArray(seeds) && seeds.length > 0 ? [seeds[0] as number] : [1];
}

/** A copy of `json` with `--quick`, then `--seeds`/`--horizon`, applied. */
export function applyOverrides(
  json: Record<string, unknown>,
  quick: QuickSettings,
  overrides: PlanOverrides,
): Record<string, unknown> {
  const experiment = structuredClone(json);
  if (overrides.quick) {
    capHorizon(experiment, quick.horizon ?? QUICK_HORIZON_US);
    experiment.seeds = quick.seeds ?? firstSeed(experiment.seeds);
  }
  if (overrides.seeds) experiment.seeds = [...overrides.seeds];
  if (overrides.horizon !== undefined) {
    const horizon = cliDurationValue(overrides.horizon);
    const us = parseDurationUs(horizon);
    if (typeof us === "string") throw new InputError(`--horizon: ${us}`);
    experiment.horizon = horizon;
  }
  return experiment;
}
