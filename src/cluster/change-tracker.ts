/**
 * Records, per machine, how much a cell changed since the tracker started: the net change of
 * occupied (allocated + locked) CPU and memory, and the number of claims (sequence-number bumps).
 * A scheduler's snapshot taken at time t is then "the live cell minus the changes since t", read
 * lazily per machine: no O(machines) copy per attempt. Only touched machines are reset.
 */
export class ChangeTracker {
  readonly cpu: Float64Array;
  readonly mem: Float64Array;
  readonly claims: Uint32Array;
  private readonly touchedFlag: Uint8Array;
  private readonly touched: number[] = [];
  /** Occupied totals of the cell when the tracker started. */
  occupiedCpusAtStart = 0;
  occupiedMemGbAtStart = 0;
  active = false;

  constructor(machines: number) {
    this.cpu = new Float64Array(machines);
    this.mem = new Float64Array(machines);
    this.claims = new Uint32Array(machines);
    this.touchedFlag = new Uint8Array(machines);
  }

  /** Notes a change of machine m (called by the cell). */
  record(m: number, dCpu: number, dMem: number, dClaims: number): void {
    if (this.touchedFlag[m] === 0) {
      this.touchedFlag[m] = 1;
      this.touched.push(m);
    }
    (this.cpu[m] as number) += dCpu;
    (this.mem[m] as number) += dMem;
    (this.claims[m] as number) += dClaims;
  }

  /** Machines changed since the start, in first-change order. */
  get changedMachines(): readonly number[] {
    return this.touched;
  }

  /** Forgets all changes (O(touched machines)). */
  clear(): void {
    for (const m of this.touched) {
      this.cpu[m] = 0;
      this.mem[m] = 0;
      this.claims[m] = 0;
      this.touchedFlag[m] = 0;
    }
    this.touched.length = 0;
  }
}
