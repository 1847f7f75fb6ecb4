/**
 * Per-machine allocation of a cell on typed arrays, plus running totals. Claims bump a machine's
 * sequence number (coarse conflict detection); task ends free resources without bumping it.
 *
 * Resources are doubles. Fit checks allow `FIT_EPSILON` of rounding slack so that, e.g., ten
 * 0.1-CPU tasks fit on a 1-CPU machine; the over-commit invariant uses the same slack.
 */
export const FIT_EPSILON = 1e-9;

export class CellState {
  readonly machines: number;
  readonly cpuCapacity: Float64Array;
  readonly memCapacity: Float64Array;
  readonly cpuAllocated: Float64Array;
  readonly memAllocated: Float64Array;
  readonly seq: Uint32Array;
  readonly totalCpus: number;
  readonly totalMemGb: number;
  allocatedCpus = 0;
  allocatedMemGb = 0;

  private constructor(cpuCapacity: Float64Array, memCapacity: Float64Array, copyFrom?: CellState) {
    this.machines = cpuCapacity.length;
    this.cpuCapacity = cpuCapacity;
    this.memCapacity = memCapacity;
    this.totalCpus = sum(cpuCapacity);
    this.totalMemGb = sum(memCapacity);
    this.cpuAllocated = copyFrom ? copyFrom.cpuAllocated.slice() : new Float64Array(this.machines);
    this.memAllocated = copyFrom ? copyFrom.memAllocated.slice() : new Float64Array(this.machines);
    this.seq = copyFrom ? copyFrom.seq.slice() : new Uint32Array(this.machines);
    if (copyFrom) {
      this.allocatedCpus = copyFrom.allocatedCpus;
      this.allocatedMemGb = copyFrom.allocatedMemGb;
    }
  }

  /** A homogeneous cell of `machines` machines. */
  static homogeneous(machines: number, cpus: number, memGb: number): CellState {
    return new CellState(new Float64Array(machines).fill(cpus), new Float64Array(machines).fill(memGb));
  }

  /** A cell from explicit per-machine capacities (heterogeneous cells, partitions). */
  static fromCapacities(cpus: ArrayLike<number>, memGb: ArrayLike<number>): CellState {
    return new CellState(Float64Array.from(cpus), Float64Array.from(memGb));
  }

  /** An independent copy (a scheduler's private snapshot). Capacities are shared (immutable). */
  copy(): CellState {
    return new CellState(this.cpuCapacity, this.memCapacity, this);
  }

  /** How many tasks of this shape still fit on machine `m`. */
  tasksThatFit(m: number, cpus: number, memGb: number): number {
    const freeCpu = (this.cpuCapacity[m] as number) - (this.cpuAllocated[m] as number) + FIT_EPSILON;
    const freeMem = (this.memCapacity[m] as number) - (this.memAllocated[m] as number) + FIT_EPSILON;
    const byCpu = cpus > 0 ? Math.floor(freeCpu / cpus) : Infinity;
    const byMem = memGb > 0 ? Math.floor(freeMem / memGb) : Infinity;
    return Math.max(0, Math.min(byCpu, byMem));
  }

  /** True if one task of this shape fits on machine `m`. */
  fits(m: number, cpus: number, memGb: number): boolean {
    return (
      (this.cpuAllocated[m] as number) + cpus <= (this.cpuCapacity[m] as number) + FIT_EPSILON &&
      (this.memAllocated[m] as number) + memGb <= (this.memCapacity[m] as number) + FIT_EPSILON
    );
  }

  /** Takes resources on `m` for a claim and bumps its sequence number. */
  claim(m: number, cpus: number, memGb: number): void {
    (this.cpuAllocated[m] as number) += cpus;
    (this.memAllocated[m] as number) += memGb;
    this.allocatedCpus += cpus;
    this.allocatedMemGb += memGb;
    (this.seq[m] as number)++;
  }

  /** Frees resources on `m` (a task ended). Does not bump the sequence number. */
  release(m: number, cpus: number, memGb: number): void {
    (this.cpuAllocated[m] as number) -= cpus;
    (this.memAllocated[m] as number) -= memGb;
    this.allocatedCpus -= cpus;
    this.allocatedMemGb -= memGb;
  }

  /** The first over-committed machine, or -1. O(machines): for invariant checks in tests. */
  findOvercommitted(): number {
    for (let m = 0; m < this.machines; m++) {
      if (!this.fits(m, 0, 0)) return m;
      if (
        (this.cpuAllocated[m] as number) < -FIT_EPSILON ||
        (this.memAllocated[m] as number) < -FIT_EPSILON
      ) {
        return m;
      }
    }
    return -1;
  }
}

function sum(xs: Float64Array): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i] as number;
  return s;
}
