import type { RandomStream } from "../engine/rng.js";
import { secToUs } from "../engine/time.js";
import {
  CORES_GRID,
  JOB_KINDS,
  KIND_CLASS_WEIGHTS,
  LATENT_CLASSES,
  NODES_GRID,
  type JobKind,
  type LatentClass,
} from "./latent-classes.js";
import type { QuasarJobSpec, ResourceShape } from "./job-spec.js";
import { drawReservation } from "./mis-sizing.js";
import type { QuasarScenario } from "./scenario.js";
import { cellTypes, referenceTypeIndex } from "./cell-layout.js";

/**
 * Synthetic workloads. A job mixes a dominant latent class (weight 0.65–1) with one other class;
 * each axis' hidden row is the weighted mix (in log space for speedups, linear for pressures)
 * times per-job noise of ±NOISE. This is what gives the classification matrices low rank.
 */
const NOISE = 0.03;
/** Parallel efficiency a sensible user configuration keeps (defines "actual need", our choice). */
const MIN_NEED_EFFICIENCY = 0.6;
const MAX_NEED_CORES = 8;

/** A uniform draw in [lo, hi). */
export const uniform = (rng: RandomStream, lo: number, hi: number) => lo + (hi - lo) * rng.next();

/** An index drawn with probability proportional to its weight. */
export function pick(rng: RandomStream, weights: readonly number[]): number {
  const total = weights.reduce((s, w) => s + w, 0);
  let u = rng.next() * total;
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i] as number;
    if (u < 0) return i;
  }
  return weights.length - 1;
}

const amdahl = (k: LatentClass, cores: number) =>
  1 / (1 - k.parallelFraction + k.parallelFraction / Math.min(cores, k.width));
const scaleOut = (kappa: number, nodes: number) => nodes / (1 + kappa * (nodes - 1));

/** Mixes a per-class log-value with weights (dominant, other). */
function mixLog(w: number, a: number, b: number): number {
  return Math.exp(w * Math.log(a) + (1 - w) * Math.log(b));
}

/** A job's latent-class mixture: dominant class, the other class, the dominant's weight. */
export interface Mixture {
  readonly dominant: number;
  readonly other: number;
  readonly weight: number;
}

/** Draws a job's latent-class mixture for its kind. */
export function drawMixture(rng: RandomStream, kind: JobKind): Mixture {
  const dominant = pick(rng, KIND_CLASS_WEIGHTS[kind]);
  const others = LATENT_CLASSES.map((_, i) => (i === dominant ? 0 : 1));
  return { dominant, other: pick(rng, others), weight: uniform(rng, 0.65, 1) };
}

/** The hidden rows of a job of this mixture: scale-up, scale-out, per-type speed, pressures. */
export function hiddenRows(rng: RandomStream, s: QuasarScenario, mix: Mixture) {
  const a = LATENT_CLASSES[mix.dominant]!;
  const b = LATENT_CLASSES[mix.other]!;
  const w = mix.weight;
  const noisy = (v: number) => v * (1 + uniform(rng, -NOISE, NOISE));
  const scaleUpRow = Float64Array.from(CORES_GRID, (c) =>
    Math.min(c, noisy(mixLog(w, amdahl(a, c), amdahl(b, c)))),
  );
  const scaleOutRow = Float64Array.from(NODES_GRID, (n) =>
    n === 1 ? 1 : noisy(mixLog(w, scaleOut(a.scaleOutOverhead, n), scaleOut(b.scaleOutOverhead, n))),
  );
  const types = cellTypes(s);
  const ref = types[referenceTypeIndex(s)]!;
  const heteroRow = Float64Array.from(types, (t) => {
    const speed = t.speed / ref.speed;
    const bw = t.capacity[1] / ref.capacity[1];
    const va = speed ** a.speedExponent * bw ** a.memBwExponent;
    const vb = speed ** b.speedExponent * bw ** b.memBwExponent;
    return t === ref ? 1 : noisy(mixLog(w, va, vb));
  });
  const lin = (x: number, y: number) =>
    Math.min(0.95, Math.max(0.05, w * x + (1 - w) * y + uniform(rng, -NOISE, NOISE)));
  const tolerated = Float64Array.from(a.tolerated, (x, r) => lin(x, b.tolerated[r] as number));
  const caused = Float64Array.from(a.caused, (x, r) => lin(x, b.caused[r] as number));
  return { scaleUpRow, scaleOutRow, heteroRow, tolerated, caused };
}

/** The need: a core count with sensible parallel efficiency, and a node count. */
function drawNeed(rng: RandomStream, s: QuasarScenario, kind: JobKind, scaleUpRow: Float64Array) {
  const eligible = CORES_GRID.map((c, i) =>
    c <= MAX_NEED_CORES && (scaleUpRow[i] as number) / c >= MIN_NEED_EFFICIENCY ? 1 : 0,
  );
  const coresIdx = pick(rng, eligible);
  const maxNodes = s.maxNeedNodes[kind];
  const nodeChoices = NODES_GRID.map((n) => (n <= maxNodes ? 1 : 0));
  return { coresIdx, nodesIdx: pick(rng, nodeChoices) };
}

/**
 * A job's level and memory footprint: performance at 1 core (log-uniform 0.5–2) and memory per
 * node, memBaseGb + memPerCoreGb · cores (uniform 0.2–1 GB and 0.4–1.6 GB per core).
 */
export function drawScale(rng: RandomStream): { base: number; memBaseGb: number; memPerCoreGb: number } {
  const base = Math.exp(uniform(rng, Math.log(0.5), Math.log(2)));
  const memBaseGb = uniform(rng, 0.2, 1);
  const memPerCoreGb = uniform(rng, 0.4, 1.6);
  return { base, memBaseGb, memPerCoreGb };
}

/** Generates one job; `rng` is the workload stream (same jobs whatever the policy). */
export function generateJob(
  rng: RandomStream,
  s: QuasarScenario,
  id: number,
  arrivalSec: number,
): QuasarJobSpec {
  const kind =
    JOB_KINDS[
      pick(
        rng,
        JOB_KINDS.map((k) => s.kindShares[k]),
      )
    ]!;
  const mix = drawMixture(rng, kind);
  const rows = hiddenRows(rng, s, mix);
  const { coresIdx, nodesIdx } = drawNeed(rng, s, kind, rows.scaleUpRow);
  const { base, memBaseGb, memPerCoreGb } = drawScale(rng);
  const cores = CORES_GRID[coresIdx]!;
  const nodes = NODES_GRID[nodesIdx]!;
  const need: ResourceShape = { cores, nodes, memGbPerNode: memBaseGb + memPerCoreGb * cores };
  const targetPerf = base * rows.scaleUpRow[coresIdx]! * rows.scaleOutRow[nodesIdx]!;
  const range =
    kind === "service" ? s.serviceLifetimeSec : kind === "batch" ? s.batchTargetSec : s.bestEffortTargetSec;
  const targetSec = uniform(rng, range[0], range[1]);
  const reserved = drawReservation(rng, s, need, memBaseGb, memPerCoreGb, kind === "best-effort");
  return {
    id,
    kind,
    arrivalUs: secToUs(arrivalSec),
    latentClass: mix.dominant,
    base,
    scaleUp: rows.scaleUpRow,
    scaleOut: rows.scaleOutRow,
    hetero: rows.heteroRow,
    tolerated: rows.tolerated,
    caused: rows.caused,
    memBaseGb,
    memPerCoreGb,
    need,
    reservation: reserved.shape,
    misSizeFactor: reserved.factor,
    targetPerf,
    work: kind === "service" ? 0 : targetPerf * targetSec,
    targetDurationUs: secToUs(targetSec),
  };
}

/** The scenario's jobs, arriving `interarrivalSec` apart from t = 0. */
export function generateJobs(rng: RandomStream, s: QuasarScenario): QuasarJobSpec[] {
  return Array.from({ length: s.jobCount }, (_, i) => generateJob(rng, s, i, i * s.interarrivalSec));
}
