import { tasksThatFitOn } from "../../cluster/cell-view.js";
import type { PlacementPolicy } from "./types.js";

/**
 * Best fit (bin packing): repeatedly choose the candidate with the least free CPU that still fits
 * a task (ties: first candidate) and fill it. O(candidates) per machine used.
 */
export const bestFit: PlacementPolicy = {
  description: "Tightest machine first (least free CPU that fits), filled before moving on",
  create(machines) {
    const used = new Uint8Array(machines);
    return (view, req, _rng, out) => {
      let remaining = req.tasks;
      while (remaining > 0) {
        let best = -1;
        let bestFree = Infinity;
        for (let i = 0; i < view.candidates; i++) {
          const m = view.candidate(i);
          if (
            used[m] === 1 ||
            tasksThatFitOn(view, m, req.cpusPerTask, req.memGbPerTask, req.extraPerTask) === 0
          )
            continue;
          const free = view.freeCpus(m);
          if (free < bestFree) {
            bestFree = free;
            best = m;
          }
        }
        if (best < 0) break;
        used[best] = 1;
        const k = Math.min(
          remaining,
          tasksThatFitOn(view, best, req.cpusPerTask, req.memGbPerTask, req.extraPerTask),
        );
        for (let t = 0; t < k; t++) out.push(best);
        remaining -= k;
      }
      for (let t = 0; t < out.length; t++) used[out[t] as number] = 0;
    };
  },
};
