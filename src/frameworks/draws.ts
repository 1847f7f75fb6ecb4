import { z } from "zod";
import type { RandomStream } from "../engine/rng.js";
import type { SimTime } from "../engine/time.js";

/**
 * Random draws shared by the batch frameworks (Hadoop, Spark): Poisson arrivals, task counts
 * that are fixed or exponential, and the number of task slots of the cell.
 */

/**
 * A count per job: a fixed number (`10`) or an exponential of this mean
 * (`{ "exponential": { "mean": 10 } }`, the distribution syntax of the rest of the experiment file).
 */
export const countSchema = z.union([
  z.number().int().min(1),
  z.strictObject({ exponential: z.strictObject({ mean: z.number().positive() }) }),
]);

/** A parsed count (see `countSchema`). */
export type Count = z.output<typeof countSchema>;

/** An exponential draw of mean `mean` (inverse transform of one uniform). */
export function exponentialDraw(stream: RandomStream, mean: number): number {
  return -mean * Math.log(1 - stream.next());
}

/** One count: the fixed number, or an exponential draw rounded to a whole number ≥ 1. */
export function drawCount(count: Count, stream: RandomStream): number {
  if (typeof count === "number") return count;
  return Math.max(1, Math.round(exponentialDraw(stream, count.exponential.mean)));
}

/**
 * Poisson arrivals of mean gap `meanGapUs` from time 0 (the first one after one gap), in whole
 * µs, at most `limit` of them and none at or after `horizonUs` (never read by the model).
 */
export function poissonArrivals(
  stream: RandomStream,
  meanGapUs: SimTime,
  horizonUs: SimTime,
  limit = Infinity,
): () => SimTime | undefined {
  let atUs = 0;
  let count = 0;
  return () => {
    if (count >= limit) return undefined;
    atUs += Math.round(exponentialDraw(stream, meanGapUs));
    if (atUs >= horizonUs) {
      count = limit;
      return undefined;
    }
    count++;
    return atUs;
  };
}

/**
 * How many tasks of `cpus` CPUs and `memGb` GB fit on the whole empty cell at once (a Hadoop
 * "slot" count): machines × the tasks one machine holds.
 */
export function cellSlots(
  cluster: { readonly machines: number; readonly cpus: number; readonly memGb: number },
  cpus: number,
  memGb: number,
): number {
  const perMachine = Math.floor(Math.min(cluster.cpus / cpus, cluster.memGb / memGb) + 1e-9);
  return cluster.machines * perMachine;
}
