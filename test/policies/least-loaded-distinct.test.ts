import { describe, expect, it } from "vitest";
import { CellState } from "../../src/cluster/cell-state.js";
import { fitsTasks } from "../../src/cluster/cell-view.js";
import { makeStream } from "../../src/engine/rng.js";
import { leastLoaded } from "../../src/policies/placement/least-loaded.js";

/**
 * With `distinct`, least-loaded takes the fitting machines of lowest load in one pass; it must
 * choose exactly what the task-by-task rule (the least loaded machine not yet chosen, ties to the
 * first candidate) chooses. Checked against that rule on random cells with many ties.
 */
function reference(cell: CellState, tasks: number, cpus: number, mem: number): number[] {
  const out: number[] = [];
  for (let t = 0; t < tasks; t++) {
    let best = -1;
    let bestLoad = Infinity;
    for (let m = 0; m < cell.machines; m++) {
      if (out.includes(m) || !fitsTasks(cell, m, 1, cpus, mem)) continue;
      const load = (cell.capacityCpus(m) - cell.freeCpus(m)) / cell.capacityCpus(m);
      if (load < bestLoad) [best, bestLoad] = [m, load];
    }
    if (best < 0) break;
    out.push(best);
  }
  return out;
}

describe("least-loaded with distinct", () => {
  it("equals the task-by-task rule on 500 random cells", () => {
    const rng = makeStream("distinct");
    for (let trial = 0; trial < 500; trial++) {
      const machines = 1 + Math.floor(rng.next() * 30);
      const cell = CellState.fromCapacities(
        Array.from({ length: machines }, () => [2, 4, 8][Math.floor(rng.next() * 3)] as number),
        Array.from({ length: machines }, () => 16),
      );
      // Whole CPUs allocated, so equal loads (ties) are common.
      for (let m = 0; m < machines; m++)
        cell.claim(m, Math.floor(rng.next() * (cell.capacityCpus(m) + 1)), 1);
      const tasks = 1 + Math.floor(rng.next() * 8);
      const cpus = 1 + Math.floor(rng.next() * 3);
      const out: number[] = [];
      leastLoaded.create(machines)(
        cell,
        { tasks, cpusPerTask: cpus, memGbPerTask: 1, distinct: true },
        rng,
        out,
      );
      expect(out, `trial ${trial}`).toEqual(reference(cell, tasks, cpus, 1));
    }
  });
});
