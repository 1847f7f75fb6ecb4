import { CellState } from "../../src/cluster/cell-state.js";
import { planFromJson, type PlannedRun } from "../../src/experiment/plan.js";
import { runOne, type RunOptions } from "../../src/experiment/run-one.js";
import type { RunSummary } from "../../src/metrics/summary.js";
import type { Prediction } from "../../src/quasar/classifier.js";
import type { QuasarJobSpec } from "../../src/quasar/job-spec.js";
import type { JobKind } from "../../src/quasar/latent-classes.js";
import type { MachineType } from "../../src/quasar/machine-types.js";
import { PerfCell, type PerfContext } from "../../src/quasar/perf-cell.js";
import type { PerformanceSummary } from "../../src/quasar/summary.js";

/** A machine type for hand-worked cells (nominal interference capacity). */
export const type = (name: string, cores: number, memGb: number): MachineType => ({
  name,
  cores,
  memGb,
  speed: 1,
  capacity: [1, 1, 1],
});

/**
 * A hand-worked typed cell, one machine per type (machine i of type i): cores and memory in a
 * live CellState (what every scheduler's view reads), types, pressure and who runs where in a
 * PerfCell.
 */
export interface HandCell {
  readonly cell: CellState;
  readonly perf: PerfCell;
  /** What performance-aware decisions read: the perf side and the live cell as the view. */
  readonly ctx: PerfContext;
  /** Job `jobIndex` takes `cores` and `memGb` on machine m and adds `pressure` there. */
  place(jobIndex: number, m: number, cores: number, memGb: number, pressure: Float64Array): void;
}

export function cellOf(types: MachineType[]): HandCell {
  const cell = CellState.fromCapacities(
    types.map((t) => t.cores),
    types.map((t) => t.memGb),
  );
  const perf = new PerfCell(
    types,
    Int32Array.from(types, (_, i) => i),
  );
  return {
    cell,
    perf,
    ctx: { perf, view: cell },
    place(jobIndex, m, cores, memGb, pressure) {
      cell.claim(m, cores, memGb);
      perf.addJob(jobIndex, m, pressure);
    },
  };
}

/** A job with only the fields placement reads; 1 GB per core, target `targetPerf`. */
export function handJob(
  targetPerf: number,
  kind: JobKind = "batch",
  reserved = { cores: 1, nodes: 1 },
): QuasarJobSpec {
  const zeros = new Float64Array(8);
  return {
    id: 0,
    kind,
    arrivalUs: 0,
    latentClass: 0,
    base: 1,
    scaleUp: zeros,
    scaleOut: zeros,
    hetero: zeros,
    tolerated: new Float64Array(3),
    caused: new Float64Array(3),
    memBaseGb: 0,
    memPerCoreGb: 1,
    need: { cores: 1, nodes: 1, memGbPerNode: 1 },
    reservation: { ...reserved, memGbPerNode: reserved.cores },
    misSizeFactor: 1,
    targetPerf,
    work: 1,
    targetDurationUs: 1,
  };
}

/**
 * A prediction with perfect linear scaling (perf = cores × nodes on the reference type), the
 * given per-type factors, insensitive (tolerates everything) and harmless (causes nothing).
 */
export function linearPrediction(heteroRel: number[], tolerated = [1, 1, 1], caused = [0, 0, 0]): Prediction {
  return {
    perfAtCores: Float64Array.from([1, 2, 3, 4, 6, 8, 12, 16]),
    scaleOutRel: Float64Array.from([1, 2, 3, 4, 6, 8]),
    heteroRel: Float64Array.from(heteroRel),
    tolerated: Float64Array.from(tolerated),
    caused: Float64Array.from(caused),
  };
}

/* ---------------------------------------------------------------------------------------------
 * The Quasar study as experiment files: one cluster model (a typed cell turns the performance
 * model on), the `quasar` workload source, and the three policies as allocation × placement.
 * ------------------------------------------------------------------------------------------- */

/** The three policies of the Quasar paper, as summary.performance.policy names them. */
export type StudyPolicy = "reservation+least-loaded" | "reservation+paragon" | "quasar";

/** Each policy's allocation block and placement, as studies/quasar/experiments/large-scale.json sweeps them. */
export const POLICIES: readonly (readonly [StudyPolicy, Record<string, unknown>, string])[] = [
  ["reservation+least-loaded", { type: "reservation", decisionMs: 10 }, "least-loaded"],
  ["reservation+paragon", { type: "reservation", profiling: "paragon", decisionMs: 10 }, "paragon"],
  ["quasar", { type: "quasar" }, "paragon"],
];

/** The sweep of the three policies (points in POLICIES order). */
export const POLICY_SWEEP = {
  "allocation,placement": POLICIES.map(([, allocation, placement]) => [allocation, placement]),
};

/** A typed cell preset, optionally scaled (fraction of its machines per type). */
export interface StudyCell {
  preset: "quasar-large" | "quasar-batch";
  scale?: number;
}

/** A quarter of quasar-large's 200 machines (every type kept; the job mix scales with the cores). */
export const LARGE_QUARTER: StudyCell = { preset: "quasar-large", scale: 0.25 };
/** quasar-batch as is: its large reservations need most of its 40 machines. */
export const BATCH: StudyCell = { preset: "quasar-batch" };
/** A quarter of quasar-batch (12 machines): the quick cell of the plan, report and CLI tests. */
export const BATCH_QUARTER: StudyCell = { preset: "quasar-batch", scale: 0.25 };

/**
 * A Quasar-study experiment like studies/quasar/experiments/large-scale.json on `cell` (the job
 * mix of the same name): a monolithic scheduler with no decision time whose queue waits for
 * freed resources, the three policies swept. `over` replaces top-level fields (a field set to
 * undefined is removed, e.g. `{sweep: undefined}`).
 */
export function studyExperiment(
  cell: StudyCell,
  over: Record<string, unknown> = {},
): Record<string, unknown> {
  const experiment: Record<string, unknown> = {
    name: "q",
    horizon: "7d",
    seeds: [1, 2],
    cluster: { ...cell },
    workload: { source: "quasar", mix: cell.preset },
    architecture: { type: "monolithic", decisionTime: { perJob: "0s", perTask: "0s" } },
    retry: { when: "freed" },
    allocation: { type: "quasar" },
    placement: "paragon",
    sweep: POLICY_SWEEP,
    ...over,
  };
  for (const [k, v] of Object.entries(experiment)) if (v === undefined) delete experiment[k];
  return experiment;
}

/** The planned runs of an experiment object (validated and expanded as `cellsim run` does). */
export function plannedRuns(experiment: Record<string, unknown>, file = "q.json"): PlannedRun[] {
  return planFromJson(experiment, file).runs;
}

/** One policy's run on `cell` at `seed`, through planFromJson and runOne (invariants checked by default). */
export async function runPolicy(
  policy: StudyPolicy,
  cell: StudyCell,
  seed: number,
  options: RunOptions = { checkInvariants: true },
): Promise<RunSummary> {
  const entry = POLICIES.find(([name]) => name === policy);
  if (!entry) throw new Error(`unknown policy ${policy}`);
  const [, allocation, placement] = entry;
  const runs = plannedRuns(studyExperiment(cell, { seeds: [seed], allocation, placement, sweep: undefined }));
  if (runs.length !== 1) throw new Error(`expected one run, got ${runs.length}`);
  return runOne(runs[0]!.config, seed, options);
}

/** The performance summary of a run (present when its jobs carry a performance model). */
export function performanceOf(summary: RunSummary): PerformanceSummary {
  if (!summary.performance) throw new Error("the run has no performance summary");
  return summary.performance;
}
