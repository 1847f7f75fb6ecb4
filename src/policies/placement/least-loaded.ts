import { fitsTasks } from "../../cluster/cell-view.js";
import type { PlacementPolicy } from "./types.js";

/**
 * Least loaded (spreading): each task goes to the candidate with the lowest CPU load fraction,
 * counting the tasks already placed in this call (ties: first candidate); with `distinct`, one
 * task per machine (the nodes of a multi-node job). Type- and interference-blind: the Quasar
 * paper's least-loaded baseline. O(candidates) per task: meant for small cells, not for
 * 10,000-machine sweeps.
 */
export const leastLoaded: PlacementPolicy = {
  description: "Each task on the machine with the lowest CPU load fraction (spreads tasks)",
  create(machines) {
    const placedHere = new Int32Array(machines);
    return (view, req, _rng, out) => {
      const cpus = req.cpusPerTask;
      const mem = req.memGbPerTask;
      for (let t = 0; t < req.tasks; t++) {
        let best = -1;
        let bestLoad = Infinity;
        for (let i = 0; i < view.candidates; i++) {
          const m = view.candidate(i);
          const k = (placedHere[m] as number) + 1;
          if (k > 1 && req.distinct === true) continue;
          if (!fitsTasks(view, m, k, cpus, mem)) continue;
          const cap = view.capacityCpus(m);
          const load = (cap - view.freeCpus(m) + (k - 1) * cpus) / cap;
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
