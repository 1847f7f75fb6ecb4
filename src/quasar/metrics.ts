import { secToUs, usToSec, type SimTime } from "../engine/time.js";
import { BinnedLevel } from "./binned-level.js";
import type { QuasarCell } from "./cell.js";
import type { Axis, AxisErrors } from "./classifier.js";
import { perfVsTarget, type JobRun } from "./job-run.js";
import type { QuasarJobOutcome, QuasarRunSummary } from "./summary.js";

/**
 * Observes a run: CPU used per machine, cores allocated and reserved in the cell (all integrated
 * exactly per time bin), per-job outcomes and classification errors. Nothing is stored on jobs.
 */
export class QuasarMetrics {
  private readonly usedByMachine: BinnedLevel[];
  private readonly allocated: BinnedLevel;
  private readonly reserved: BinnedLevel;
  readonly outcomes: QuasarJobOutcome[] = [];
  private readonly errors: Partial<Record<Axis, number[]>> = {};

  constructor(
    private readonly cell: QuasarCell,
    readonly binSec: number,
  ) {
    const binUs = secToUs(binSec);
    this.usedByMachine = Array.from({ length: cell.size }, () => new BinnedLevel(binUs));
    this.allocated = new BinnedLevel(binUs);
    this.reserved = new BinnedLevel(binUs);
  }

  usedDelta(nowUs: SimTime, machine: number, deltaCores: number): void {
    this.usedByMachine[machine]!.add(nowUs, deltaCores);
  }

  allocatedDelta(nowUs: SimTime, deltaCores: number): void {
    this.allocated.add(nowUs, deltaCores);
  }

  reservedDelta(nowUs: SimTime, deltaCores: number): void {
    this.reserved.add(nowUs, deltaCores);
  }

  /** Records a job's outcome when it finishes (or, `completed` false, when the run is cut off). */
  jobDone(run: JobRun, nowUs: SimTime, completed = true): void {
    const s = run.spec;
    const started = run.startUs >= 0;
    this.outcomes.push({
      id: s.id,
      kind: s.kind,
      misSizeFactor: s.misSizeFactor,
      perfVsTarget: completed ? perfVsTarget(run, nowUs) : 0,
      admissionDelaySec: started
        ? spanSec(run.readyUs, run.startUs)
        : run.readyUs >= 0
          ? spanSec(run.readyUs, nowUs)
          : 0,
      startDelaySec: spanSec(s.arrivalUs, started ? run.startUs : nowUs),
      executionSec: started ? spanSec(run.startUs, nowUs) : 0,
      completed,
    });
  }

  classified(errors: AxisErrors): void {
    for (const [axis, e] of Object.entries(errors) as [Axis, number][]) (this.errors[axis] ??= []).push(e);
  }

  /** The CPU, heatmap and classification parts of the summary, closing every series at `endUs`. */
  finish(
    endUs: SimTime,
    entriesPerRow: number | null,
  ): Pick<QuasarRunSummary, "cpu" | "heatmap" | "classification"> {
    const capacity = this.cell.coresCap.reduce((s, c) => s + c, 0);
    const span = Math.max(1, endUs);
    let usedArea = 0;
    const perMachine = this.usedByMachine.map((level, m) => {
      usedArea += level.finish(endUs);
      const cores = this.cell.coresCap[m]!;
      return level.binMeans(endUs).map((u) => u / cores);
    });
    const allocArea = this.allocated.finish(endUs);
    const resArea = this.reserved.finish(endUs);
    const reservedCores = this.reserved.binMeans(endUs);
    const allocatedCores = this.allocated.binMeans(endUs);
    const usedCores = allocatedCores.map((_, b) =>
      this.usedByMachine.reduce((s, _l, m) => s + (perMachine[m]![b] ?? 0) * this.cell.coresCap[m]!, 0),
    );
    const binUs = secToUs(this.binSec);
    const over = reservedCores.reduce(
      (s, r, b) => s + (r > capacity ? Math.min(binUs, endUs - b * binUs) : 0),
      0,
    );
    return {
      cpu: {
        binSec: this.binSec,
        usedCores,
        allocatedCores,
        reservedCores,
        meanUtilization: usedArea / span / capacity,
        meanAllocatedFraction: allocArea / span / capacity,
        meanReservedFraction: resArea / span / capacity,
        meanGapFraction: (allocArea - usedArea) / span / capacity,
        reservedOverCapacityFraction: over / span,
      },
      heatmap: {
        binSec: this.binSec,
        machineTypes: Array.from({ length: this.cell.size }, (_, m) => this.cell.typeAt(m).name),
        utilization: perMachine,
      },
      classification: entriesPerRow === null ? null : { entriesPerRow, axes: this.axisErrors() },
    };
  }

  private axisErrors() {
    const out: Partial<Record<Axis, { jobs: number; mean: number; max: number }>> = {};
    for (const [axis, list] of Object.entries(this.errors) as [Axis, number[]][]) {
      out[axis] = {
        jobs: list.length,
        mean: list.reduce((s, v) => s + v, 0) / list.length,
        max: Math.max(...list),
      };
    }
    return out;
  }
}

/** Seconds between two times. */
export const spanSec = (fromUs: SimTime, toUs: SimTime) => usToSec(toUs - fromUs);
