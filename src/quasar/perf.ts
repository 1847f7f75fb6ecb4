import type { PerfCell } from "./perf-cell.js";
import { interferenceFactor } from "./interference.js";
import { memNeedGb, type QuasarJobSpec } from "./job-spec.js";
import { CORES_GRID, NODES_GRID } from "./latent-classes.js";
import { latencyFactor } from "./latency.js";
import { RESOURCE_COUNT } from "./machine-types.js";

/**
 * The hidden performance function (see QuasarJobSpec) evaluated on a live allocation, and the CPU
 * a job keeps busy. Only the model calls these; schedulers work from predictions.
 */

/** A job's resources in the cell: `cores` and `memGbPerNode` on each machine of `machines`. */
export interface Allocation {
  readonly cores: number;
  readonly memGbPerNode: number;
  readonly machines: readonly number[];
  /** What the job adds to each machine's pressure (per node, per resource). */
  readonly pressure: readonly Float64Array[];
}

/** Index of a core count in CORES_GRID (allocations only use grid values). */
export function coresIndex(cores: number): number {
  const i = CORES_GRID.indexOf(cores);
  if (i < 0) throw new Error(`${cores} cores is not a configuration of the grid ${CORES_GRID.join(",")}`);
  return i;
}

/** A node-count row (over NODES_GRID) at any n ≥ 1, interpolated linearly between grid points. */
export function atNodes(row: ArrayLike<number>, nodes: number): number {
  const last = NODES_GRID.length - 1;
  if (nodes >= NODES_GRID[last]!) return row[last]!;
  let i = 0;
  while (NODES_GRID[i + 1]! < nodes) i++;
  const lo = NODES_GRID[i]!;
  const hi = NODES_GRID[i + 1]!;
  const w = (nodes - lo) / (hi - lo);
  return row[i]! * (1 - w) + row[i + 1]! * w;
}

/** Memory starvation: performance × (allocated / needed)², not below 0.2 [our choice]. */
function memoryFactor(job: QuasarJobSpec, cores: number, memGb: number): number {
  const ratio = memGb / memNeedGb(job, cores);
  return ratio >= 1 ? 1 : Math.max(0.2, ratio * ratio);
}

/** Performance with no interference (used for a service's offered-load share). */
export function perfWithoutInterference(
  job: QuasarJobSpec,
  cell: PerfCell,
  cores: number,
  machines: readonly number[],
): number {
  let het = 0;
  for (const m of machines) het += job.hetero[cell.typeOf[m]!]!;
  const ci = coresIndex(cores);
  return job.base * job.scaleUp[ci]! * atNodes(job.scaleOut, machines.length) * (het / machines.length);
}

/** A job's performance now: raw capacity, and what counts against the target. */
export interface Performance {
  /** Throughput the allocation sustains (job units / s). */
  readonly capacity: number;
  /**
   * Batch and best-effort: the capacity (their rate). Services: the offered load served within
   * the latency bound, min(capacity, target) × the nodes' mean latency-bound fraction.
   */
  readonly achieved: number;
}

/** Performance on `alloc` with the co-runners' current pressure. */
export function truePerf(job: QuasarJobSpec, cell: PerfCell, alloc: Allocation): Performance {
  let speedSum = 0;
  let inBound = 0;
  alloc.machines.forEach((m, i) => {
    const f = interferenceFactor(job.tolerated, cell.pressure, m * RESOURCE_COUNT, alloc.pressure[i]!);
    const speed = job.hetero[cell.typeOf[m]!]! * f;
    speedSum += speed;
    inBound += latencyFactor(job.kind, speed);
  });
  const n = alloc.machines.length;
  const ci = coresIndex(alloc.cores);
  const scale = job.base * job.scaleUp[ci]! * atNodes(job.scaleOut, n);
  const capacity = scale * (speedSum / n) * memoryFactor(job, alloc.cores, alloc.memGbPerNode);
  if (job.kind !== "service") return { capacity, achieved: capacity };
  return { capacity, achieved: Math.min(capacity, job.targetPerf) * (inBound / n) };
}

/** Cores a job can keep busy per node: its speedup, capped by the cores it holds (Amdahl). */
function busyCores(job: QuasarJobSpec, cores: number): number {
  return Math.min(cores, job.scaleUp[coresIndex(cores)]!);
}

/**
 * CPU used per node. Batch and best-effort jobs run flat out (stalled cycles count as busy, as an
 * OS would report them); a service only works for its offered load (the target QPS), so spare
 * capacity idles.
 */
export function usedCoresPerNode(job: QuasarJobSpec, cores: number, capacity: number): number {
  const busy = busyCores(job, cores);
  return job.kind === "service" ? busy * Math.min(1, job.targetPerf / capacity) : busy;
}

/** Cores per node that generate interference pressure (fixed for an allocation). */
export function activeCoresPerNode(job: QuasarJobSpec, cores: number, perfNoInterference: number): number {
  return usedCoresPerNode(job, cores, perfNoInterference);
}
