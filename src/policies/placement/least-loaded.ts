import { fitsTasks, type CellView } from "../../cluster/cell-view.js";
import type { ExtraAmounts } from "../../cluster/resources.js";
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
    const bestLoads: number[] = [];
    return (view, req, _rng, out) => {
      const cpus = req.cpusPerTask;
      const mem = req.memGbPerTask;
      const extra = req.extraPerTask;
      if (req.distinct === true) {
        distinctLeastLoaded(view, req.tasks, cpus, mem, extra, out, bestLoads);
        return;
      }
      for (let t = 0; t < req.tasks; t++) {
        let best = -1;
        let bestLoad = Infinity;
        for (let i = 0; i < view.candidates; i++) {
          const m = view.candidate(i);
          const k = (placedHere[m] as number) + 1;
          if (!fitsTasks(view, m, k, cpus, mem, extra)) continue;
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

/**
 * One task per machine: the `tasks` fitting candidates of lowest load, in order of load (ties:
 * candidate order) — what picking the least loaded machine task after task gives when no machine
 * may take two, in one pass instead of one per task.
 */
function distinctLeastLoaded(
  view: CellView,
  tasks: number,
  cpus: number,
  memGb: number,
  extra: ExtraAmounts | undefined,
  out: number[],
  loads: number[],
): void {
  loads.length = 0;
  for (let i = 0; i < view.candidates; i++) {
    const m = view.candidate(i);
    if (!fitsTasks(view, m, 1, cpus, memGb, extra)) continue;
    const cap = view.capacityCpus(m);
    const load = (cap - view.freeCpus(m)) / cap;
    if (out.length === tasks && load >= (loads[tasks - 1] as number)) continue;
    // Insert after every equal load (earlier candidates win ties), dropping the worst past `tasks`.
    let j = out.length;
    while (j > 0 && (loads[j - 1] as number) > load) j--;
    out.splice(j, 0, m);
    loads.splice(j, 0, load);
    if (out.length > tasks) {
      out.pop();
      loads.pop();
    }
  }
}
