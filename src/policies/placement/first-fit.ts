import type { PlacementPolicy } from "./types.js";

/** Machines in index order, each filled with as many tasks as fit. O(machines) per job. */
export const firstFit: PlacementPolicy = {
  description: "Machines in index order, each filled with as many tasks as fit",
  create() {
    return (cell, req, _rng, out) => {
      let remaining = req.tasks;
      for (let m = 0; m < cell.machines && remaining > 0; m++) {
        const k = Math.min(remaining, cell.tasksThatFit(m, req.cpusPerTask, req.memGbPerTask));
        for (let t = 0; t < k; t++) out.push(m);
        remaining -= k;
      }
    };
  },
};
