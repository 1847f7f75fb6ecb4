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
  freeExtra(m: number, d: number): number {
    return this.cell.freeExtra(m, d);
  }
}

/**
 * A scheduler's private snapshot of the whole cell as it was when `tracker` started: the live
 * cell minus the changes recorded since. Reads are O(1) per machine; nothing is copied.
 */
export class SnapshotView implements CellView {
  // The arrays read per machine, held directly: this is the placement hot path of shared state.
  private readonly cpuCap: Float64Array;
  private readonly cpuAlloc: Float64Array;
  private readonly cpuLock: Float64Array;
  private readonly memCap: Float64Array;
  private readonly memAlloc: Float64Array;
  private readonly memLock: Float64Array;
  private readonly cpuDelta: Float64Array;
  private readonly memDelta: Float64Array;

  constructor(
    private readonly cell: CellState,
    private readonly tracker: ChangeTracker,
  ) {
    this.cpuCap = cell.cpuCapacity;
    this.cpuAlloc = cell.cpuAllocated;
    this.cpuLock = cell.cpuLocked;
    this.memCap = cell.memCapacity;
    this.memAlloc = cell.memAllocated;
    this.memLock = cell.memLocked;
    this.cpuDelta = tracker.cpu;
    this.memDelta = tracker.mem;
  }

  get candidates(): number {
    return this.cell.machines;
  }
  candidate(i: number): number {
    return i;
  }
  freeCpus(m: number): number {
    const c = (this.cpuCap[m] as number) - (this.cpuAlloc[m] as number) - (this.cpuLock[m] as number);
    return c + (this.cpuDelta[m] as number);
  }
  freeMemGb(m: number): number {
    const g = (this.memCap[m] as number) - (this.memAlloc[m] as number) - (this.memLock[m] as number);
    return g + (this.memDelta[m] as number);
  }
  capacityCpus(m: number): number {
    return this.cell.capacityCpus(m);
  }
  freeExtra(m: number, d: number): number {
    return this.cell.freeExtra(m, d) + ((this.tracker.extra[d] as Float64Array)[m] as number);
  }
  /** The machine's sequence number in the snapshot. */
  seqAt(m: number): number {
    return (this.cell.seq[m] as number) - (this.tracker.claims[m] as number);
  }
}
