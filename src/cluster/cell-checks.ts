import type { CellState } from "./cell-state.js";
import { FIT_EPSILON } from "./cell-view.js";

/**
 * Invariant checks of a cell, O(machines): for tests and the model's `checkInvariants` option.
 */

/**
 * The first over-committed machine (more allocated plus locked than its capacity, or a negative
 * amount, in any dimension), or -1. A machine that is down must run nothing; resources locked on
 * it by an offer made before it failed stay locked until the offer closes, so its locks are not
 * held against its (zero) capacity.
 */
export function findOvercommitted(cell: CellState): number {
  for (let m = 0; m < cell.machines; m++) {
    if (cell.isDown(m)) {
      if (Math.abs(cell.cpuAllocated[m] as number) > FIT_EPSILON) return m;
      if (Math.abs(cell.memAllocated[m] as number) > FIT_EPSILON) return m;
      continue;
    }
    if (cell.freeCpus(m) < -FIT_EPSILON || cell.freeMemGb(m) < -FIT_EPSILON) return m;
    if ((cell.cpuAllocated[m] as number) < -FIT_EPSILON || (cell.memAllocated[m] as number) < -FIT_EPSILON)
      return m;
    if ((cell.cpuLocked[m] as number) < -FIT_EPSILON || (cell.memLocked[m] as number) < -FIT_EPSILON)
      return m;
    for (let d = 0; d < cell.extraNames.length; d++) {
      if (cell.freeExtra(m, d) < -FIT_EPSILON) return m;
      if (((cell.extraAllocated[d] as Float64Array)[m] as number) < -FIT_EPSILON) return m;
      if (((cell.extraLocked[d] as Float64Array)[m] as number) < -FIT_EPSILON) return m;
    }
  }
  return -1;
}

/**
 * Where the running totals disagree with the per-machine arrays (a claim, release or lock that
 * updated one and not the other): a description such as "allocatedCpus 12 ≠ Σ cpuAllocated 11",
 * or undefined when they agree.
 */
export function findTotalsMismatch(cell: CellState): string | undefined {
  const pairs: [string, number, Float64Array][] = [
    ["allocatedCpus", cell.allocatedCpus, cell.cpuAllocated],
    ["allocatedMemGb", cell.allocatedMemGb, cell.memAllocated],
    ["lockedCpus", cell.lockedCpus, cell.cpuLocked],
    ["lockedMemGb", cell.lockedMemGb, cell.memLocked],
  ];
  cell.extraNames.forEach((name, d) => {
    pairs.push([
      `allocated ${name}`,
      cell.extraAllocatedTotals[d] as number,
      cell.extraAllocated[d] as Float64Array,
    ]);
    pairs.push([`locked ${name}`, cell.extraLockedTotals[d] as number, cell.extraLocked[d] as Float64Array]);
  });
  for (const [name, total, perMachine] of pairs) {
    let s = 0;
    for (let i = 0; i < perMachine.length; i++) s += perMachine[i] as number;
    // Running sums drift by rounding only: allow a relative 1e-9 of the cell's scale.
    if (Math.abs(total - s) > 1e-9 * Math.max(1, Math.abs(s), perMachine.length))
      return `${name} ${total} ≠ Σ ${s}`;
  }
  return undefined;
}

/** Throws if the cell is over-committed or its running totals drifted (`checkInvariants`). */
export function assertNoOvercommit(c: CellState, nowUs: number): void {
  const mismatch = findTotalsMismatch(c);
  if (mismatch !== undefined)
    throw new Error(`invariant violated at t=${nowUs} µs: the cell's running totals drifted: ${mismatch}`);
  const m = findOvercommitted(c);
  if (m >= 0) {
    throw new Error(
      `invariant violated at t=${nowUs} µs: machine ${m} holds ${c.cpuAllocated[m]} + ${c.cpuLocked[m]} locked of ` +
        `${c.cpuCapacity[m]} CPU, ${c.memAllocated[m]} + ${c.memLocked[m]} locked of ${c.memCapacity[m]} GB` +
        extraHeld(c, m) +
        (c.isDown(m) ? " (the machine is down)" : ""),
    );
  }
}

/** ", 1.5 + 0 locked of 1 gpus" per further dimension (GPUs) of the cell; "" for a CPU-and-memory cell. */
function extraHeld(c: CellState, m: number): string {
  return c.extraNames
    .map((name, d) => {
      const at = (a: readonly Float64Array[]) => (a[d] as Float64Array)[m] as number;
      return `, ${at(c.extraAllocated)} + ${at(c.extraLocked)} locked of ${at(c.extraCapacity)} ${name}`;
    })
    .join("");
}
