import type { RunConfig } from "../src/experiment/config.js";
import { oneDayConfig } from "./day-config.js";
import { ensureReferenceDayCsv, referenceDayConfig } from "./reference-day.js";
import { GOOGLE_FIRST_YEAR_FAILURES } from "./failures-case.js";
import { quasarLargeScale, quasarLargeScaleConfigs } from "./quasar-case.js";
import { prepareNativeBenchTrace, readNativeBenchTrace, streamNativeBenchTrace } from "./reader-case.js";
import { prepareGoogle2019BenchTrace, readGoogle2019BenchTrace } from "./google-2019-case.js";
import { preparePaiBenchTrace, readPaiBenchTrace } from "./pai-case.js";
import { prepareAzureBenchTrace, readAzureBenchTrace } from "./azure-case.js";

const paperDecision = { perJobUs: 100_000, perTaskUs: 5_000 };

/** The Omega authors' simulator's recorded wall times for a case on this machine class, s. */
export interface ReferenceTimes {
  lowSec: number;
  highSec: number;
}

/** A cell-model case: one run of `config` (its workload loaded in the timing). */
export interface CellBenchCase {
  name: string;
  /** What the Omega authors' simulator needs for the same case, when it was measured. */
  reference?: ReferenceTimes;
  config: RunConfig;
  /** Setup that is not measured (writing the workload file the config reads). */
  prepare?(): void | Promise<void>;
}

/** A case measured by its own function, which returns the events it processed. */
export interface CustomBenchCase {
  name: string;
  reference?: ReferenceTimes;
  run(seed: number): number | Promise<number>;
  /** Setup that is not measured (writing an input file, reading and validating an experiment file). */
  prepare?(): void | Promise<void>;
}

export type BenchCase = CellBenchCase | CustomBenchCase;

/** The paper's decision time as an experiment file writes it (exact µs). */
const decisionTime = {
  perJob: `${paperDecision.perJobUs}us`,
  perTask: `${paperDecision.perTaskUs}us`,
};

/** Decision times of single-path (both kinds alike) and multi-path (service decides slower). */
const singlePath = decisionTime;
const multiPath = { batch: decisionTime, service: { perJob: "1s", perTask: decisionTime.perTask } };

/** The architectures of the day's cases (1 batch + 1 service scheduler or framework), single-path times. */
const ARCHITECTURES = {
  monolithic: { type: "monolithic", decisionTime: singlePath },
  staticPartition: {
    type: "static-partition",
    decisionTime: singlePath,
    partitions: { batch: 0.5, service: 0.5 },
  },
  sharedState: {
    type: "shared-state",
    decisionTime: singlePath,
    schedulers: { batch: 1, service: 1 },
    conflictMode: "fine",
    transactionMode: "incremental",
  },
  twoLevel: {
    type: "two-level",
    decisionTime: singlePath,
    frameworks: { batch: 1, service: 1 },
    offerInterval: "1s",
    minOfferCpus: 100,
    allocatorDecisionTime: "1ms",
  },
} satisfies Record<string, RunConfig["architecture"]>;

/** A reference-day case: the day's CSV is written before timing; each run reads it. */
function referenceDay(
  name: string,
  reference: ReferenceTimes | undefined,
  architecture: RunConfig["architecture"],
): CellBenchCase {
  return {
    name,
    reference,
    config: referenceDayConfig(architecture),
    prepare: async () => void (await ensureReferenceDayCsv()),
  };
}

/**
 * The reference day (the Omega authors' simulator's own workload, read from its CSV) under every
 * architecture, with that simulator's recorded times on this machine class; then the same day
 * drawn by the synthetic generator in the run (no file; comparable with earlier releases'
 * numbers), then the Quasar study, then the native trace reader (events = rows read; issue 13
 * asks for ≥ 1 M rows/s).
 */
export const BENCH_CASES: BenchCase[] = [
  referenceDay("refday-monolithic-single-path", { lowSec: 1.43, highSec: 1.5 }, ARCHITECTURES.monolithic),
  referenceDay(
    "refday-monolithic-multi-path",
    { lowSec: 1.54, highSec: 1.77 },
    { ...ARCHITECTURES.monolithic, decisionTime: multiPath },
  ),
  {
    ...referenceDay("refday-monolithic-failures", undefined, ARCHITECTURES.monolithic),
    config: { ...referenceDayConfig(ARCHITECTURES.monolithic), failures: GOOGLE_FIRST_YEAR_FAILURES },
  },
  referenceDay("refday-static-partition", undefined, ARCHITECTURES.staticPartition),
  referenceDay("refday-shared-state", { lowSec: 1.99, highSec: 2.48 }, ARCHITECTURES.sharedState),
  referenceDay("refday-two-level", { lowSec: 11.3, highSec: 15.9 }, ARCHITECTURES.twoLevel),
  { name: "monolithic-1day-10k", config: oneDayConfig(ARCHITECTURES.monolithic) },
  { name: "static-partition-1day-10k", config: oneDayConfig(ARCHITECTURES.staticPartition) },
  { name: "shared-state-1day-10k", config: oneDayConfig(ARCHITECTURES.sharedState) },
  { name: "two-level-1day-10k", config: oneDayConfig(ARCHITECTURES.twoLevel) },
  {
    name: "quasar large-scale (3 policies, 1 seed)",
    run: quasarLargeScale,
    prepare: () => void quasarLargeScaleConfigs(),
  },
  {
    name: "read native CSV 1M rows",
    run: () => readNativeBenchTrace(1_000_000),
    prepare: () => prepareNativeBenchTrace(1_000_000),
  },
  {
    name: "read native CSV 3M rows",
    run: () => readNativeBenchTrace(3_000_000),
    prepare: () => prepareNativeBenchTrace(3_000_000),
  },
  {
    name: "read native CSV 3M rows, ~10% kept",
    run: () => readNativeBenchTrace(3_000_000, 0.1),
    prepare: () => prepareNativeBenchTrace(3_000_000),
  },
  {
    name: "stream native CSV 1M rows (as a run)",
    run: () => streamNativeBenchTrace(1_000_000),
    prepare: () => prepareNativeBenchTrace(1_000_000),
  },
  {
    name: "stream native CSV 3M rows (as a run)",
    run: () => streamNativeBenchTrace(3_000_000),
    prepare: () => prepareNativeBenchTrace(3_000_000),
  },
  {
    name: "stream native CSV 3M rows, ~10% kept",
    run: () => streamNativeBenchTrace(3_000_000, 0.1),
    prepare: () => prepareNativeBenchTrace(3_000_000),
  },
  {
    name: "read google-2019 CSV 1M rows",
    run: () => readGoogle2019BenchTrace(1_000_000),
    prepare: () => prepareGoogle2019BenchTrace(1_000_000),
  },
  {
    name: "read google-2019 CSV 1M rows, ~10% kept",
    run: () => readGoogle2019BenchTrace(1_000_000, 0.1),
    prepare: () => prepareGoogle2019BenchTrace(1_000_000),
  },
  {
    name: "read alibaba-pai-2020 1M rows",
    run: () => readPaiBenchTrace(1_000_000),
    prepare: () => preparePaiBenchTrace(1_000_000),
  },
  {
    name: "read alibaba-pai-2020 1M rows, ~10% kept",
    run: () => readPaiBenchTrace(1_000_000, 0.1),
    prepare: () => preparePaiBenchTrace(1_000_000),
  },
  {
    name: "read azure-packing-2020 1M VMs",
    run: () => readAzureBenchTrace(1_000_000),
    prepare: () => prepareAzureBenchTrace(1_000_000),
  },
];
