import type { QuasarModel } from "./model.js";

/**
 * The over-commit invariant, checked after every event when asked (tests): no machine holds more
 * cores or memory than it has, and the cell's per-machine totals equal the sum of the running
 * jobs' allocations (so nothing leaks). Throws on the first violation.
 */
export function checkInvariants(model: QuasarModel): void {
  const cell = model.cell;
  const cores = new Float64Array(cell.size);
  const mem = new Float64Array(cell.size);
  for (const run of model.runs) {
    if (run.phase !== "running") {
      if (run.alloc) throw new Error(`job ${run.spec.id} holds resources while ${run.phase}`);
      continue;
    }
    if (!run.alloc) throw new Error(`running job ${run.spec.id} has no allocation`);
    if (new Set(run.alloc.machines).size !== run.alloc.machines.length) {
      throw new Error(`job ${run.spec.id} uses a machine twice`);
    }
    for (const m of run.alloc.machines) {
      cores[m] = cores[m]! + run.alloc.cores;
      mem[m] = mem[m]! + run.alloc.memGbPerNode;
    }
  }
  for (let m = 0; m < cell.size; m++) {
    if (cores[m]! > cell.coresCap[m]! || mem[m]! > cell.memCapGb[m]! + 1e-6) {
      throw new Error(`machine ${m} over-committed at ${model.sim.now} µs: ${cores[m]} cores, ${mem[m]} GB`);
    }
    if (Math.abs(cores[m]! - cell.allocCores[m]!) > 1e-6 || Math.abs(mem[m]! - cell.allocMemGb[m]!) > 1e-6) {
      throw new Error(`machine ${m}: cell totals disagree with the jobs' allocations at ${model.sim.now} µs`);
    }
  }
}
