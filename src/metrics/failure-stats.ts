import type { FailureObserver, LossCause } from "../cluster/failures/failure-setup.js";
import type { WorkloadKind } from "../cluster/job.js";
import { usToSec, type SimTime } from "../engine/time.js";
import { LevelIntegrator } from "./level-integrator.js";
import { mean, quantileSorted } from "./stats.js";
import type { CellSummary, FailureSummary, RunSummary, WorkloadSummary } from "./summary.js";

/** Per kind: what failures did to its tasks. */
interface KindLosses {
  tasksLost: number;
  lostWorkUs: number;
  restarts: number;
}

/**
 * Observes machine failures and lost work (FailureObserver) and adds the failure metrics to a
 * run's summary (docs/metrics.md, "Failures"). Service availability integrates the running
 * instances exactly (a level changing at event times) and adds, per lost instance, the time it
 * was missing.
 */
export class FailureStats implements FailureObserver {
  private machineFailures = 0;
  private domainFailures = 0;
  private downUs = 0;
  private prefillLost = 0;
  private readonly downSinceUs = new Map<number, SimTime>();
  private readonly kinds: Record<WorkloadKind, KindLosses> = {
    batch: { tasksLost: 0, lostWorkUs: 0, restarts: 0 },
    service: { tasksLost: 0, lostWorkUs: 0, restarts: 0 },
  };
  private readonly recoverUs: number[] = [];
  private runningInstances = 0;
  private runningSinceUs = 0;
  private runningInstanceUs = 0;
  private missingInstanceUs = 0;

  /** Machines down and their installed CPUs down, for the cell's down-sampled series. */
  private readonly downMachines: LevelIntegrator | undefined;
  private readonly downCpus: LevelIntegrator | undefined;

  /**
   * `series`: the cell series' period and each machine's installed CPUs (read before any machine
   * goes down), to add `downMachines` and `downCpu` to `summary.cell.series`; absent, no series.
   */
  constructor(
    private readonly horizonUs: SimTime,
    private readonly series?: { periodUs: SimTime; cpuCapacity: Float64Array; totalCpus: number },
  ) {
    if (series) {
      const period = Math.max(1, Math.min(series.periodUs, horizonUs));
      this.downMachines = new LevelIntegrator(horizonUs, period);
      this.downCpus = new LevelIntegrator(horizonUs, period);
    }
  }

  machineFailed(): void {
    this.machineFailures++;
  }

  domainFailed(): void {
    this.domainFailures++;
  }

  machineDown(nowUs: SimTime, machine: number): void {
    this.downSinceUs.set(machine, nowUs);
    this.downMachines?.add(nowUs, 1);
    this.downCpus?.add(nowUs, this.series?.cpuCapacity[machine] ?? 0);
  }

  machineUp(nowUs: SimTime, machine: number): void {
    this.downMachines?.add(nowUs, -1);
    this.downCpus?.add(nowUs, -(this.series?.cpuCapacity[machine] ?? 0));
    this.downUs += Math.min(nowUs, this.horizonUs) - (this.downSinceUs.get(machine) as number);
    this.downSinceUs.delete(machine);
  }

  tasksLost(kind: WorkloadKind, tasks: number, lostWorkUs: number, cause: LossCause): void {
    // Preempted tasks will have metrics of their own (preemptions, preemptedTaskSec).
    if (cause !== "failure") return;
    this.kinds[kind].tasksLost += tasks;
    this.kinds[kind].lostWorkUs += lostWorkUs;
  }

  prefillTasksLost(tasks: number): void {
    this.prefillLost += tasks;
  }

  taskRestarted(kind: WorkloadKind, recoverUs: number): void {
    this.kinds[kind].restarts++;
    if (kind === "service") this.recoverUs.push(recoverUs);
  }

  serviceRunningChanged(nowUs: SimTime, delta: number): void {
    this.runningInstanceUs += this.runningInstances * (nowUs - this.runningSinceUs);
    this.runningSinceUs = nowUs;
    this.runningInstances += delta;
  }

  serviceInstanceMissing(missingUs: number): void {
    this.missingInstanceUs += missingUs;
  }

  /** `summary` with the failure metrics added (call after the model's `finish`, at the horizon). */
  addTo(summary: RunSummary): RunSummary {
    const h = this.horizonUs;
    for (const since of this.downSinceUs.values()) this.downUs += h - since;
    this.downSinceUs.clear();
    this.serviceRunningChanged(h, 0);
    const failures: FailureSummary = {
      machineFailures: this.machineFailures,
      domainFailures: this.domainFailures,
      machineDownSec: usToSec(this.downUs),
      prefillTasksLost: this.prefillLost,
    };
    const workloads: Record<string, WorkloadSummary> = {};
    for (const [kind, w] of Object.entries(summary.workloads))
      workloads[kind] = { ...w, ...this.kindSummary(kind as WorkloadKind) };
    return { ...summary, workloads, failures, cell: this.withDownSeries(summary.cell) };
  }

  /** The cell summary with the down series added to its `series` (when asked for). */
  private withDownSeries(cell: CellSummary): CellSummary {
    const { downMachines, downCpus, series } = this;
    if (!downMachines || !downCpus || !series) return cell;
    downMachines.finish();
    downCpus.finish();
    const total = series.totalCpus;
    return {
      ...cell,
      series: {
        ...cell.series,
        downMachines: downMachines.binMeans(),
        downCpu: downCpus.binMeans().map((x) => (total > 0 ? x / total : 0)),
      },
    };
  }

  private kindSummary(kind: WorkloadKind): Partial<WorkloadSummary> {
    const k = this.kinds[kind];
    const common = { tasksLost: k.tasksLost, lostTaskSec: usToSec(k.lostWorkUs), restarts: k.restarts };
    if (kind !== "service") return common;
    const desiredUs = this.runningInstanceUs + this.missingInstanceUs;
    const recover = Float64Array.from(this.recoverUs, usToSec).sort();
    return {
      ...common,
      availability: desiredUs > 0 ? this.runningInstanceUs / desiredUs : 1,
      timeToRecoverSec: { mean: mean(recover), p90: quantileSorted(recover, 0.9) },
    };
  }
}
