import { tasksThatFitOn } from "../../cluster/cell-view.js";
import type { PlacementPolicy } from "./types.js";

/** Candidates in order, each filled with as many tasks as fit. O(candidates) per job. */
export const firstFit: PlacementPolicy = {
  description: "Machines in index order, each filled with as many tasks as fit",
  create() {
    return (view, req, _rng, out) => {
      let remaining = req.tasks;
      for (let i = 0; i < view.candidates && remaining > 0; i++) {
        const m = view.candidate(i);
        const k = Math.min(
          remaining,
          tasksThatFitOn(view, m, req.cpusPerTask, req.memGbPerTask, req.extraPerTask),
        );
        for (let t = 0; t < k; t++) out.push(m);
        remaining -= k;
      }
    };
  },
};
