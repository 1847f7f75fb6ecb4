import type { DecisionTimes } from "../../src/architectures/common.js";
import type { ArchitectureBlock, RunConfig } from "../../src/experiment/config.js";
import { constant, exponential, kindGen, monolithicConfig } from "./configs.js";
import { decisionTimes, PAPER_DT } from "./architectures.js";

/**
 * A small but busy cell for the conformance suite: 100 machines × 4 CPU / 16 GB, 60% prefilled,
 * bursting to ≈80–90% CPU in the first hour (seed 1), so placements fail now and then and jobs retry
 * (the retry/abandon rule, partial placements and, for Omega, conflicts all get exercised).
 *
 * - batch: every 12 s on average, ≈12 tasks of 0.25–1.25 CPU / 2 GB, running ≈5 min;
 * - service: every 2 min, ≈4 tasks of 1 CPU / 4 GB, running ≈30 min.
 */
export function busyCellConfig(architecture: ArchitectureBlock, horizonUs = 3600e6): RunConfig {
  return monolithicConfig({
    horizonUs,
    cluster: { machines: 100, cpus: 4, memGb: 16 },
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
    architecture,
  });
}

/** Paper defaults for batch, a slower (1 s) service decision so multi-path differs from single-path. */
export const BUSY_CELL_DT: DecisionTimes = decisionTimes(PAPER_DT, { perJobUs: 1_000_000, perTaskUs: 5_000 });
