import { isSingleNode, memNeedGb } from "./job-spec.js";
import { CORES_GRID } from "./latent-classes.js";
import { predictedPerf, rankMachines } from "./machine-rank.js";
import { fitsTasks } from "../cluster/cell-view.js";
import type { PerfContext } from "./perf-cell.js";
import type { Observed, Plan } from "./policy.js";
import { MAX_NODES } from "./quasar-allocator.js";
import { LATENCY_SPEED } from "./latency.js";

/**
 * Quasar's monitoring and adjustment: compare the performance a job achieves with its target; when
 * it falls short (a prediction error, or new co-runners), grow it — scale up on its machines if
 * they have room, else scale out onto the best-ranked machine; when it has far more than it needs,
 * shrink it to the least cores still predicted to meet the target. The ratio achieved/predicted is
 * kept per job and corrects later predictions (Quasar re-classifies on deviation).
 */
export interface MonitorOptions {
  /** Grow below target × low (our choice: 0.97). */
  readonly low: number;
  /** Shrink above target × high (our choice: 1.3). */
  readonly high: number;
  readonly headroom: number;
}

export function adjustPlan(
  o: Observed,
  ctx: PerfContext,
  corrections: Map<number, number>,
  opts: MonitorOptions,
): Plan | undefined {
  const { job, alloc, achievedPerf, prediction } = o;
  if (!prediction) return undefined;
  const own = alloc.pressure;
  const predictedNow = predictedPerf(job.kind, prediction, alloc.cores, alloc.machines, ctx, own);
  const correction = predictedNow > 0 ? achievedPerf / predictedNow : 1;
  corrections.set(job.id, correction);
  const goal = job.targetPerf * opts.headroom;
  const meets = (c: number) =>
    predictedPerf(job.kind, prediction, c, alloc.machines, ctx, own) * correction >= goal;
  const ci = CORES_GRID.indexOf(alloc.cores);
  // A service short of its target with capacity to spare is latency-bound: more cores on the same
  // slow or contended nodes would not help, another (fast, quiet) node does.
  const latencyBound = job.kind === "service" && o.capacity >= job.targetPerf;
  if (achievedPerf < job.targetPerf * opts.low) {
    let grown: number | undefined;
    for (let k = latencyBound ? CORES_GRID.length : ci + 1; k < CORES_GRID.length; k++) {
      const c = CORES_GRID[k]!;
      const memDelta = memNeedGb(job, c) - alloc.memGbPerNode;
      if (!alloc.machines.every((m) => fitsTasks(ctx.view, m, 1, c - alloc.cores, memDelta))) break;
      grown = c;
      if (meets(c)) break;
    }
    if (grown !== undefined)
      return { cores: grown, memGbPerNode: memNeedGb(job, grown), machines: alloc.machines };
    if (isSingleNode(job) || alloc.machines.length >= MAX_NODES) return undefined;
    const minScore = job.kind === "service" ? LATENCY_SPEED : 0;
    const extra = rankMachines(job.kind, prediction, alloc.cores, alloc.memGbPerNode, ctx, minScore).find(
      (m) => !alloc.machines.includes(m),
    );
    if (extra === undefined) return undefined;
    return { cores: alloc.cores, memGbPerNode: alloc.memGbPerNode, machines: [...alloc.machines, extra] };
  }
  if (achievedPerf > job.targetPerf * opts.high) {
    for (let k = 0; k < ci; k++) {
      const c = CORES_GRID[k]!;
      if (meets(c)) return { cores: c, memGbPerNode: memNeedGb(job, c), machines: alloc.machines };
    }
  }
  return undefined;
}
