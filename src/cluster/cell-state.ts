import type { ChangeTracker } from "./change-tracker.js";
import { FIT_EPSILON, type CellView } from "./cell-view.js";

export { FIT_EPSILON } from "./cell-view.js";

/**
 * The shared cell: per-machine capacity, allocation (running tasks) and locks (resources held in
 * two-level offers) on typed arrays, plus running totals. Claims bump a machine's sequence number
 * (coarse conflict detection); task ends and locks do not.
 *
 * Change trackers (see ChangeTracker) registered with `track` see every change, which lets
 * schedulers read a stale snapshot lazily instead of copying the cell.
 */
export class CellState implements CellView {
  readonly machines: number;
  readonly cpuCapacity: Float64Array;
  readonly memCapacity: Float64Array;
  readonly cpuAllocated: Float64Array;
  readonly memAllocated: Float64Array;
  readonly cpuLocked: Float64Array;
  readonly memLocked: Float64Array;
  readonly seq: Uint32Array;
  readonly totalCpus: number;
  readonly totalMemGb: number;
  allocatedCpus = 0;
  allocatedMemGb = 0;
  lockedCpus = 0;
  lockedMemGb = 0;
  private trackers: ChangeTracker[] = [];

  private constructor(cpuCapacity: Float64Array, memCapacity: Float64Array) {
    this.machines = cpuCapacity.length;
    this.cpuCapacity = cpuCapacity;
    this.memCapacity = memCapacity;
    this.totalCpus = sum(cpuCapacity);
    this.totalMemGb = sum(memCapacity);
    this.cpuAllocated = new Float64Array(this.machines);
    this.memAllocated = new Float64Array(this.machines);
    this.cpuLocked = new Float64Array(this.machines);
    this.memLocked = new Float64Array(this.machines);
    this.seq = new Uint32Array(this.machines);
  }

  /** A homogeneous cell of `machines` machines. */
  static homogeneous(machines: number, cpus: number, memGb: number): CellState {
    return new CellState(new Float64Array(machines).fill(cpus), new Float64Array(machines).fill(memGb));
  }

  /** A cell from explicit per-machine capacities (heterogeneous cells). */
  static fromCapacities(cpus: ArrayLike<number>, memGb: ArrayLike<number>): CellState {
    return new CellState(Float64Array.from(cpus), Float64Array.from(memGb));
  }

  /** An independent deep copy (tests and tools; schedulers use lazy snapshots instead). */
  copy(): CellState {
    const c = new CellState(this.cpuCapacity, this.memCapacity);
    c.cpuAllocated.set(this.cpuAllocated);
    c.memAllocated.set(this.memAllocated);
    c.cpuLocked.set(this.cpuLocked);
    c.memLocked.set(this.memLocked);
    c.seq.set(this.seq);
    c.allocatedCpus = this.allocatedCpus;
    c.allocatedMemGb = this.allocatedMemGb;
    c.lockedCpus = this.lockedCpus;
    c.lockedMemGb = this.lockedMemGb;
    return c;
  }

  get candidates(): number {
    return this.machines;
  }
  candidate(i: number): number {
    return i;
  }
  freeCpus(m: number): number {
    return (this.cpuCapacity[m] as number) - (this.cpuAllocated[m] as number) - (this.cpuLocked[m] as number);
  }
  freeMemGb(m: number): number {
    return (this.memCapacity[m] as number) - (this.memAllocated[m] as number) - (this.memLocked[m] as number);
  }
  capacityCpus(m: number): number {
    return this.cpuCapacity[m] as number;
  }

  /** True if one task of this shape fits in the unallocated, unlocked room of machine m. */
  fits(m: number, cpus: number, memGb: number): boolean {
    return cpus <= this.freeCpus(m) + FIT_EPSILON && memGb <= this.freeMemGb(m) + FIT_EPSILON;
  }

  /** Takes resources on m for a claim and bumps its sequence number. */
  claim(m: number, cpus: number, memGb: number): void {
    (this.cpuAllocated[m] as number) += cpus;
    (this.memAllocated[m] as number) += memGb;
    this.allocatedCpus += cpus;
    this.allocatedMemGb += memGb;
    (this.seq[m] as number)++;
    if (this.trackers.length !== 0) this.notify(m, cpus, memGb, 1);
  }

  /** Undoes a claim of this same transaction (gang abort), sequence number included. */
  unclaim(m: number, cpus: number, memGb: number): void {
    this.release(m, cpus, memGb);
    (this.seq[m] as number)--;
    if (this.trackers.length !== 0) this.notify(m, 0, 0, -1);
  }

  /** Frees resources on m (a task ended). Does not bump the sequence number. */
  release(m: number, cpus: number, memGb: number): void {
    (this.cpuAllocated[m] as number) -= cpus;
    (this.memAllocated[m] as number) -= memGb;
    this.allocatedCpus -= cpus;
    this.allocatedMemGb -= memGb;
    if (this.trackers.length !== 0) this.notify(m, -cpus, -memGb, 0);
  }

  /** Holds resources on m in an offer (negative amounts unlock). */
  lock(m: number, cpus: number, memGb: number): void {
    (this.cpuLocked[m] as number) += cpus;
    (this.memLocked[m] as number) += memGb;
    this.lockedCpus += cpus;
    this.lockedMemGb += memGb;
    if (this.trackers.length !== 0) this.notify(m, cpus, memGb, 0);
  }

  private notify(m: number, dCpu: number, dMem: number, dClaims: number): void {
    const trackers = this.trackers;
    for (let i = 0; i < trackers.length; i++) (trackers[i] as ChangeTracker).record(m, dCpu, dMem, dClaims);
  }

  /** Starts recording changes in `tracker` (cleared first). */
  track(tracker: ChangeTracker): void {
    tracker.clear();
    tracker.occupiedCpusAtStart = this.allocatedCpus + this.lockedCpus;
    tracker.occupiedMemGbAtStart = this.allocatedMemGb + this.lockedMemGb;
    if (!tracker.active) {
      tracker.active = true;
      this.trackers.push(tracker);
    }
  }

  /** Stops recording in `tracker` and clears it. */
  untrack(tracker: ChangeTracker): void {
    this.trackers = this.trackers.filter((t) => t !== tracker);
    tracker.active = false;
    tracker.clear();
  }

  /** The first over-committed machine, or -1. O(machines): for invariant checks in tests. */
  findOvercommitted(): number {
    for (let m = 0; m < this.machines; m++) {
      if (this.freeCpus(m) < -FIT_EPSILON || this.freeMemGb(m) < -FIT_EPSILON) return m;
      if ((this.cpuAllocated[m] as number) < -FIT_EPSILON || (this.memAllocated[m] as number) < -FIT_EPSILON)
        return m;
      if ((this.cpuLocked[m] as number) < -FIT_EPSILON || (this.memLocked[m] as number) < -FIT_EPSILON)
        return m;
    }
    return -1;
  }
}

function sum(xs: Float64Array): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i] as number;
  return s;
}
