import type { SchedulerInfo } from "../cluster/architecture.js";
import { WORKLOAD_KINDS, type WorkloadKind } from "../cluster/job.js";
import { JobPhase, type JobState } from "../cluster/job-state.js";
import type { AttemptOutcomeId, SchedulingObserver } from "../cluster/observer.js";
import { US_PER_DAY, usToSec, type SimTime } from "../engine/time.js";
import { jobRecords } from "./job-records.js";
import { LevelIntegrator } from "./level-integrator.js";
import { SchedulerSeriesRecorder } from "./scheduler-series.js";
import { SchedulerStats } from "./scheduler-stats.js";
import { summarizeScheduler, summarizeWaits } from "./summarize.js";
import type { CellSummary, RunSummary, WorkloadSummary } from "./summary.js";

/** Cell facts the metrics need besides the observations. */
export interface CellFacts {
  machines: number;
  totalCpus: number;
  totalMemGb: number;
  prefill: CellSummary["prefill"];
  machineSeries?: CellSummary["machineSeries"];
  /** The cell's further resource dimensions and their totals, in the cell's order (if any). */
  extra?: readonly { name: string; total: number }[];
}

/**
 * Observes one run and turns the observations into the result contract (RunSummary). Per job it
 * keeps only what waits need (submit, first attempt, fully scheduled), in arrays by job index.
 */
export class RunMetrics implements SchedulingObserver {
  private readonly submitUs: number[] = [];
  private readonly firstAttemptUs: number[] = [];
  private readonly fullyScheduledUs: number[] = [];
  private schedulers: SchedulerStats[] = [];
  private schedulerInfo: readonly SchedulerInfo[] = [];
  /** Occupied amounts of the cell's further resource dimensions (created on first report). */
  private readonly extra: LevelIntegrator[] = [];
  private readonly periodUs: SimTime;
  private readonly cpu: LevelIntegrator;
  private readonly mem: LevelIntegrator;
  private readonly lockedCpu: LevelIntegrator;
  private readonly lockedMem: LevelIntegrator;
  /** Present only when per-scheduler series are on: the hot path pays one null check. */
  private series: SchedulerSeriesRecorder | undefined;
  /** Per-scheduler series are on (see SchedulingObserver.recordsQueueLengths). */
  readonly recordsQueueLengths: boolean;

  /** `schedulerSeriesUs`: window of the per-scheduler series (`metrics.schedulerSeries`); off when absent. */
  constructor(
    private readonly horizonUs: SimTime,
    samplePeriodUs: SimTime,
    private readonly schedulerSeriesUs?: SimTime,
  ) {
    this.recordsQueueLengths = schedulerSeriesUs !== undefined;
    const period = Math.max(1, Math.min(samplePeriodUs, horizonUs));
    this.cpu = new LevelIntegrator(horizonUs, period);
    this.mem = new LevelIntegrator(horizonUs, period);
    this.lockedCpu = new LevelIntegrator(horizonUs, period);
    this.lockedMem = new LevelIntegrator(horizonUs, period);
    this.periodUs = period;
  }

  /** Declares the architecture's schedulers (by index) before the run starts. */
  registerSchedulers(infos: readonly SchedulerInfo[]): void {
    const days = Math.max(1, Math.ceil(this.horizonUs / US_PER_DAY));
    this.schedulerInfo = infos;
    this.schedulers = infos.map(() => new SchedulerStats(days));
    const windowUs = this.schedulerSeriesUs;
    if (windowUs !== undefined) {
      const clamped = Math.max(1, Math.min(windowUs, this.horizonUs));
      this.series = new SchedulerSeriesRecorder(this.horizonUs, clamped, infos);
    }
  }

  queueLengthChanged(scheduler: number, nowUs: SimTime, queued: number): void {
    this.series?.queueLengthChanged(scheduler, nowUs, queued);
  }

  jobSubmitted(job: JobState, nowUs: SimTime): void {
    this.submitUs[job.index] = nowUs;
    this.firstAttemptUs[job.index] = -1;
    this.fullyScheduledUs[job.index] = -1;
  }

  attemptStarted(job: JobState, _scheduler: number, nowUs: SimTime): void {
    if (this.firstAttemptUs[job.index] === -1) this.firstAttemptUs[job.index] = nowUs;
  }

  attemptEnded(
    scheduler: number,
    startUs: SimTime,
    endUs: SimTime,
    outcome: AttemptOutcomeId,
    transaction: boolean,
    conflicted: boolean,
  ): void {
    (this.schedulers[scheduler] as SchedulerStats).attemptEnded(
      startUs,
      endUs,
      outcome,
      transaction,
      conflicted,
    );
    this.series?.attemptEnded(scheduler, startUs, endUs, outcome, transaction, conflicted);
  }

  jobFullyScheduled(job: JobState, nowUs: SimTime): void {
    this.fullyScheduledUs[job.index] = nowUs;
  }

  jobAbandoned(): void {}

  allocationChanged(nowUs: SimTime, cpus: number, memGb: number): void {
    this.cpu.set(nowUs, cpus);
    this.mem.set(nowUs, memGb);
  }

  extraAllocationChanged(nowUs: SimTime, allocated: Float64Array): void {
    // Created on first use: cells without further dimensions never pay for them.
    if (this.extra.length === 0)
      for (let d = 0; d < allocated.length; d++)
        this.extra.push(new LevelIntegrator(this.horizonUs, this.periodUs));
    for (let d = 0; d < allocated.length; d++)
      (this.extra[d] as LevelIntegrator).set(nowUs, allocated[d] as number);
  }

  lockedChanged(nowUs: SimTime, cpus: number, memGb: number): void {
    this.lockedCpu.set(nowUs, cpus);
    this.lockedMem.set(nowUs, memGb);
  }

  /**
   * The run's summary at the horizon. `jobs` is the model's job table (final phases);
   * `recordJobs` adds the per-job records (`metrics.jobs`).
   */
  summarize(jobs: readonly JobState[], cell: CellFacts, events: number, recordJobs = false): RunSummary {
    const workloads: Record<string, WorkloadSummary> = {};
    for (const kind of WORKLOAD_KINDS) workloads[kind] = this.summarizeKind(jobs, kind);
    const horizonSec = usToSec(this.horizonUs);
    return {
      workloads,
      schedulers: this.schedulers.map((s, i) =>
        summarizeScheduler(this.schedulerInfo[i] as SchedulerInfo, s, this.horizonUs),
      ),
      cell: this.summarizeCell(cell),
      events,
      simulatedSec: horizonSec,
      ...(this.series ? { schedulerSeries: this.series.series() } : {}),
      ...(recordJobs
        ? { jobs: jobRecords(jobs, this.submitUs, this.firstAttemptUs, this.fullyScheduledUs) }
        : {}),
    };
  }

  private summarizeKind(jobs: readonly JobState[], kind: WorkloadKind): WorkloadSummary {
    const mine = jobs.filter((j) => j.spec.kind === kind);
    const attempted = mine.filter((j) => j.attempts > 0);
    const submitted = (j: JobState) => this.submitUs[j.index] as number;
    return {
      submitted: mine.length,
      scheduled: mine.filter((j) => j.everPlaced).length,
      fullyScheduled: mine.filter((j) => j.phase === JobPhase.FullyScheduled).length,
      abandoned: mine.filter((j) => j.phase === JobPhase.Abandoned).length,
      pending: mine.filter((j) => j.phase === JobPhase.Pending).length,
      waitFirstSec: summarizeWaits(
        mine,
        submitted,
        (j) => this.firstAttemptUs[j.index] as number,
        this.horizonUs,
      ),
      waitFullSec: summarizeWaits(
        mine,
        submitted,
        (j) => this.fullyScheduledUs[j.index] as number,
        this.horizonUs,
      ),
      attemptsMean:
        attempted.length === 0 ? 0 : attempted.reduce((s, j) => s + j.attempts, 0) / attempted.length,
    };
  }

  private summarizeCell(cell: CellFacts): CellSummary {
    const h = this.horizonUs;
    const frac = (x: number, total: number) => (total > 0 && h > 0 ? x / h / total : 0);
    const cpuArea = this.cpu.finish();
    const memArea = this.mem.finish();
    const lockedCpuArea = this.lockedCpu.finish();
    const lockedMemArea = this.lockedMem.finish();
    const perCapacity = (xs: number[], total: number) => xs.map((x) => (total > 0 ? x / total : 0));
    return {
      machines: cell.machines,
      totalCpus: cell.totalCpus,
      totalMemGb: cell.totalMemGb,
      utilization: { cpu: frac(cpuArea, cell.totalCpus), mem: frac(memArea, cell.totalMemGb) },
      locked: { cpu: frac(lockedCpuArea, cell.totalCpus), mem: frac(lockedMemArea, cell.totalMemGb) },
      prefill: cell.prefill,
      ...(cell.extra && cell.extra.length > 0
        ? {
            resources: cell.extra.map(({ name, total }, d) => ({
              name,
              total,
              utilization: frac(this.extra[d]?.finish() ?? 0, total),
            })),
          }
        : {}),
      ...(cell.machineSeries ? { machineSeries: cell.machineSeries } : {}),
      series: {
        periodSec: usToSec(Math.max(1, Math.min(this.cpu.binUs, h))),
        cpuUtilization: perCapacity(this.cpu.binMeans(), cell.totalCpus),
        memUtilization: perCapacity(this.mem.binMeans(), cell.totalMemGb),
        lockedCpu: perCapacity(this.lockedCpu.binMeans(), cell.totalCpus),
        lockedMem: perCapacity(this.lockedMem.binMeans(), cell.totalMemGb),
      },
    };
  }
}
