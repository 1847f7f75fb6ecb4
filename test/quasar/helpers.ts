import { QuasarCell } from "../../src/quasar/cell.js";
import type { Prediction } from "../../src/quasar/classifier.js";
import type { QuasarJobSpec } from "../../src/quasar/job-spec.js";
import type { JobKind } from "../../src/quasar/latent-classes.js";
import type { MachineType } from "../../src/quasar/machine-types.js";
import type { PlacementContext } from "../../src/quasar/policy.js";

/** A machine type for hand-worked cells (nominal interference capacity). */
export const type = (name: string, cores: number, memGb: number): MachineType => ({
  name,
  cores,
  memGb,
  speed: 1,
  capacity: [1, 1, 1],
});

/** A cell with one machine per type, machine i of type i. */
export function cellOf(types: MachineType[]): QuasarCell {
  return new QuasarCell(
    types,
    Int32Array.from(types, (_, i) => i),
  );
}

export function contextOf(
  cell: QuasarCell,
  predictions: Map<number, Prediction> = new Map(),
): PlacementContext {
  return { cell, nowUs: 0, predictionOf: (id) => predictions.get(id) ?? null };
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
