import { candidatesWorthTrying, fitsTasks, type CellView } from "../../cluster/cell-view.js";
import type { PlacementPolicy, TaskRequest } from "./types.js";

/** Misses in a row after which the pool is compacted to the machines with room. */
const MISSES_BEFORE_COMPACTION = 32;

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
 * On a nearly full view (a two-level offer of scattered fragments, a saturated cell) almost every
 * pick misses, and dropping the whole pool one random pick at a time is slow. After
 * MISSES_BEFORE_COMPACTION misses in a row the pool is compacted once to the machines with room
 * (a scan without random draws). That does not change the law of the placement: a uniform pick
 * that lands on a machine with room is a uniform pick among machines with room.
 */
export const randomFirstFit: PlacementPolicy = {
  description: "Omega's randomized first fit: random machines, keep those with room (default)",
  create(machines) {
    const perm = new Int32Array(machines);
    for (let i = 0; i < machines; i++) perm[i] = i;
    const placedHere = new Int32Array(machines);
    const dropped: number[] = [];
    let pool = 0;

    const drop = (i: number): void => {
      pool--;
      const p = perm[i] as number;
      perm[i] = perm[pool] as number;
      perm[pool] = p;
      dropped.push(i);
    };
    const fitsOneMore = (view: CellView, m: number, req: TaskRequest): boolean =>
      fitsTasks(view, m, (placedHere[m] as number) + 1, req.cpusPerTask, req.memGbPerTask);
    const compact = (view: CellView, req: TaskRequest): void => {
      for (let i = pool - 1; i >= 0; i--) {
        if (!fitsOneMore(view, view.candidate(perm[i] as number), req)) drop(i);
      }
    };

    return (view, req, rng, out) => {
      pool = candidatesWorthTrying(view, req.cpusPerTask, req.memGbPerTask);
      let remaining = req.tasks;
      let misses = 0;
      while (remaining > 0 && pool > 0) {
        const i = Math.floor(rng.next() * pool);
        const m = view.candidate(perm[i] as number);
        if (fitsOneMore(view, m, req)) {
          placedHere[m] = (placedHere[m] as number) + 1;
          out.push(m);
          remaining--;
          misses = 0;
        } else {
          drop(i);
          if (++misses === MISSES_BEFORE_COMPACTION) compact(view, req);
        }
      }
      for (let t = 0; t < out.length; t++) placedHere[out[t] as number] = 0;
      for (let d = dropped.length - 1; d >= 0; d--) {
        const i = dropped[d] as number;
        const p = perm[i] as number;
        perm[i] = perm[pool] as number;
        perm[pool] = p;
        pool++;
      }
      dropped.length = 0;
    };
  },
};
