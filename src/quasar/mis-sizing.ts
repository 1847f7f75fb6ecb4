import type { RandomStream } from "../engine/rng.js";
import { CORES_GRID, NODES_GRID } from "./latent-classes.js";
import type { ResourceShape } from "./job-spec.js";
import type { QuasarScenario } from "./scenario.js";

/**
 * Users' reservations: the actual need mis-sized by a factor on total cores, drawn from the
 * distribution the Quasar paper reports for a Twitter cluster: with probability 0.7 over-sized by
 * U(1, 10]×, with 0.2 under-sized by U(1, 5]× (factor 1/U), otherwise about right (U(0.9, 1.1)).
 * The uniform shapes are our choice; the paper gives only the fractions and the "up to" bounds.
 */
export function drawMisSizeFactor(rng: RandomStream, s: QuasarScenario): number {
  const m = s.misSizing;
  const u = rng.next();
  const v = rng.next();
  if (u < m.overFraction) return 1 + (m.overMaxFactor - 1) * v;
  if (u < m.overFraction + m.underFraction) return 1 / (1 + (m.underMaxFactor - 1) * v);
  return 0.9 + 0.2 * v;
}

/** Smallest grid value ≥ x (or the largest ≤ cap). */
export function gridUp(grid: readonly number[], x: number, cap: number): number {
  let best = grid[0] as number;
  for (const g of grid) {
    if (g > cap) break;
    best = g;
    if (g >= x - 1e-9) return g;
  }
  return best;
}

/** Grid value nearest to x (ties up), at least the smallest. */
function gridNearest(grid: readonly number[], x: number): number {
  let best = grid[0] as number;
  for (const g of grid) if (Math.abs(g - x) <= Math.abs(best - x) + 1e-9) best = g;
  return best;
}

/**
 * Turns "need × factor total cores" into a per-node shape users would write: grow (or shrink)
 * cores per node first; past the largest machine, spread over more nodes (multi-node jobs only).
 * Memory is asked in proportion to the cores (so over-sized too); an under-sized job's memory is
 * its need shrunk by the same factor (the Quasar paper reports CPU and memory mis-sizing), so it
 * starves for memory as under-reserved jobs do in practice.
 */
export function drawReservation(
  rng: RandomStream,
  s: QuasarScenario,
  need: ResourceShape,
  memBaseGb: number,
  memPerCoreGb: number,
  singleNode: boolean,
): { shape: ResourceShape; factor: number } {
  const factor = drawMisSizeFactor(rng, s);
  const maxCores = Math.max(...s.machines.map((m) => m.type.cores));
  const totalCores = need.cores * need.nodes * factor;
  let nodes = need.nodes;
  let cores: number;
  if (factor >= 1) {
    cores = gridUp(CORES_GRID, need.cores * factor, maxCores);
    if (!singleNode && need.cores * factor > maxCores) {
      nodes = gridUp(NODES_GRID, totalCores / maxCores, NODES_GRID[NODES_GRID.length - 1]!);
    }
  } else {
    cores = gridNearest(CORES_GRID, need.cores * factor);
    if (need.cores * factor < 1) nodes = gridNearest(NODES_GRID, Math.max(1, totalCores));
  }
  const maxMem = Math.max(...s.machines.filter((m) => m.type.cores >= cores).map((m) => m.type.memGb));
  const needGb = memBaseGb + memPerCoreGb * need.cores;
  const asked = factor >= 1 ? memBaseGb + memPerCoreGb * cores : needGb * factor;
  const memGbPerNode = Math.min(maxMem, asked);
  return { shape: { cores, nodes, memGbPerNode }, factor };
}
