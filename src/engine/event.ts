import type { SimTime } from "./time.js";

/**
 * Every event has this one shape: a kind tag and two numeric operands, ordered by
 * (time, priority, seq). One shape keeps V8's queue code monomorphic, and plain data can be
 * logged, counted and compared. The meaning of `kind`, `a` and `b` belongs to the model layer.
 */
export interface SimEvent {
  readonly time: SimTime;
  /** Lower runs first among events at the same time (the model's priority table). */
  readonly priority: number;
  /** Per-run insertion counter: equal (time, priority) events run FIFO. */
  readonly seq: number;
  readonly kind: number;
  readonly a: number;
  readonly b: number;
}

/** Strict (time, priority, seq) order; `seq` is unique, so no two events compare equal. */
export function eventBefore(x: SimEvent, y: SimEvent): boolean {
  if (x.time !== y.time) return x.time < y.time;
  if (x.priority !== y.priority) return x.priority < y.priority;
  return x.seq < y.seq;
}
