import type { PlacementPolicy } from "./types.js";

/**
 * Least loaded (spreading): each task goes to the machine with the lowest CPU load fraction after
 * counting the tasks already placed in this call (ties: lowest index). O(machines) per task: meant
 * for small cells and the Quasar baseline, not for 10,000-machine sweeps.
 */
export const leastLoaded: PlacementPolicy = {
  description: "Each task on the machine with the lowest CPU load fraction (spreads tasks)",
  create(machines) {
    const placedHere = new Int32Array(machines);
    return (cell, req, _rng, out) => {
      const cpus = req.cpusPerTask;
      const mem = req.memGbPerTask;
      for (let t = 0; t < req.tasks; t++) {
        let best = -1;
        let bestLoad = Infinity;
        for (let m = 0; m < cell.machines; m++) {
          const k = (placedHere[m] as number) + 1;
          if (!cell.fits(m, k * cpus, k * mem)) continue;
          const cap = cell.cpuCapacity[m] as number;
          const load = ((cell.cpuAllocated[m] as number) + (k - 1) * cpus) / cap;
          if (load < bestLoad) {
            bestLoad = load;
            best = m;
          }
        }
        if (best < 0) break;
        placedHere[best] = (placedHere[best] as number) + 1;
        out.push(best);
      }
      for (let t = 0; t < out.length; t++) placedHere[out[t] as number] = 0;
    };
  },
};
