import type { RunConfig } from "../../src/experiment/config.js";
import type { JobSpec } from "../../src/cluster/job.js";
import { DEFAULT_RETRY } from "../../src/cluster/decision.js";
import type { KindGenerator, Sampler } from "../../src/workloads/spec.js";

/** Small builders for hand-made run configurations in tests. */

export const constant = (value: number): Sampler => ({ dist: { type: "constant", value }, ceil: false });
export const exponential = (mean: number, ceil = false): Sampler => ({
  dist: { type: "exponential", mean },
  ceil,
});

/** A generator of one kind; durations and inter-arrivals in µs. */
export function kindGen(over: Partial<KindGenerator> = {}): KindGenerator {
  return {
    interarrival: exponential(10e6),
    tasks: constant(10),
    duration: constant(100e6),
    cpusPerTask: constant(1),
    memGbPerTask: constant(2),
    ...over,
  };
}

/** A monolithic run on a homogeneous cell with a synthetic workload and no prefill. */
export function monolithicConfig(over: Partial<RunConfig> = {}): RunConfig {
  return {
    horizonUs: 3600e6,
    cluster: { machines: 100, cpus: 4, memGb: 16 },
    workload: {
      type: "synthetic",
      kinds: { batch: kindGen(), service: kindGen({ interarrival: exponential(20e6) }) },
      rateMultiplier: { batch: 1, service: 1 },
    },
    prefill: { cpuFraction: 0, kindShares: {} },
    architecture: { type: "monolithic", decisionTime: { perJob: "100000us", perTask: "5000us" } },
    placement: "random-first-fit",
    retry: DEFAULT_RETRY,
    metrics: { samplePeriodUs: 60e6 },
    ...over,
  };
}

/** A frozen job spec for hand-worked timelines. */
export function job(id: number, submitSec: number, tasks: number, over: Partial<JobSpec> = {}): JobSpec {
  return {
    id,
    submitUs: Math.round(submitSec * 1e6),
    kind: "batch",
    tasks,
    cpusPerTask: 1,
    memGbPerTask: 1,
    durationUs: 10e6,
    prefill: false,
    ...over,
  };
}
