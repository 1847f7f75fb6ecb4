import type { PlacementPolicy } from "./types.js";

/**
 * Best fit (bin packing): repeatedly choose the machine with the least free CPU that still fits a
 * task (ties: lowest index) and fill it. O(machines) per machine used.
 */
export const bestFit: PlacementPolicy = {
  description: "Tightest machine first (least free CPU that fits), filled before moving on",
  create(machines) {
    const used = new Uint8Array(machines);
    return (cell, req, _rng, out) => {
      let remaining = req.tasks;
      while (remaining > 0) {
        let best = -1;
        let bestFree = Infinity;
        for (let m = 0; m < cell.machines; m++) {
          if (used[m] === 1 || cell.tasksThatFit(m, req.cpusPerTask, req.memGbPerTask) === 0) continue;
          const free = (cell.cpuCapacity[m] as number) - (cell.cpuAllocated[m] as number);
          if (free < bestFree) {
            bestFree = free;
            best = m;
          }
        }
        if (best < 0) break;
        used[best] = 1;
        const k = Math.min(remaining, cell.tasksThatFit(best, req.cpusPerTask, req.memGbPerTask));
        for (let t = 0; t < k; t++) out.push(best);
        remaining -= k;
      }
      for (let t = 0; t < out.length; t++) used[out[t] as number] = 0;
    };
  },
};
