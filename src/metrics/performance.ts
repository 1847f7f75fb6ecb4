import { secToUs, usToSec, type SimTime } from "../engine/time.js";
import type { PerfJob } from "../cluster/perf-job.js";
import { perfVsTarget } from "../cluster/perf-job.js";
import type { Axis, AxisErrors } from "../quasar/classifier.js";
import { JOB_KINDS, type JobKind } from "../quasar/latent-classes.js";
import type { PerfCell } from "../quasar/perf-cell.js";
import { distribution, type PerformanceSummary, type QuasarJobOutcome } from "../quasar/summary.js";
import { LevelIntegrator } from "./level-integrator.js";

/** Heatmap cells are stored to this precision (fractions of a machine's cores). */
const HEATMAP_DIGITS = 3;

/**
 * Metrics of jobs with a performance model: CPU used per machine, cores allocated and reserved in
 * the cell (all integrated exactly per time bin with LevelIntegrator), per-job outcomes and
 * classification errors. Only runs whose jobs carry a performance model create one.
 */
export class PerformanceMetrics {
  private readonly usedByMachine: LevelIntegrator[];
  private readonly allocated: LevelIntegrator;
  private readonly reserved: LevelIntegrator;
  private readonly capacityCores: number;
  readonly outcomes: QuasarJobOutcome[] = [];
  private readonly errors: Partial<Record<Axis, number[]>> = {};
  private entriesPerRow: number | null = null;
  private lastFinishUs: SimTime = 0;

  constructor(
    private readonly perf: PerfCell,
    horizonUs: SimTime,
    readonly binSec: number,
  ) {
    const binUs = secToUs(binSec);
    this.usedByMachine = Array.from({ length: perf.size }, () => new LevelIntegrator(horizonUs, binUs));
    this.allocated = new LevelIntegrator(horizonUs, binUs);
    this.reserved = new LevelIntegrator(horizonUs, binUs);
    let cores = 0;
    for (let m = 0; m < perf.size; m++) cores += perf.typeAt(m).cores;
    this.capacityCores = cores;
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
  jobDone(run: PerfJob, nowUs: SimTime, completed = true): void {
    const s = run.spec;
    const started = run.startUs >= 0;
    if (completed) this.lastFinishUs = Math.max(this.lastFinishUs, nowUs);
    this.outcomes.push({
      id: run.job.spec.id,
      kind: s.kind,
      misSizeFactor: s.misSizeFactor,
      perfVsTarget: completed ? perfVsTarget(run, nowUs) : 0,
      admissionDelaySec: started
        ? spanSec(run.readyUs, run.startUs)
        : run.readyUs >= 0
          ? spanSec(run.readyUs, nowUs)
          : 0,
      startDelaySec: spanSec(run.job.spec.submitUs, started ? run.startUs : nowUs),
      executionSec: started ? spanSec(run.startUs, nowUs) : 0,
      completed,
    });
  }

  /** A profiler classified a job with `entriesPerRow` profiled entries per row. */
  classified(errors: AxisErrors, entriesPerRow: number): void {
    this.entriesPerRow = entriesPerRow;
    for (const [axis, e] of Object.entries(errors) as [Axis, number][]) (this.errors[axis] ??= []).push(e);
  }

  /** When the last job finished. */
  get lastFinish(): SimTime {
    return this.lastFinishUs;
  }

  /**
   * The performance summary, closing every series at `endUs` (the last job's end, or the
   * horizon if some never finished). `unfinished` jobs count as not completed, performance 0.
   */
  summarize(
    endUs: SimTime,
    unfinished: readonly PerfJob[],
    names: { scenario: string; allocation: string; policy: string },
  ): PerformanceSummary {
    for (const run of unfinished) this.jobDone(run, endUs, false);
    const outcomes = [...this.outcomes].sort((a, b) => a.id - b.id);
    const perf = outcomes.map((o) => o.perfVsTarget);
    const byKind = (k: JobKind) => outcomes.filter((o) => o.kind === k);
    const mean = (v: number[]) => (v.length === 0 ? 0 : v.reduce((t, x) => t + x, 0) / v.length);
    const kinds = <T>(f: (k: JobKind) => T) =>
      Object.fromEntries(JOB_KINDS.map((k) => [k, f(k)])) as Record<JobKind, T>;
    return {
      scenario: names.scenario,
      allocation: names.allocation,
      policy: names.policy,
      capacityCores: this.capacityCores,
      jobs: {
        submitted: outcomes.length,
        completed: outcomes.filter((o) => o.completed).length,
        byKind: kinds((k) => ({
          count: byKind(k).length,
          perfVsTargetMean: mean(byKind(k).map((o) => o.perfVsTarget)),
        })),
      },
      perfVsTarget: { ...distribution(perf), sorted: [...perf].sort((a, b) => a - b) },
      admissionDelaySec: distribution(outcomes.map((o) => o.admissionDelaySec)),
      executionSec: kinds((k) => distribution(byKind(k).map((o) => o.executionSec))),
      completionSec: distribution(outcomes.map((o) => o.startDelaySec + o.executionSec)),
      ...this.series(endUs),
      classification:
        this.entriesPerRow === null ? null : { entriesPerRow: this.entriesPerRow, axes: this.axisErrors() },
      makespanSec: usToSec(endUs),
    };
  }

  private series(endUs: SimTime): Pick<PerformanceSummary, "cpu" | "heatmap"> {
    const capacity = this.capacityCores;
    const span = Math.max(1, endUs);
    let usedArea = 0;
    const perMachine = this.usedByMachine.map((level, m) => {
      usedArea += level.finish(endUs);
      const cores = this.perf.typeAt(m).cores;
      return level.binMeans(endUs).map((u) => u / cores);
    });
    const allocArea = this.allocated.finish(endUs);
    const resArea = this.reserved.finish(endUs);
    const reservedCores = this.reserved.binMeans(endUs);
    const allocatedCores = this.allocated.binMeans(endUs);
    const usedCores = allocatedCores.map((_, b) =>
      perMachine.reduce((s, row, m) => s + (row[b] ?? 0) * this.perf.typeAt(m).cores, 0),
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
        machineTypes: Array.from({ length: this.perf.size }, (_, m) => this.perf.typeAt(m).name),
        // Float residue of many +/- changes can leave a level at -1e-15: clamp, so no -0 is stored.
        utilization: perMachine.map((row) => row.map((u) => Math.max(0, Number(u.toFixed(HEATMAP_DIGITS))))),
      },
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
const spanSec = (fromUs: SimTime, toUs: SimTime) => usToSec(toUs - fromUs);
