import type { CellState } from "./cell-state.js";
import type { CellView } from "./cell-view.js";
import type { ChangeTracker } from "./change-tracker.js";

/** A contiguous range of the live cell's machines (a static partition). */
export class RangeView implements CellView {
  constructor(
    private readonly cell: CellState,
    readonly first: number,
    readonly candidates: number,
  ) {}

  candidate(i: number): number {
    return this.first + i;
  }
  freeCpus(m: number): number {
    return this.cell.freeCpus(m);
  }
  freeMemGb(m: number): number {
    return this.cell.freeMemGb(m);
  }
  capacityCpus(m: number): number {
    return this.cell.capacityCpus(m);
  }
}

/**
 * A scheduler's private snapshot of the whole cell as it was when `tracker` started: the live
 * cell minus the changes recorded since. Reads are O(1) per machine; nothing is copied.
 */
export class SnapshotView implements CellView {
  constructor(
    private readonly cell: CellState,
    private readonly tracker: ChangeTracker,
  ) {}

  get candidates(): number {
    return this.cell.machines;
  }
  candidate(i: number): number {
    return i;
  }
  freeCpus(m: number): number {
    return this.cell.freeCpus(m) + (this.tracker.cpu[m] as number);
  }
  freeMemGb(m: number): number {
    return this.cell.freeMemGb(m) + (this.tracker.mem[m] as number);
  }
  capacityCpus(m: number): number {
    return this.cell.capacityCpus(m);
  }
  /** The machine's sequence number in the snapshot. */
  seqAt(m: number): number {
    return (this.cell.seq[m] as number) - (this.tracker.claims[m] as number);
  }
}
