import type { SimTime } from "../engine/time.js";
import type { JobKind } from "./latent-classes.js";

/** A job's resources: `cores` and `memGb` on each of `nodes` machines. */
export interface ResourceShape {
  readonly cores: number;
  readonly nodes: number;
  readonly memGbPerNode: number;
}

/**
 * One workload, frozen input. The performance function is hidden from the schedulers: only the
 * profiler and the model read `scaleUp`, `scaleOut`, `hetero`, `tolerated`, `caused`.
 * Performance (in the job's own units: QPS, records/s, IPS) on `cores` per node over machines
 * `m_1..m_n` is
 *
 *   base · scaleUp[c] · scaleOut[n] · mean_i(hetero[type(m_i)] · interference_i) · memory factor
 *
 * — node throughputs add up, so a slow or contended node drags the mean (a function of Quasar's
 * four axes: cores per node, node count, server type and interference pressure).
 */
export interface QuasarJobSpec {
  readonly id: number;
  readonly kind: JobKind;
  readonly arrivalUs: SimTime;
  /** Index of the dominant latent class (for reports; schedulers never read it). */
  readonly latentClass: number;
  /** Performance at 1 core, 1 node, reference type, no interference. */
  readonly base: number;
  /** Speedup by cores per node, over CORES_GRID. */
  readonly scaleUp: Float64Array;
  /** Speedup by node count, over NODES_GRID (1 at one node). */
  readonly scaleOut: Float64Array;
  /** Relative performance per scenario machine type (1 on the reference type). */
  readonly hetero: Float64Array;
  /** Tolerated and caused pressure per shared resource (0–1). */
  readonly tolerated: Float64Array;
  readonly caused: Float64Array;
  /** Memory needed per node: memBaseGb + memPerCoreGb · cores. */
  readonly memBaseGb: number;
  readonly memPerCoreGb: number;
  /** The least configuration that meets the target on the reference type ("actual need"). */
  readonly need: ResourceShape;
  /** What the user asks for: the need mis-sized by `misSizeFactor` (total cores). */
  readonly reservation: ResourceShape;
  readonly misSizeFactor: number;
  /** Target performance: QPS at the latency bound, or the rate that meets the completion time. */
  readonly targetPerf: number;
  /** Batch / best-effort: work units (done at the achieved rate); 0 for services. */
  readonly work: number;
  /** Batch / best-effort: target completion time; services: lifetime once started. */
  readonly targetDurationUs: SimTime;
}

/** Memory a job needs per node at `cores` cores. */
export function memNeedGb(job: QuasarJobSpec, cores: number): number {
  return job.memBaseGb + job.memPerCoreGb * cores;
}

/** True for kinds that run on one node only. */
export function isSingleNode(job: QuasarJobSpec): boolean {
  return job.kind === "best-effort";
}
