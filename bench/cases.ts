import { DEFAULT_RETRY } from "../src/cluster/decision.js";
import type { RunConfig } from "../src/experiment/config.js";
import type { Sampler } from "../src/workloads/spec.js";
import { quasarLargeScale, quasarLargeScaleConfigs } from "./quasar-case.js";

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

const paperDecision = { perJobUs: 100_000, perTaskUs: 5_000 };

/** A cell-model case: one run of `config`. */
export interface CellBenchCase {
  name: string;
  /** What the Omega authors' simulator needs for the same case on this kind of machine. */
  referenceSec: string;
  config: RunConfig;
}

/** A case measured by its own function, which returns the events it processed. */
export interface CustomBenchCase {
  name: string;
  referenceSec: string;
  run(seed: number): number | Promise<number>;
  /** Setup that is not measured (reading and validating an experiment file). */
  prepare?(): void;
}

export type BenchCase = CellBenchCase | CustomBenchCase;

/** The paper's decision time as an experiment file writes it (exact µs). */
const decisionTime = {
  perJob: `${paperDecision.perJobUs}us`,
  perTask: `${paperDecision.perTaskUs}us`,
};

/** The core issue's day under every architecture (1 batch + 1 service scheduler), then the Quasar study. */
export const BENCH_CASES: BenchCase[] = [
  {
    name: "monolithic-1day-10k",
    referenceSec: "1.6–2.1",
    config: oneDayConfig({ type: "monolithic", decisionTime }),
  },
  {
    name: "static-partition-1day-10k",
    referenceSec: "(none)",
    config: oneDayConfig({
      type: "static-partition",
      decisionTime,
      partitions: { batch: 0.5, service: 0.5 },
    }),
  },
  {
    name: "shared-state-1day-10k",
    referenceSec: "1.6–2.8",
    config: oneDayConfig({
      type: "shared-state",
      decisionTime,
      schedulers: { batch: 1, service: 1 },
      conflictMode: "fine",
      transactionMode: "incremental",
    }),
  },
  {
    name: "two-level-1day-10k",
    referenceSec: "11–16",
    config: oneDayConfig({
      type: "two-level",
      decisionTime,
      frameworks: { batch: 1, service: 1 },
      offerInterval: "1s",
      minOfferCpus: 100,
      allocatorDecisionTime: "1ms",
    }),
  },
  {
    name: "quasar large-scale (3 policies, 1 seed)",
    referenceSec: "(none)",
    run: quasarLargeScale,
    prepare: () => void quasarLargeScaleConfigs(),
  },
];
