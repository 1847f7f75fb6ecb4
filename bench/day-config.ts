import { DEFAULT_RETRY } from "../src/cluster/decision.js";
import type { RunConfig } from "../src/experiment/config.js";
import type { Sampler } from "../src/workloads/spec.js";

const constant = (value: number): Sampler => ({ dist: { type: "constant", value }, ceil: false });
const exponential = (mean: number, ceil = false): Sampler => ({ dist: { type: "exponential", mean }, ceil });

/**
 * The core issue's benchmark day: 10,000 machines × 4 CPU × 16 GB; batch every 10 s (exponential)
 * with ~100 tasks of 100 s, service every 20 s with ~10 tasks of 500 s, 1 CPU / 2 GB per task;
 * decision time 0.1 s per job + 5 ms per task. The Omega authors' simulator takes 1.6–2.1 s here.
 */
export function oneDayConfig(architecture: RunConfig["architecture"]): RunConfig {
  return {
    horizonUs: 86_400e6,
    cluster: { machines: 10_000, cpus: 4, memGb: 16 },
    workload: {
      type: "synthetic",
      kinds: {
        batch: {
          interarrival: exponential(10e6),
          tasks: exponential(100, true),
          duration: exponential(100e6),
          cpusPerTask: constant(1),
          memGbPerTask: constant(2),
        },
        service: {
          interarrival: exponential(20e6),
          tasks: exponential(10, true),
          duration: exponential(500e6),
          cpusPerTask: constant(1),
          memGbPerTask: constant(2),
        },
      },
      rateMultiplier: { batch: 1, service: 1 },
    },
    prefill: { cpuFraction: 0, kindShares: {} },
    architecture,
    placement: "random-first-fit",
    retry: DEFAULT_RETRY,
    metrics: { samplePeriodUs: 300e6 },
  };
}
