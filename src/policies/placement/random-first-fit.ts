import { fitsTasks } from "../../cluster/cell-view.js";
import type { PlacementPolicy } from "./types.js";

/**
 * Omega's randomized first fit: pick a random machine from a candidate pool; if a task fits,
 * place it and keep the machine in the pool; otherwise drop the machine from the pool. Stop when
 * every task is placed or the pool is empty.
 *
 * The pool is a permutation of candidate positions whose first `pool` entries are still in:
 * dropping swaps a position to the end. The swaps are undone afterwards, so each call starts from
 * the identity permutation (a pure function of view, request and stream) and costs
 * O(tasks + dropped machines), not O(machines).
 */
export const randomFirstFit: PlacementPolicy = {
  description: "Omega's randomized first fit: random machines, keep those with room (default)",
  create(machines) {
    const perm = new Int32Array(machines);
    for (let i = 0; i < machines; i++) perm[i] = i;
    const placedHere = new Int32Array(machines);
    const dropped: number[] = [];
    return (view, req, rng, out) => {
      let pool = view.candidates;
      let remaining = req.tasks;
      while (remaining > 0 && pool > 0) {
        const i = Math.floor(rng.next() * pool);
        const m = view.candidate(perm[i] as number);
        const k = (placedHere[m] as number) + 1;
        if (fitsTasks(view, m, k, req.cpusPerTask, req.memGbPerTask)) {
          placedHere[m] = k;
          out.push(m);
          remaining--;
        } else {
          pool--;
          const p = perm[i] as number;
          perm[i] = perm[pool] as number;
          perm[pool] = p;
          dropped.push(i);
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
