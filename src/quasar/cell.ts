import type { MachineType } from "./machine-types.js";
import { RESOURCE_COUNT } from "./machine-types.js";

/**
 * Per-machine state of a heterogeneous cell, in typed arrays: capacity, what allocations hold
 * (cores, memory), the interference pressure per shared resource, and which jobs run there
 * (in placement order, so every scan is deterministic). Allocations never over-commit cores or
 * memory: `place` throws rather than exceed a capacity.
 */
export class QuasarCell {
  readonly size: number;
  readonly coresCap: Float64Array;
  readonly memCapGb: Float64Array;
  readonly allocCores: Float64Array;
  readonly allocMemGb: Float64Array;
  /** pressure[m * RESOURCE_COUNT + r]. */
  readonly pressure: Float64Array;
  readonly jobsOn: number[][];

  constructor(
    readonly types: readonly MachineType[],
    /** Type index of each machine. */
    readonly typeOf: Int32Array,
  ) {
    this.size = typeOf.length;
    this.coresCap = Float64Array.from(typeOf, (t) => types[t]!.cores);
    this.memCapGb = Float64Array.from(typeOf, (t) => types[t]!.memGb);
    this.allocCores = new Float64Array(this.size);
    this.allocMemGb = new Float64Array(this.size);
    this.pressure = new Float64Array(this.size * RESOURCE_COUNT);
    this.jobsOn = Array.from({ length: this.size }, () => []);
  }

  /** The type of machine m. */
  typeAt(m: number): MachineType {
    return this.types[this.typeOf[m]!]!;
  }

  freeCores(m: number): number {
    return this.coresCap[m]! - this.allocCores[m]!;
  }

  freeMemGb(m: number): number {
    return this.memCapGb[m]! - this.allocMemGb[m]!;
  }

  /** True if `cores` and `memGb` more fit on machine m. */
  fits(m: number, cores: number, memGb: number): boolean {
    return this.freeCores(m) >= cores && this.freeMemGb(m) >= memGb - 1e-9;
  }

  /** Allocates cores and memory on m to job `jobId` and adds its pressure. */
  place(jobId: number, m: number, cores: number, memGb: number, pressure: Float64Array): void {
    if (!this.fits(m, cores, memGb)) {
      throw new Error(`machine ${m} over-committed by job ${jobId}: ${cores} cores / ${memGb} GB do not fit`);
    }
    this.allocCores[m]! += cores;
    this.allocMemGb[m]! += memGb;
    this.addPressure(m, pressure, 1);
    this.jobsOn[m]!.push(jobId);
  }

  /** Releases what `place` allocated. */
  remove(jobId: number, m: number, cores: number, memGb: number, pressure: Float64Array): void {
    const list = this.jobsOn[m]!;
    const i = list.indexOf(jobId);
    if (i < 0) throw new Error(`job ${jobId} is not on machine ${m}`);
    list.splice(i, 1);
    this.allocCores[m] = Math.max(0, this.allocCores[m]! - cores);
    this.allocMemGb[m] = list.length === 0 ? 0 : Math.max(0, this.allocMemGb[m]! - memGb);
    this.addPressure(m, pressure, -1);
    if (list.length === 0) this.pressure.fill(0, m * RESOURCE_COUNT, (m + 1) * RESOURCE_COUNT);
  }

  /** Changes the pressure of a job already on m (its active cores changed). */
  addPressure(m: number, pressure: Float64Array, sign: 1 | -1): void {
    const o = m * RESOURCE_COUNT;
    for (let r = 0; r < RESOURCE_COUNT; r++)
      this.pressure[o + r] = Math.max(0, this.pressure[o + r]! + sign * pressure[r]!);
  }
}
