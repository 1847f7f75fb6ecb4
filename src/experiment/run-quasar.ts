import { usToSec } from "../engine/time.js";
import { runQuasar } from "../quasar/run.js";
import { scenarioOf } from "../quasar/schema.js";
import type { QuasarRunConfig } from "./config.js";
import type { QuasarResultSummary } from "./results-types.js";

/** Heatmap cells are stored to this precision (fractions of a machine's cores). */
const HEATMAP_DIGITS = 3;

function round(x: number): number {
  return Number(x.toFixed(HEATMAP_DIGITS));
}

/**
 * Runs one Quasar-study run (src/quasar) and returns its results.json summary: the core's
 * summary tagged `model: "quasar"`, per-job outcomes dropped and the heatmap rounded (see
 * QuasarResultSummary). A pure function of (config, seed).
 */
export function runQuasarConfig(
  config: QuasarRunConfig,
  seed: number,
  options: { checkInvariants?: boolean } = {},
): QuasarResultSummary {
  const { outcomes: _outcomes, ...summary } = runQuasar(scenarioOf(config.cluster), config.policy, seed, {
    horizonSec: usToSec(config.horizonUs),
    checkInvariants: options.checkInvariants ?? false,
  });
  const heatmap = {
    ...summary.heatmap,
    utilization: summary.heatmap.utilization.map((row) => row.map(round)),
  };
  return { model: "quasar", ...summary, heatmap };
}
