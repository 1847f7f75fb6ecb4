import type { CellState } from "../../cluster/cell-state.js";
import type { CellView } from "../../cluster/cell-view.js";
import { ChangeTracker } from "../../cluster/change-tracker.js";

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
 *   so a further offer locks just those machines explicitly (O(changes)).
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
  /** Total resources held (for the locked-resources metric). */
  heldCpus = 0;
  heldMemGb = 0;

  constructor(private readonly cell: CellState) {
    const n = cell.machines;
    this.tracker = new ChangeTracker(n);
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

  /** Makes this a bulk offer of everything free now. */
  openBulk(): void {
    this.cell.track(this.tracker);
    this.mode = "bulk";
    this.heldCpus = this.cell.totalCpus - this.tracker.occupiedCpusAtStart;
    this.heldMemGb = this.cell.totalMemGb - this.tracker.occupiedMemGbAtStart;
  }

  /** Makes this an explicit offer of what `bulk` does not hold: the room freed since it opened. */
  openExplicit(bulk: OfferView): void {
    this.mode = "explicit";
    this.heldCpus = 0;
    this.heldMemGb = 0;
    const t = bulk.tracker;
    for (const m of t.changedMachines) {
      const cpu = Math.max(0, -(t.cpu[m] as number));
      const mem = Math.max(0, -(t.mem[m] as number));
      if (cpu <= 0 && mem <= 0) continue;
      this.cell.lock(m, cpu, mem);
      this.lockedCpu[m] = cpu;
      this.lockedMem[m] = mem;
      this.lockedMachines.push(m);
      this.heldCpus += cpu;
      this.heldMemGb += mem;
    }
  }

  /** Records tasks placed on the offer (they commit when the framework replies). */
  claimTentatively(machines: readonly number[], cpus: number, memGb: number): void {
    for (const m of machines) {
      if (this.tentativeCpu[m] === 0 && this.tentativeMem[m] === 0) this.tentativeMachines.push(m);
      (this.tentativeCpu[m] as number) += cpus;
      (this.tentativeMem[m] as number) += memGb;
    }
  }

  /** Returns everything held to the cell (before the accepted claims commit). */
  close(): void {
    if (this.mode === "bulk") this.cell.untrack(this.tracker);
    for (const m of this.lockedMachines) {
      this.cell.lock(m, -(this.lockedCpu[m] as number), -(this.lockedMem[m] as number));
      this.lockedCpu[m] = 0;
      this.lockedMem[m] = 0;
    }
    this.lockedMachines.length = 0;
    for (const m of this.tentativeMachines) {
      this.tentativeCpu[m] = 0;
      this.tentativeMem[m] = 0;
    }
    this.tentativeMachines.length = 0;
    this.mode = "none";
    this.heldCpus = 0;
    this.heldMemGb = 0;
  }
}
