import type { CellState } from "./cell-state.js";

/**
 * Which machines of a cell are down, and the capacity they will bring back. A machine may be held
 * down by several causes at once (its own failure, its failure domain's, a trace's REMOVE): it is
 * down while any holds it and comes back when the last one ends, so overlapping outages compose.
 *
 * While down, a machine's capacity reads 0 in every dimension, so every fit check — the live
 * cell, a static partition, a snapshot's own reads, a two-level offer — finds no room there
 * without knowing about failures, and a commit on it conflicts. Its sequence number is bumped
 * when it goes down, so a claim planned on an older snapshot conflicts in coarse mode too.
 */
export class MachineOutages {
  /** Per machine: causes holding it down (0 = up). */
  private readonly downCount: Uint16Array;
  private readonly upCpus: Float64Array;
  private readonly upMemGb: Float64Array;
  /** Per further dimension: a down machine's capacity. */
  private readonly upExtra: Float64Array[];
  /** Capacity currently down. */
  downCpus = 0;
  downMemGb = 0;

  constructor(private readonly cell: CellState) {
    const n = cell.machines;
    this.downCount = new Uint16Array(n);
    this.upCpus = new Float64Array(n);
    this.upMemGb = new Float64Array(n);
    this.upExtra = cell.extraNames.map(() => new Float64Array(n));
  }

  /** One more cause holds m down; true if it went down now (its tasks must be gone already). */
  takeDown(m: number): boolean {
    const count = this.downCount[m] as number;
    if (count === 0xffff) throw new Error(`machine ${m}: too many overlapping outages`);
    this.downCount[m] = count + 1;
    if (count !== 0) return false;
    const cell = this.cell;
    const cpus = cell.cpuCapacity[m] as number;
    const memGb = cell.memCapacity[m] as number;
    this.upCpus[m] = cpus;
    this.upMemGb[m] = memGb;
    cell.cpuCapacity[m] = 0;
    cell.memCapacity[m] = 0;
    const extra = this.swapExtra(m, true);
    this.downCpus += cpus;
    this.downMemGb += memGb;
    (cell.seq[m] as number)++;
    cell.capacityChanged(m, 1, cpus, memGb, extra);
    return true;
  }

  /** One cause holding m down is over; true if m is up now (its capacity restored). */
  bringUp(m: number): boolean {
    const count = this.downCount[m] as number;
    if (count === 0) throw new Error(`machine ${m} is not down`);
    this.downCount[m] = count - 1;
    if (count !== 1) return false;
    const cell = this.cell;
    const cpus = this.upCpus[m] as number;
    const memGb = this.upMemGb[m] as number;
    cell.cpuCapacity[m] = cpus;
    cell.memCapacity[m] = memGb;
    const extra = this.swapExtra(m, false);
    this.downCpus -= cpus;
    this.downMemGb -= memGb;
    cell.capacityChanged(m, -1, cpus, memGb, extra);
    return true;
  }

  /** True while m is down. */
  isDown(m: number): boolean {
    return this.downCount[m] !== 0;
  }

  /**
   * Moves m's capacity of the further dimensions out of the cell (`down`) or back; returns the
   * amounts moved (undefined for a CPU-and-memory cell).
   */
  private swapExtra(m: number, down: boolean): Float64Array | undefined {
    const dims = this.upExtra.length;
    if (dims === 0) return undefined;
    const moved = new Float64Array(dims);
    for (let d = 0; d < dims; d++) {
      const cap = this.cell.extraCapacity[d] as Float64Array;
      const up = this.upExtra[d] as Float64Array;
      if (down) up[m] = cap[m] as number;
      moved[d] = up[m] as number;
      cap[m] = down ? 0 : (up[m] as number);
    }
    return moved;
  }
}
