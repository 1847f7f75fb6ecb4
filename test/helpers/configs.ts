import type { RunConfig } from "../../src/experiment/config.js";
import { cellConfig, exponential, kindGen } from "../../src/testing/busy-cell.js";

/** Small builders for hand-made run configurations in tests (the conformance kit's own). */

export { constant, exponential, handJob as job, kindGen } from "../../src/testing/busy-cell.js";

/** A monolithic run on a homogeneous cell with a synthetic workload and no prefill. */
export function monolithicConfig(over: Partial<RunConfig> = {}): RunConfig {
  const architecture = { type: "monolithic", decisionTime: { perJob: "100000us", perTask: "5000us" } };
  return cellConfig(architecture, {
    workload: {
      type: "synthetic",
      kinds: { batch: kindGen(), service: kindGen({ interarrival: exponential(20e6) }) },
      rateMultiplier: { batch: 1, service: 1 },
    },
    ...over,
  });
}
