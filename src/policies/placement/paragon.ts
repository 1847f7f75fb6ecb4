import { rankMachines } from "../../quasar/machine-rank.js";
import { leastLoaded } from "./least-loaded.js";
import type { PlacementPolicy } from "./types.js";

/**
 * Paragon-style assignment (Delimitrou & Kozyrakis, ASPLOS 2013): each task on a distinct
 * machine, best first by the job's classified sensitivity to machine type and interference
 * under the machine's current pressure, and the harm it would do to the co-runners already
 * there (ties: lower machine index). Jobs nobody classified (and every job on a cell without
 * machine types) are placed least-loaded. It reads predictions, never the hidden truth.
 */
export const paragon: PlacementPolicy = {
  description:
    "Paragon-style: each task on a distinct machine ranked by the job's classified type speed and interference fit (unclassified jobs: least-loaded)",
  create(machines, perf) {
    const fallback = leastLoaded.create(machines);
    return (view, req, rng, out) => {
      const index = req.jobIndex ?? -1;
      const pred = perf?.predictionOf(index);
      const kind = perf?.kinds[index];
      if (!perf || !pred || kind === undefined) {
        fallback(view, req, rng, out);
        return;
      }
      const planned = perf.planned;
      perf.planned = null;
      const ranked =
        planned !== null &&
        req.extraPerTask === undefined &&
        planned.jobIndex === index &&
        planned.view === view &&
        planned.cores === req.cpusPerTask &&
        planned.memGb === req.memGbPerTask &&
        planned.machines.length >= req.tasks
          ? planned.machines
          : rankMachines(kind, pred, req.cpusPerTask, req.memGbPerTask, { perf, view }, 0, req.extraPerTask);
      const n = Math.min(req.tasks, ranked.length);
      for (let i = 0; i < n; i++) out.push(ranked[i] as number);
    };
  },
};
