import { EC2_TYPES, typeByName, type TypeCount } from "./machine-types.js";
import type { JobKind } from "./latent-classes.js";

/**
 * A Quasar scenario: the heterogeneous cell and the workload mix. Everything here is frozen input
 * (spec); the per-run state lives in the model. Numbers tagged [paper] come from the Quasar paper
 * (Delimitrou & Kozyrakis, ASPLOS 2014; docs/quasar.md), the rest are our choices, made so that
 * Quasar's right-sized demand fills roughly 60–70% of the cell while users' reservations exceed it.
 */
export interface QuasarScenario {
  readonly name: string;
  readonly machines: readonly TypeCount[];
  /** Targets and "actual need" are defined on this type (a mid-speed machine). */
  readonly referenceType: string;
  readonly jobCount: number;
  readonly interarrivalSec: number;
  readonly kindShares: Readonly<Record<JobKind, number>>;
  /** Services run this long once started (uniform range, s). */
  readonly serviceLifetimeSec: readonly [number, number];
  /** Batch and best-effort targets: completion time at the target rate (uniform range, s). */
  readonly batchTargetSec: readonly [number, number];
  readonly bestEffortTargetSec: readonly [number, number];
  /** Largest node count a batch / service job actually needs. */
  readonly maxNeedNodes: Readonly<Record<JobKind, number>>;
  /** Reservation mis-sizing [paper]: 70% over-sized up to 10×, 20% under-sized up to 5×. */
  readonly misSizing: MisSizing;
  /** Width of the time bins of the utilization series and heatmap (s). */
  readonly binSec: number;
}

export interface MisSizing {
  readonly overFraction: number;
  readonly overMaxFactor: number;
  readonly underFraction: number;
  readonly underMaxFactor: number;
}

/** Quasar paper (Twitter cluster data): 70% over-reserve by up to 10×, 20% under-reserve by up to 5×. */
export const PAPER_MIS_SIZING: MisSizing = {
  overFraction: 0.7,
  overMaxFactor: 10,
  underFraction: 0.2,
  underMaxFactor: 5,
};

/** 200 machines [paper] over the 14 types [paper count; the mix is our choice]: 1,332 cores. */
const LARGE_COUNTS = [12, 12, 14, 14, 14, 16, 14, 16, 16, 14, 16, 14, 14, 14];

/** quasar-large: 1,200 mixed workloads arriving 1 s apart on 200 machines of 14 types [paper]. */
export const QUASAR_LARGE: QuasarScenario = {
  name: "quasar-large",
  machines: EC2_TYPES.map((type, i) => ({ type, count: LARGE_COUNTS[i] as number })),
  referenceType: "c1.xlarge",
  jobCount: 1200,
  interarrivalSec: 1,
  kindShares: { service: 0.25, batch: 0.45, "best-effort": 0.3 },
  serviceLifetimeSec: [250, 550],
  batchTargetSec: [100, 300],
  bestEffortTargetSec: [40, 200],
  maxNeedNodes: { service: 2, batch: 4, "best-effort": 1 },
  misSizing: PAPER_MIS_SIZING,
  binSec: 30,
};

/**
 * quasar-batch: 40 machines [paper] of 4 types [our choice: "fewer types"] running batch
 * analytics frameworks only (Hadoop/Spark-like jobs).
 */
export const QUASAR_BATCH: QuasarScenario = {
  name: "quasar-batch",
  machines: [
    { type: typeByName("m1.xlarge"), count: 10 },
    { type: typeByName("c1.xlarge"), count: 10 },
    { type: typeByName("m2.4xlarge"), count: 10 },
    { type: typeByName("cc2.8xlarge"), count: 10 },
  ],
  referenceType: "c1.xlarge",
  jobCount: 160,
  interarrivalSec: 6,
  kindShares: { service: 0, batch: 1, "best-effort": 0 },
  serviceLifetimeSec: [400, 900],
  batchTargetSec: [150, 450],
  bestEffortTargetSec: [60, 300],
  maxNeedNodes: { service: 2, batch: 4, "best-effort": 1 },
  misSizing: PAPER_MIS_SIZING,
  binSec: 30,
};

/** Every preset, by name. */
export const QUASAR_PRESETS = { "quasar-large": QUASAR_LARGE, "quasar-batch": QUASAR_BATCH } as const;
export type QuasarPresetName = keyof typeof QUASAR_PRESETS;

/**
 * A scenario scaled down by `fraction` of the machines per type (each type keeps at least one),
 * keeping the load per core: the reduced scenarios the tests run.
 */
export function scaledScenario(base: QuasarScenario, fraction: number): QuasarScenario {
  const machines = base.machines.map((m) => ({
    type: m.type,
    count: Math.max(1, Math.round(m.count * fraction)),
  }));
  const cores = (ms: readonly TypeCount[]) => ms.reduce((s, m) => s + m.count * m.type.cores, 0);
  const coreRatio = cores(machines) / cores(base.machines);
  return {
    ...base,
    name: `${base.name}@${fraction}`,
    machines,
    // Same job sizes, durations and arrival window on fewer cores: fewer, sparser arrivals keep
    // the load per core (and so the shape of the run) of the full scenario.
    jobCount: Math.max(1, Math.round(base.jobCount * coreRatio)),
    interarrivalSec: base.interarrivalSec / coreRatio,
  };
}

/** Total cores of a scenario's cell. */
export function scenarioCores(s: QuasarScenario): number {
  return s.machines.reduce((sum, m) => sum + m.count * m.type.cores, 0);
}
