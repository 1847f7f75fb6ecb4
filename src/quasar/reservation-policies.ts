import type { Prediction } from "./classifier.js";
import type { QuasarJobSpec } from "./job-spec.js";
import { rankMachines } from "./machine-rank.js";
import type { PlacementContext, Plan } from "./policy.js";

/**
 * Reservation-based allocation (the Quasar paper's baselines): every job gets exactly what its user
 * reserved, never more, never less, for its whole life; only the assignment differs.
 */

/**
 * least-loaded: the `nodes` machines with the lowest reserved fraction of cores that fit the
 * reservation (ties: lower index — machine indices are shuffled, so this is type-blind).
 */
export function leastLoadedPlan(job: QuasarJobSpec, ctx: PlacementContext): Plan | undefined {
  const { cores, nodes, memGbPerNode } = job.reservation;
  const cell = ctx.cell;
  const ids: number[] = [];
  for (let m = 0; m < cell.size; m++) if (cell.fits(m, cores, memGbPerNode)) ids.push(m);
  if (ids.length < nodes) return undefined;
  const load = (m: number) => cell.allocCores[m]! / cell.coresCap[m]!;
  ids.sort((a, b) => load(a) - load(b) || a - b);
  return { cores, memGbPerNode, machines: ids.slice(0, nodes) };
}

/**
 * paragon: the same reservation, on the `nodes` machines ranked best by classified type and
 * interference fit (Paragon assigns, it does not size).
 */
export function paragonPlan(job: QuasarJobSpec, pred: Prediction, ctx: PlacementContext): Plan | undefined {
  const { cores, nodes, memGbPerNode } = job.reservation;
  const ranked = rankMachines(job.kind, pred, cores, memGbPerNode, ctx);
  if (ranked.length < nodes) return undefined;
  return { cores, memGbPerNode, machines: ranked.slice(0, nodes) };
}
