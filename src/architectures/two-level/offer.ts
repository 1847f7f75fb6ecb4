import type { CellState } from "../../cluster/cell-state.js";
import { FIT_EPSILON, type CellView } from "../../cluster/cell-view.js";
import { ChangeTracker } from "../../cluster/change-tracker.js";
import type { ExtraAmounts } from "../../cluster/resources.js";

/**
 * One framework's offer and what it has tentatively claimed from it.
 *
 * An offer holds every free resource not held by another offer. Making that explicit would lock
 * (and later unlock) every machine with room — O(machines) per offer, which is what makes the
 * Omega authors' simulator slow. Instead:
 * - a **bulk** offer, made when no other bulk offer is open, holds "everything free when it was
 *   made" implicitly: a ChangeTracker records the cell's changes since, so the offer's room on a
 *   machine is its free room then, read lazily (O(1) to make, nothing to unlock);
 * - while a bulk offer is open, the only free resources not held by it are those freed (or
 *   returned by other offers) since it was made — exactly the machines its tracker saw decrease —
 *   so a further offer locks just those machines explicitly (O(machines freed since the last
 *   such offer)).
 */
export class OfferView implements CellView {
  /** Open offer kind: none, bulk (implicit) or explicit (locked on the cell). */
  mode: "none" | "bulk" | "explicit" = "none";
  readonly tracker: ChangeTracker;
  private readonly lockedCpu: Float64Array;
  private readonly lockedMem: Float64Array;
  private readonly lockedMachines: number[] = [];
  private readonly tentativeCpu: Float64Array;
  private readonly tentativeMem: Float64Array;
  private readonly tentativeMachines: number[] = [];
  /** Per further resource dimension of the cell: locked and tentatively claimed amounts. */
  private readonly lockedExtra: readonly Float64Array[];
  private readonly tentativeExtra: readonly Float64Array[];
  /** Scratch vector for locking and unlocking one machine's further dimensions. */
  private readonly extraScratch: Float64Array;
  /** Total resources held (for the locked-resources metric). */
  heldCpus = 0;
  heldMemGb = 0;
  private tentativeCpus = 0;
  private tentativeMemGb = 0;
  /** Largest fragment of an explicit offer (unknown, so unbounded, for a bulk offer). */
  maxFreeCpus = Infinity;
  maxFreeMemGb = Infinity;

  constructor(private readonly cell: CellState) {
    const n = cell.machines;
    const dims = cell.extraNames.length;
    this.tracker = new ChangeTracker(n, true, dims);
    this.lockedExtra = Array.from({ length: dims }, () => new Float64Array(n));
    this.tentativeExtra = Array.from({ length: dims }, () => new Float64Array(n));
    this.extraScratch = new Float64Array(dims);
    this.lockedCpu = new Float64Array(n);
    this.lockedMem = new Float64Array(n);
    this.tentativeCpu = new Float64Array(n);
    this.tentativeMem = new Float64Array(n);
  }

  get candidates(): number {
    return this.mode === "explicit" ? this.lockedMachines.length : this.cell.machines;
  }
  candidate(i: number): number {
    return this.mode === "explicit" ? (this.lockedMachines[i] as number) : i;
  }
  freeCpus(m: number): number {
    const held =
      this.mode === "bulk"
        ? this.cell.freeCpus(m) + (this.tracker.cpu[m] as number)
        : (this.lockedCpu[m] as number);
    return held - (this.tentativeCpu[m] as number);
  }
  freeMemGb(m: number): number {
    const held =
      this.mode === "bulk"
        ? this.cell.freeMemGb(m) + (this.tracker.mem[m] as number)
        : (this.lockedMem[m] as number);
    return held - (this.tentativeMem[m] as number);
  }
  capacityCpus(m: number): number {
    return this.cell.capacityCpus(m);
  }
  freeExtra(m: number, d: number): number {
    const held =
      this.mode === "bulk"
        ? this.cell.freeExtra(m, d) + ((this.tracker.extra[d] as Float64Array)[m] as number)
        : ((this.lockedExtra[d] as Float64Array)[m] as number);
    return held - ((this.tentativeExtra[d] as Float64Array)[m] as number);
  }

  /** Makes this a bulk offer of everything free now. */
  openBulk(): void {
    this.cell.track(this.tracker);
    this.mode = "bulk";
    // Capacity of machines that are down is not offered (0 without failures).
    this.heldCpus = this.cell.totalCpus - this.cell.downCpus - this.tracker.occupiedCpusAtStart;
    this.heldMemGb = this.cell.totalMemGb - this.cell.downMemGb - this.tracker.occupiedMemGbAtStart;
  }

  /** Makes this an explicit offer of what `bulk` does not hold: the room freed since it opened. */
  openExplicit(bulk: OfferView): void {
    this.mode = "explicit";
    this.heldCpus = 0;
    this.heldMemGb = 0;
    this.maxFreeCpus = 0;
    this.maxFreeMemGb = 0;
    const t = bulk.tracker;
    // Only machines freed since the last explicit offer can hold room the bulk offer does not:
    // everything freed earlier was locked then (or has been taken since).
    for (const m of t.freedMachines) {
      const cpu = Math.max(0, -(t.cpu[m] as number));
      const mem = Math.max(0, -(t.mem[m] as number));
      const extra = this.freedExtra(m, t);
      if (cpu <= 0 && mem <= 0 && extra === undefined) continue;
      this.hold(m, cpu, mem, extra);
    }
    t.clearFreed();
    // Largest fragments first (ties: machine index), so a placement can skip the fragments too
    // small for its tasks (candidatesWithRoomFor).
    const cpuOf = this.lockedCpu;
    this.lockedMachines.sort((a, b) => (cpuOf[b] as number) - (cpuOf[a] as number) || a - b);
  }

  /** Locks room on machine m for this offer and counts it in the offer's totals. */
  private hold(m: number, cpu: number, mem: number, extra: ExtraAmounts | undefined): void {
    this.cell.lock(m, cpu, mem, extra);
    this.lockedCpu[m] = cpu;
    this.lockedMem[m] = mem;
    this.lockedMachines.push(m);
    this.heldCpus += cpu;
    this.heldMemGb += mem;
    this.maxFreeCpus = Math.max(this.maxFreeCpus, cpu);
    this.maxFreeMemGb = Math.max(this.maxFreeMemGb, mem);
  }

  /**
   * Makes this an explicit offer of the listed machines' whole free room (the per-agent
   * allocator: one offer per agent, delivered together). Machines are locked as listed.
   */
  openAgents(machines: readonly number[]): void {
    this.mode = "explicit";
    this.heldCpus = 0;
    this.heldMemGb = 0;
    this.maxFreeCpus = 0;
    this.maxFreeMemGb = 0;
    const dims = this.lockedExtra.length;
    for (const m of machines) {
      const cpu = this.cell.freeCpus(m);
      const mem = this.cell.freeMemGb(m);
      for (let d = 0; d < dims; d++) {
        const free = this.cell.freeExtra(m, d);
        this.extraScratch[d] = free;
        (this.lockedExtra[d] as Float64Array)[m] = free;
      }
      this.hold(m, cpu, mem, dims === 0 ? undefined : this.extraScratch);
    }
    const cpuOf = this.lockedCpu;
    this.lockedMachines.sort((a, b) => (cpuOf[b] as number) - (cpuOf[a] as number) || a - b);
  }

  /**
   * Machine m's amounts of the further dimensions freed since the bulk offer opened (in the scratch
   * vector, also recorded as locked), or undefined when the cell has none or none were freed there.
   */
  private freedExtra(m: number, bulkTracker: ChangeTracker): ExtraAmounts | undefined {
    const dims = this.lockedExtra.length;
    if (dims === 0) return undefined;
    let any = false;
    for (let d = 0; d < dims; d++) {
      const freed = Math.max(0, -((bulkTracker.extra[d] as Float64Array)[m] as number));
      this.extraScratch[d] = freed;
      (this.lockedExtra[d] as Float64Array)[m] = freed;
      if (freed > 0) any = true;
    }
    return any ? this.extraScratch : undefined;
  }

  /** Machine m's locked amounts of the further dimensions (scratch), undefined if none; zeroes them. */
  private takeLockedExtra(m: number): ExtraAmounts | undefined {
    const dims = this.lockedExtra.length;
    if (dims === 0) return undefined;
    for (let d = 0; d < dims; d++) {
      const locked = this.lockedExtra[d] as Float64Array;
      this.extraScratch[d] = locked[m] as number;
      locked[m] = 0;
    }
    return this.extraScratch;
  }

  candidatesWithRoomFor(cpus: number): number {
    if (this.mode !== "explicit") return this.cell.machines;
    // Binary search for the first fragment smaller than `cpus` (tentative claims only shrink).
    const list = this.lockedMachines;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.lockedCpu[list[mid] as number] as number) + FIT_EPSILON >= cpus) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** What is left of the offer after the tentative claims. */
  get remainingCpus(): number {
    return this.heldCpus - this.tentativeCpus;
  }
  get remainingMemGb(): number {
    return this.heldMemGb - this.tentativeMemGb;
  }

  /** Records tasks placed on the offer (they commit when the framework replies). */
  claimTentatively(machines: readonly number[], cpus: number, memGb: number, extra?: ExtraAmounts): void {
    this.tentativeCpus += machines.length * cpus;
    this.tentativeMemGb += machines.length * memGb;
    for (const m of machines) {
      // A machine may be listed twice when its tasks need no CPU or memory: clearing twice is harmless.
      if (this.tentativeCpu[m] === 0 && this.tentativeMem[m] === 0) this.tentativeMachines.push(m);
      (this.tentativeCpu[m] as number) += cpus;
      (this.tentativeMem[m] as number) += memGb;
      if (extra !== undefined)
        for (let d = 0; d < extra.length; d++)
          ((this.tentativeExtra[d] as Float64Array)[m] as number) += extra[d] as number;
    }
  }

  /** Returns everything held to the cell (before the accepted claims commit). */
  close(): void {
    if (this.mode === "bulk") this.cell.untrack(this.tracker);
    for (const m of this.lockedMachines) {
      this.cell.unlock(m, this.lockedCpu[m] as number, this.lockedMem[m] as number, this.takeLockedExtra(m));
      this.lockedCpu[m] = 0;
      this.lockedMem[m] = 0;
    }
    this.lockedMachines.length = 0;
    for (const m of this.tentativeMachines) {
      this.tentativeCpu[m] = 0;
      this.tentativeMem[m] = 0;
    }
    if (this.tentativeExtra.length !== 0)
      for (const e of this.tentativeExtra) for (const m of this.tentativeMachines) e[m] = 0;
    this.tentativeMachines.length = 0;
    this.tentativeCpus = 0;
    this.tentativeMemGb = 0;
    this.mode = "none";
    this.heldCpus = 0;
    this.heldMemGb = 0;
    this.maxFreeCpus = Infinity;
    this.maxFreeMemGb = Infinity;
  }
}
