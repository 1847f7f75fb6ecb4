/**
 * Records, per machine, how much a cell changed since the tracker started: the net change of
 * occupied (allocated + locked) CPU, memory and further dimensions, and the number of claims
 * (sequence-number bumps).
 * A scheduler's snapshot taken at time t is then "the live cell minus the changes since t", read
 * lazily per machine: no O(machines) copy per attempt. Only touched machines are reset.
 */
export class ChangeTracker {
  readonly cpu: Float64Array;
  readonly mem: Float64Array;
  readonly claims: Uint32Array;
  /** Per further resource dimension of the cell: the net change per machine. */
  readonly extra: readonly Float64Array[];
  private readonly touchedFlag: Uint8Array;
  private readonly touched: number[] = [];
  private readonly freedFlag: Uint8Array;
  private readonly freed: number[] = [];
  /** Occupied totals of the cell when the tracker started. */
  occupiedCpusAtStart = 0;
  occupiedMemGbAtStart = 0;
  readonly occupiedExtraAtStart: Float64Array;
  active = false;

  /**
   * @param keepFreedList also list the machines freed since the last `clearFreed` (two-level
   *   bulk offers need it; snapshots do not, and the check costs on every release).
   * @param extraDimensions how many further resource dimensions the cell has.
   */
  constructor(
    machines: number,
    private readonly keepFreedList = false,
    extraDimensions = 0,
  ) {
    this.extra = Array.from({ length: extraDimensions }, () => new Float64Array(machines));
    this.occupiedExtraAtStart = new Float64Array(extraDimensions);
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

  /**
   * Notes a change of machine m's further dimensions (called by the cell after `record` for the
   * same change): `sign` × `amounts`.
   */
  recordExtra(m: number, amounts: Float64Array, sign: number): void {
    for (let d = 0; d < amounts.length; d++)
      ((this.extra[d] as Float64Array)[m] as number) += sign * (amounts[d] as number);
    if (this.keepFreedList && sign < 0 && this.freedFlag[m] === 0 && amounts.some((a) => a > 0)) {
      this.freedFlag[m] = 1;
      this.freed.push(m);
    }
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

  private clearExtra(): void {
    for (const e of this.extra) for (const m of this.touched) e[m] = 0;
  }

  /** Forgets all changes (O(touched machines)). */
  clear(): void {
    this.clearFreed();
    if (this.extra.length !== 0) this.clearExtra();
    for (const m of this.touched) {
      this.cpu[m] = 0;
      this.mem[m] = 0;
      this.claims[m] = 0;
      this.touchedFlag[m] = 0;
    }
    this.touched.length = 0;
  }
}
