import type { ChangeTracker } from "./change-tracker.js";
import { FIT_EPSILON, type CellView } from "./cell-view.js";
import { findOvercommitted, findTotalsMismatch } from "./cell-checks.js";
import { MachineOutages } from "./machine-outages.js";
import type { ExtraAmounts, ExtraDimension } from "./resources.js";

export { FIT_EPSILON } from "./cell-view.js";

/**
 * The shared cell: per-machine capacity, allocation (running tasks) and locks (resources held in
 * two-level offers) on typed arrays, plus running totals. Claims bump a machine's sequence number
 * (coarse conflict detection); task ends and locks do not.
 *
 * Change trackers (see ChangeTracker) registered with `track` see every change, which lets
 * schedulers read a stale snapshot lazily instead of copying the cell.
 *
 * Besides CPU and memory a cell may declare further resource dimensions (see resources.ts): each
 * has its own capacity, allocation and lock arrays, touched only by tasks that ask for it.
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
  /** Names of the further dimensions, in order (empty for a CPU-and-memory cell). */
  readonly extraNames: readonly string[];
  /** Per further dimension: each machine's capacity, allocation and locked amount. */
  readonly extraCapacity: readonly Float64Array[];
  readonly extraAllocated: readonly Float64Array[];
  readonly extraLocked: readonly Float64Array[];
  /** Per further dimension: the cell's total capacity, allocation and locked amount. */
  readonly extraTotals: Float64Array;
  readonly extraAllocatedTotals: Float64Array;
  readonly extraLockedTotals: Float64Array;
  private trackers: ChangeTracker[] = [];
  /** Failures on: which machines are down (created by the first `takeDown`). */
  private outages: MachineOutages | undefined;

  private constructor(
    cpuCapacity: Float64Array,
    memCapacity: Float64Array,
    extra: readonly ExtraDimension[] = [],
  ) {
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
    this.extraNames = extra.map((d) => d.name);
    if (
      new Set(this.extraNames).size !== extra.length ||
      this.extraNames.some((n) => n === "cpus" || n === "memGb")
    )
      throw new Error(
        `resource dimension names must be distinct and not cpus/memGb: ${this.extraNames.join(", ")}`,
      );
    this.extraCapacity = extra.map((d) => {
      if (d.capacity.length !== this.machines)
        throw new Error(
          `resource "${d.name}": ${d.capacity.length} capacities for ${this.machines} machines`,
        );
      return Float64Array.from(d.capacity);
    });
    this.extraAllocated = extra.map(() => new Float64Array(this.machines));
    this.extraLocked = extra.map(() => new Float64Array(this.machines));
    this.extraTotals = Float64Array.from(this.extraCapacity, sum);
    this.extraAllocatedTotals = new Float64Array(extra.length);
    this.extraLockedTotals = new Float64Array(extra.length);
  }

  /**
   * A homogeneous cell of `machines` machines; `extra` gives each machine's amount of further
   * resource dimensions by name (in the order given).
   */
  static homogeneous(
    machines: number,
    cpus: number,
    memGb: number,
    extra: Readonly<Record<string, number>> = {},
  ): CellState {
    const dims = Object.entries(extra).map(([name, amount]) => ({
      name,
      capacity: new Float64Array(machines).fill(amount),
    }));
    return new CellState(new Float64Array(machines).fill(cpus), new Float64Array(machines).fill(memGb), dims);
  }

  /** A cell from explicit per-machine capacities (heterogeneous cells), further dimensions optional. */
  static fromCapacities(
    cpus: ArrayLike<number>,
    memGb: ArrayLike<number>,
    extra: readonly ExtraDimension[] = [],
  ): CellState {
    return new CellState(Float64Array.from(cpus), Float64Array.from(memGb), extra);
  }

  /** An independent deep copy (tests and tools; schedulers use lazy snapshots instead). */
  copy(): CellState {
    const dims = this.extraNames.map((name, d) => ({
      name,
      capacity: this.extraCapacity[d] as Float64Array,
    }));
    // A copy would see a down machine's zero capacity as its size (and its totals shrink).
    if (this.outages !== undefined)
      throw new Error("CellState.copy: not supported once machines have failed");
    const c = new CellState(this.cpuCapacity, this.memCapacity, dims);
    for (let d = 0; d < dims.length; d++) {
      (c.extraAllocated[d] as Float64Array).set(this.extraAllocated[d] as Float64Array);
      (c.extraLocked[d] as Float64Array).set(this.extraLocked[d] as Float64Array);
    }
    c.extraAllocatedTotals.set(this.extraAllocatedTotals);
    c.extraLockedTotals.set(this.extraLockedTotals);
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
  freeExtra(m: number, d: number): number {
    return (
      ((this.extraCapacity[d] as Float64Array)[m] as number) -
      ((this.extraAllocated[d] as Float64Array)[m] as number) -
      ((this.extraLocked[d] as Float64Array)[m] as number)
    );
  }

  /** True if one task of this shape fits in the unallocated, unlocked room of machine m. */
  fits(m: number, cpus: number, memGb: number, extra?: ExtraAmounts): boolean {
    return (
      cpus <= this.freeCpus(m) + FIT_EPSILON &&
      memGb <= this.freeMemGb(m) + FIT_EPSILON &&
      (extra === undefined || this.fitsExtra(m, extra))
    );
  }

  private fitsExtra(m: number, extra: ExtraAmounts): boolean {
    for (let d = 0; d < extra.length; d++)
      if ((extra[d] as number) > this.freeExtra(m, d) + FIT_EPSILON) return false;
    return true;
  }

  /** Takes resources on m for a claim and bumps its sequence number. */
  claim(m: number, cpus: number, memGb: number, extra?: ExtraAmounts): void {
    (this.cpuAllocated[m] as number) += cpus;
    (this.memAllocated[m] as number) += memGb;
    this.allocatedCpus += cpus;
    this.allocatedMemGb += memGb;
    if (extra !== undefined) addExtra(this.extraAllocated, this.extraAllocatedTotals, m, extra, 1);
    (this.seq[m] as number)++;
    if (this.trackers.length !== 0) {
      this.notify(m, cpus, memGb, 1);
      if (extra !== undefined) this.notifyExtra(m, extra, 1);
    }
  }

  /** Undoes a claim of this same transaction (gang abort), sequence number included. */
  unclaim(m: number, cpus: number, memGb: number, extra?: ExtraAmounts): void {
    this.release(m, cpus, memGb, extra);
    (this.seq[m] as number)--;
    if (this.trackers.length !== 0) this.notify(m, 0, 0, -1);
  }

  /** Frees resources on m (a task ended). Does not bump the sequence number. */
  release(m: number, cpus: number, memGb: number, extra?: ExtraAmounts): void {
    (this.cpuAllocated[m] as number) -= cpus;
    (this.memAllocated[m] as number) -= memGb;
    this.allocatedCpus -= cpus;
    this.allocatedMemGb -= memGb;
    if (extra !== undefined) addExtra(this.extraAllocated, this.extraAllocatedTotals, m, extra, -1);
    if (this.trackers.length !== 0) {
      this.notify(m, -cpus, -memGb, 0);
      if (extra !== undefined) this.notifyExtra(m, extra, -1);
    }
  }

  /** Holds resources on m in an offer. */
  lock(m: number, cpus: number, memGb: number, extra?: ExtraAmounts): void {
    this.changeLock(m, cpus, memGb, extra, 1);
  }

  /** Returns resources held on m by an offer (the amounts it locked). */
  unlock(m: number, cpus: number, memGb: number, extra?: ExtraAmounts): void {
    this.changeLock(m, -cpus, -memGb, extra, -1);
  }

  private changeLock(
    m: number,
    dCpus: number,
    dMemGb: number,
    extra: ExtraAmounts | undefined,
    sign: number,
  ): void {
    (this.cpuLocked[m] as number) += dCpus;
    (this.memLocked[m] as number) += dMemGb;
    this.lockedCpus += dCpus;
    this.lockedMemGb += dMemGb;
    if (extra !== undefined) addExtra(this.extraLocked, this.extraLockedTotals, m, extra, sign);
    if (this.trackers.length !== 0) {
      this.notify(m, dCpus, dMemGb, 0);
      if (extra !== undefined) this.notifyExtra(m, extra, sign);
    }
  }

  // CPU and memory changes, and further dimensions apart: the common path stays as small as it
  // was before cells had further dimensions (it runs for every claim and task end while any
  // scheduler holds a snapshot).
  private notify(m: number, dCpu: number, dMem: number, dClaims: number): void {
    const trackers = this.trackers;
    for (let i = 0; i < trackers.length; i++) (trackers[i] as ChangeTracker).record(m, dCpu, dMem, dClaims);
  }

  private notifyExtra(m: number, extra: ExtraAmounts, sign: number): void {
    const trackers = this.trackers;
    for (let i = 0; i < trackers.length; i++) (trackers[i] as ChangeTracker).recordExtra(m, extra, sign);
  }

  /** Starts recording changes in `tracker` (cleared first). */
  track(tracker: ChangeTracker): void {
    if (tracker.extra.length !== this.extraNames.length)
      throw new Error(
        `ChangeTracker built for ${tracker.extra.length} further dimensions; this cell has ${this.extraNames.length}`,
      );
    tracker.clear();
    tracker.occupiedCpusAtStart = this.allocatedCpus + this.lockedCpus;
    tracker.occupiedMemGbAtStart = this.allocatedMemGb + this.lockedMemGb;
    if (this.extraNames.length !== 0) this.startExtra(tracker);
    if (!tracker.active) {
      tracker.active = true;
      this.trackers.push(tracker);
    }
  }

  private startExtra(tracker: ChangeTracker): void {
    for (let d = 0; d < this.extraNames.length; d++)
      tracker.occupiedExtraAtStart[d] =
        (this.extraAllocatedTotals[d] as number) + (this.extraLockedTotals[d] as number);
  }

  /** Stops recording in `tracker` and clears it. */
  untrack(tracker: ChangeTracker): void {
    this.trackers = this.trackers.filter((t) => t !== tracker);
    tracker.active = false;
    tracker.clear();
  }

  /**
   * The first over-committed machine (more allocated plus locked than its capacity, or a negative
   * amount, in any dimension; a machine that is down must run nothing), or -1. O(machines): for
   * invariant checks in tests.
   */
  findOvercommitted(): number {
    return findOvercommitted(this);
  }

  /**
   * Where the running totals disagree with the per-machine arrays (a claim, release or lock that
   * updated one and not the other): a description such as "allocatedCpus 12 ≠ Σ cpuAllocated 11",
   * or undefined when they agree. O(machines): for invariant checks in tests.
   */
  findTotalsMismatch(): string | undefined {
    return findTotalsMismatch(this);
  }

  /**
   * Machine m fails (one more cause holds it down: its own failure, its domain's, a trace's):
   * when it was up, its capacity leaves the cell until `bringUp` (see MachineOutages). Its tasks
   * must be gone first. True if it went down now.
   */
  takeDown(m: number): boolean {
    return (this.outages ??= new MachineOutages(this)).takeDown(m);
  }

  /** One cause holding machine m down is over; true if it is up now (capacity restored, empty). */
  bringUp(m: number): boolean {
    if (this.outages === undefined) throw new Error(`machine ${m} is not down`);
    return this.outages.bringUp(m);
  }

  /** True while machine m is down (failures on; always false otherwise). */
  isDown(m: number): boolean {
    return this.outages !== undefined && this.outages.isDown(m);
  }

  /** Capacity currently down, CPUs (0 without failures). */
  get downCpus(): number {
    return this.outages === undefined ? 0 : this.outages.downCpus;
  }

  /** Capacity currently down, GB (0 without failures). */
  get downMemGb(): number {
    return this.outages === undefined ? 0 : this.outages.downMemGb;
  }

  /**
   * Tells the trackers that machine m's capacity left (sign 1) or came back (−1): to a snapshot
   * this reads like a claim or a release of the whole machine, so it keeps seeing the room it saw,
   * and a two-level offer's freed list picks up a repaired machine. `extra`: the capacity of the
   * further dimensions that changed.
   */
  capacityChanged(
    m: number,
    sign: 1 | -1,
    cpus: number,
    memGb: number,
    extra: Float64Array | undefined,
  ): void {
    if (this.trackers.length === 0) return;
    this.notify(m, sign * cpus, sign * memGb, sign === 1 ? 1 : 0);
    if (extra !== undefined) this.notifyExtra(m, extra, sign);
  }
}

function sum(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i] as number;
  return s;
}

function addExtra(
  perDim: readonly Float64Array[],
  totals: Float64Array,
  m: number,
  extra: ExtraAmounts,
  sign: number,
): void {
  for (let d = 0; d < extra.length; d++) {
    const amount = sign * (extra[d] as number);
    ((perDim[d] as Float64Array)[m] as number) += amount;
    (totals[d] as number) += amount;
  }
}
