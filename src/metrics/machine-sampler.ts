import type { CellState } from "../cluster/cell-state.js";
import type { PeriodicSampler } from "../cluster/model.js";
import { usToSec, type SimTime } from "../engine/time.js";
import type { MachineSeries } from "./summary.js";

/**
 * Point samples of per-machine CPU utilization for heatmaps (machines × time), taken at a fixed
 * period after everything else at each instant. `count` machines evenly spaced over the cell
 * (indices ⌊i·machines/count⌋), so a 12,583-machine cell can be shown with, say, 100 rows. A cell
 * with further resource dimensions (GPUs) has each of them sampled the same way; cells without
 * them record exactly what they did before.
 */
export class MachineSampler implements PeriodicSampler {
  private readonly machines: number[];
  private readonly samples: number[][];
  /** Per further dimension (created at the first sample), per sampled machine, the samples. */
  private extra: number[][][] = [];
  private extraNames: readonly string[] = [];

  constructor(
    readonly periodUs: SimTime,
    cellMachines: number,
    count: number,
  ) {
    const n = Math.min(count, cellMachines);
    this.machines = Array.from({ length: n }, (_, i) => Math.floor((i * cellMachines) / n));
    this.samples = this.machines.map(() => []);
  }

  sample(_nowUs: SimTime, cell: CellState): void {
    this.machines.forEach((m, i) => {
      const cap = cell.cpuCapacity[m] as number;
      // Four decimals are plenty for a colour scale and keep results.json small.
      const u = cap > 0 ? (cell.cpuAllocated[m] as number) / cap : 0;
      (this.samples[i] as number[]).push(Math.round(u * 1e4) / 1e4);
    });
    if (cell.extraNames.length !== 0) this.sampleExtra(cell);
  }

  private sampleExtra(cell: CellState): void {
    if (this.extra.length === 0) {
      this.extraNames = cell.extraNames;
      this.extra = cell.extraNames.map(() => this.machines.map(() => []));
    }
    this.extra.forEach((rows, d) => {
      const capacity = cell.extraCapacity[d] as Float64Array;
      const allocated = cell.extraAllocated[d] as Float64Array;
      this.machines.forEach((m, i) => {
        const cap = capacity[m] as number;
        const u = cap > 0 ? (allocated[m] as number) / cap : 0;
        (rows[i] as number[]).push(Math.round(u * 1e4) / 1e4);
      });
    });
  }

  /** The series for the run summary. */
  series(): MachineSeries {
    const series: MachineSeries = {
      periodSec: usToSec(this.periodUs),
      machines: [...this.machines],
      cpuUtilization: this.samples,
    };
    if (this.extra.length === 0) return series;
    return {
      ...series,
      resources: this.extraNames.map((name, d) => ({ name, utilization: this.extra[d] as number[][] })),
    };
  }
}
