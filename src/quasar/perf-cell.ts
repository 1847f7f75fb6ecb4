import type { CellView } from "../cluster/cell-view.js";
import type { Prediction } from "./classifier.js";
import type { JobKind } from "./latent-classes.js";
import { RESOURCE_COUNT, type MachineType } from "./machine-types.js";

/**
 * What the performance model adds to a cell when it is on: each machine's type (speed and
 * shared-resource capacities), the interference pressure per shared resource, which jobs run
 * where (in placement order, so every scan is deterministic) and the predictions schedulers made
 * for them. Cores and memory are not here: they are the shared cell's (CellState), so every
 * architecture's views, commits and conflict checks see the same allocation.
 */
export class PerfCell {
  readonly size: number;
  /** pressure[m * RESOURCE_COUNT + r]. */
  readonly pressure: Float64Array;
  /** Job indices running on each machine (a job appears once per node it has there). */
  readonly jobsOn: number[][];
  /** A scheduler's prediction for each job (by job index), once it classified it. */
  readonly predictions: (Prediction | null)[] = [];
  /** Each job's class (by job index): how latency-bound it is matters to machine ranking. */
  readonly kinds: JobKind[] = [];
  /**
   * The machines an allocation's plan just ranked best for a job on a view (Quasar sizes on the
   * best-ranked machines), left for the `paragon` placement of the same request: its own ranking
   * would be the same list (same scores, same view, nothing changed in between), so it takes it
   * instead of ranking again. Cleared when taken.
   */
  planned: PlannedMachines | null = null;

  constructor(
    readonly types: readonly MachineType[],
    /** Type index of each machine. */
    readonly typeOf: Int32Array,
  ) {
    this.size = typeOf.length;
    this.pressure = new Float64Array(this.size * RESOURCE_COUNT);
    this.jobsOn = Array.from({ length: this.size }, () => []);
  }

  /** The type of machine m. */
  typeAt(m: number): MachineType {
    return this.types[this.typeOf[m]!]!;
  }

  /** The prediction made for job `index`, or null. */
  predictionOf(index: number): Prediction | null {
    return this.predictions[index] ?? null;
  }

  /** Records that job `index` holds one node on m and adds its pressure there. */
  addJob(index: number, m: number, pressure: Float64Array): void {
    this.jobsOn[m]!.push(index);
    this.addPressure(m, pressure, 1);
  }

  /** Undoes `addJob` (pressure cleared exactly when the machine empties: no float residue). */
  removeJob(index: number, m: number, pressure: Float64Array): void {
    const list = this.jobsOn[m]!;
    const i = list.indexOf(index);
    if (i < 0) throw new Error(`job ${index} is not on machine ${m}`);
    list.splice(i, 1);
    this.addPressure(m, pressure, -1);
    if (list.length === 0) this.pressure.fill(0, m * RESOURCE_COUNT, (m + 1) * RESOURCE_COUNT);
  }

  private addPressure(m: number, pressure: Float64Array, sign: 1 | -1): void {
    const o = m * RESOURCE_COUNT;
    for (let r = 0; r < RESOURCE_COUNT; r++)
      this.pressure[o + r] = Math.max(0, this.pressure[o + r]! + sign * pressure[r]!);
  }
}

/** Machines an allocation planned for one request (see `PerfCell.planned`). */
export interface PlannedMachines {
  readonly jobIndex: number;
  readonly cores: number;
  readonly memGb: number;
  readonly view: CellView;
  readonly machines: readonly number[];
}

/**
 * What a performance-aware decision reads: the performance side of the cell, and the view of
 * cores and memory the deciding scheduler has (the live cell, its stale snapshot, its partition
 * or its offer), so Quasar and Paragon work under every architecture.
 */
export interface PerfContext {
  readonly perf: PerfCell;
  readonly view: CellView;
}
