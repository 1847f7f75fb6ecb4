import type { Prediction } from "./classifier.js";
import { isSingleNode, memNeedGb, type QuasarJobSpec } from "./job-spec.js";
import { CORES_GRID } from "./latent-classes.js";
import { predictedPerf, rankMachines } from "./machine-rank.js";
import { atNodes } from "./perf.js";
import { LATENCY_SPEED } from "./latency.js";
import type { PerfContext } from "./perf-cell.js";
import type { Plan } from "./policy.js";

/**
 * Quasar's greedy allocation (Delimitrou & Kozyrakis, ASPLOS 2014): the least resources predicted
 * to meet the target — scale up first (more cores per node on one machine), then out (more
 * nodes), always on the best-ranked machines. Memory per node is the footprint measured while
 * profiling, so it is not predicted. Returns undefined when nothing in the cell meets the target
 * now (the job queues).
 */
export const MAX_NODES = 8;

export interface GreedyOptions {
  /** Plan for target × headroom, to absorb prediction error (our choice: 5%). */
  readonly headroom: number;
  /** Learned ratio achieved / predicted for this job (1 before any monitoring). */
  readonly correction: number;
}

export function leastResourcesPlan(
  job: QuasarJobSpec,
  pred: Prediction,
  ctx: PerfContext,
  opts: GreedyOptions,
): Plan | undefined {
  const goal = (job.targetPerf * opts.headroom) / opts.correction;
  const maxNodes = isSingleNode(job) ? 1 : MAX_NODES;
  // One ranking per core count (the candidate machines and their fit depend on it), computed
  // when first needed: scale-up comes first, so most plans never rank the larger core counts.
  const minScore = job.kind === "service" ? LATENCY_SPEED : 0;
  const ranked: (number[] | undefined)[] = [];
  const rankedAt = (ci: number): number[] => {
    let r = ranked[ci];
    if (r === undefined) {
      const c = CORES_GRID[ci]!;
      r = rankMachines(job.kind, pred, c, memNeedGb(job, c), ctx, minScore);
      ranked[ci] = r;
    }
    return r;
  };
  for (let n = 1; n <= maxNodes; n++) {
    for (let ci = 0; ci < CORES_GRID.length; ci++) {
      const candidates = rankedAt(ci);
      if (candidates.length < n) continue;
      const cores = CORES_GRID[ci]!;
      const machines = candidates.slice(0, n);
      if (predictedPerf(job.kind, pred, cores, machines, ctx) >= goal) {
        return { cores, memGbPerNode: memNeedGb(job, cores), machines };
      }
    }
  }
  return undefined;
}

/**
 * The fewest total cores that could meet the target: on the best machine type predicted, with no
 * interference (a lower bound of what `leastResourcesPlan` can return; ∞ if nothing can).
 */
export function minTotalCores(job: QuasarJobSpec, pred: Prediction, opts: GreedyOptions): number {
  const goal = (job.targetPerf * opts.headroom) / opts.correction;
  const bestType = Math.max(...pred.heteroRel);
  const maxNodes = isSingleNode(job) ? 1 : MAX_NODES;
  let best = Infinity;
  for (let n = 1; n <= maxNodes; n++) {
    for (let ci = 0; ci < CORES_GRID.length; ci++) {
      const c = CORES_GRID[ci]!;
      if (c * n >= best) break;
      if (pred.perfAtCores[ci]! * atNodes(pred.scaleOutRel, n) * bestType >= goal) best = c * n;
    }
  }
  return best;
}
