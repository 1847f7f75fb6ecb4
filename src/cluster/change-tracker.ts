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
  private readonly freedFlag: Uint8Array;
  private readonly freed: number[] = [];
  /** Occupied totals of the cell when the tracker started. */
  occupiedCpusAtStart = 0;
  occupiedMemGbAtStart = 0;
  active = false;

  /**
   * @param keepFreedList also list the machines freed since the last `clearFreed` (two-level
   *   bulk offers need it; snapshots do not, and the check costs on every release).
   */
  constructor(
    machines: number,
    private readonly keepFreedList = false,
  ) {
    this.cpu = new Float64Array(machines);
    this.mem = new Float64Array(machines);
    this.claims = new Uint32Array(machines);
    this.touchedFlag = new Uint8Array(machines);
    this.freedFlag = new Uint8Array(machines);
  }

  /** Notes a change of machine m (called by the cell). */
  record(m: number, dCpu: number, dMem: number, dClaims: number): void {
    if (this.touchedFlag[m] === 0) {
      this.touchedFlag[m] = 1;
      this.touched.push(m);
    }
    if (this.keepFreedList && (dCpu < 0 || dMem < 0) && this.freedFlag[m] === 0) {
      this.freedFlag[m] = 1;
      this.freed.push(m);
    }
    (this.cpu[m] as number) += dCpu;
    (this.mem[m] as number) += dMem;
    (this.claims[m] as number) += dClaims;
  }

  /** Machines changed since the start, in first-change order. */
  get changedMachines(): readonly number[] {
    return this.touched;
  }

  /**
   * Machines that had resources freed (a release or unlock) since the start or the last
   * `clearFreed`, in order: the only machines that can hold room the snapshot did not have.
   */
  get freedMachines(): readonly number[] {
    return this.freed;
  }

  /** Forgets the freed list (not the changes). */
  clearFreed(): void {
    for (const m of this.freed) this.freedFlag[m] = 0;
    this.freed.length = 0;
  }

  /** Forgets all changes (O(touched machines)). */
  clear(): void {
    this.clearFreed();
    for (const m of this.touched) {
      this.cpu[m] = 0;
      this.mem[m] = 0;
      this.claims[m] = 0;
      this.touchedFlag[m] = 0;
    }
    this.touched.length = 0;
  }
}
