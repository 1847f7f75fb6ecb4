import { candidatesWorthTrying, fitsTasks, type CellView } from "../../cluster/cell-view.js";
import type { RandomStream } from "../../engine/rng.js";
import type { PlacementPolicy, TaskRequest } from "./types.js";

/** Misses in a row after which the rest of the pool is narrowed to the machines with room. */
const MISSES_BEFORE_NARROWING = 32;

/**
 * Omega's randomized first fit: pick a random machine from a candidate pool; if a task fits,
 * place it and keep the machine in the pool; otherwise drop the machine from the pool. Stop when
 * every task is placed or the pool is empty.
 *
 * The pool is a permutation of candidate positions whose first `pool` entries are still in:
 * dropping swaps a position to the end. The swaps are undone afterwards, so each call starts from
 * the identity permutation (a pure function of view, request and stream) and costs
 * O(tasks + dropped machines), not O(machines), on a cell with room.
 *
 * On a nearly full view (a saturated cell, a two-level offer of scattered fragments) almost every
 * pick misses. After MISSES_BEFORE_NARROWING misses in a row, one read-only scan lists the
 * machines of the pool with room, and picking continues among those. That does not change the
 * law of the placement — a uniform pick that lands on a machine with room is a uniform pick among
 * machines with room — and costs one scan instead of a random draw and a swap per machine.
 */
export const randomFirstFit: PlacementPolicy = {
  description: "Omega's randomized first fit: random machines, keep those with room (default)",
  create(machines) {
    const perm = new Int32Array(machines);
    for (let i = 0; i < machines; i++) perm[i] = i;
    const placedHere = new Int32Array(machines);
    const fitting = new Int32Array(machines);
    // Positions swapped out of the pool during a call, to undo (a pool drops each position at
    // most once, so `machines` entries suffice; a typed stack allocates nothing per call).
    const dropped = new Int32Array(machines);

    const fitsOneMore = (view: CellView, m: number, req: TaskRequest): boolean =>
      fitsTasks(view, m, (placedHere[m] as number) + 1, req.cpusPerTask, req.memGbPerTask, req.extraPerTask);
    const place = (m: number, out: number[]): void => {
      placedHere[m] = (placedHere[m] as number) + 1;
      out.push(m);
    };

    /** Picks among the machines with room (listed in `fitting`); returns the tasks left. */
    const placeAmongFitting = (
      view: CellView,
      req: TaskRequest,
      rng: RandomStream,
      out: number[],
      pool: number,
      remaining: number,
    ): number => {
      let n = 0;
      for (let i = 0; i < pool; i++) {
        const m = view.candidate(perm[i] as number);
        if (fitsOneMore(view, m, req)) fitting[n++] = m;
      }
      while (remaining > 0 && n > 0) {
        const j = Math.floor(rng.next() * n);
        const m = fitting[j] as number;
        if (fitsOneMore(view, m, req)) {
          place(m, out);
          remaining--;
        } else fitting[j] = fitting[--n] as number;
      }
      return remaining;
    };

    return (view, req, rng, out) => {
      let pool = candidatesWorthTrying(view, req.cpusPerTask, req.memGbPerTask);
      let remaining = req.tasks;
      let misses = 0;
      let droppedCount = 0;
      while (remaining > 0 && pool > 0) {
        const i = Math.floor(rng.next() * pool);
        const m = view.candidate(perm[i] as number);
        if (fitsOneMore(view, m, req)) {
          place(m, out);
          remaining--;
          misses = 0;
          continue;
        }
        pool--;
        const p = perm[i] as number;
        perm[i] = perm[pool] as number;
        perm[pool] = p;
        dropped[droppedCount++] = i;
        if (++misses === MISSES_BEFORE_NARROWING) {
          remaining = placeAmongFitting(view, req, rng, out, pool, remaining);
          break;
        }
      }
      for (let t = 0; t < out.length; t++) placedHere[out[t] as number] = 0;
      for (let d = droppedCount - 1; d >= 0; d--) {
        const i = dropped[d] as number;
        const p = perm[i] as number;
        perm[i] = perm[pool] as number;
        perm[pool] = p;
        pool++;
      }
    };
  },
};
