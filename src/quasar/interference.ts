import { RESOURCE_COUNT } from "./machine-types.js";

/**
 * Interference model. A job keeping `activeCores` busy on a machine of `machineCores` cores adds
 * caused_r · √(activeCores / machineCores) / capacity_r to the machine's pressure on resource r:
 * pressure grows sublinearly with the share of the machine a job keeps busy (one streaming thread
 * already takes much of a socket's cache and bandwidth) and is absorbed by bigger caches and more
 * bandwidth [our choice].
 * A job facing pressure P (from its co-runners, not itself) above its tolerance slows down by
 * 1 / (1 + SLOWDOWN · Σ_r max(0, P_r − tolerated_r)) — [our choice of shape; SLOWDOWN is tuned so
 * a blind co-location of a sensitive and an aggressive job costs tens of percent, as the
 * paper's interference examples do].
 */
export const SLOWDOWN = 4;

/** Adds into `out` the pressure a job puts on one machine. */
export function pressureOf(
  caused: ArrayLike<number>,
  activeCores: number,
  machineCores: number,
  capacity: ArrayLike<number>,
  out: Float64Array,
): Float64Array {
  const share = Math.sqrt(Math.min(1, activeCores / machineCores));
  for (let r = 0; r < RESOURCE_COUNT; r++) out[r] = (caused[r]! * share) / capacity[r]!;
  return out;
}

/**
 * The performance factor (≤ 1) of a job with tolerance `tolerated` on a machine whose total
 * pressure starts at `pressure[offset]`, minus the job's own share `own` (null: none yet), plus
 * `extra` (null: none; a candidate co-runner being evaluated).
 */
export function interferenceFactor(
  tolerated: ArrayLike<number>,
  pressure: Float64Array,
  offset: number,
  own: Float64Array | null,
  extra: Float64Array | null = null,
): number {
  let excess = 0;
  for (let r = 0; r < RESOURCE_COUNT; r++) {
    const p = pressure[offset + r]! - (own ? own[r]! : 0) + (extra ? extra[r]! : 0);
    if (p > tolerated[r]!) excess += p - tolerated[r]!;
  }
  return 1 / (1 + SLOWDOWN * excess);
}
