import type { SchedulerInfo } from "../cluster/architecture.js";
import { WORKLOAD_KINDS, type FrameworkJob, type JobSpec, type WorkloadKind } from "../cluster/job.js";
import { JobPhase, type JobState } from "../cluster/job-state.js";
import { JobLedger } from "./job-ledger.js";
import type { AttemptOutcomeId, SchedulingObserver } from "../cluster/observer.js";
import { US_PER_DAY, usToSec, type SimTime } from "../engine/time.js";
import { FrameworkStats } from "./framework-stats.js";
import { jobRecords } from "./job-records.js";
import { LevelIntegrator } from "./level-integrator.js";
import { ReplayStats } from "./replay-stats.js";
import type { RerunCause } from "../cluster/task-replay.js";
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
 * keeps a compact ledger (kind, the times waits need, the settled outcome), never the jobs
 * themselves, so the model may let a finished job go.
 */
export class RunMetrics implements SchedulingObserver {
  private readonly ledger: JobLedger;
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
  /** Evicted tasks and their lost task-seconds per kind (by WORKLOAD_KINDS index), preemption on. */
  private preempted: { tasks: number[]; lostSec: number[] } | undefined;
  /** Re-runs of replayed trace tasks (present once a job with `taskRuns` arrived). */
  private replay: ReplayStats | undefined;
  /** Framework outcomes, created when the first framework job shows up (docs/metrics.md#frameworks). */
  private fw: FrameworkStats | undefined;

  /**
   * `schedulerSeriesUs`: window of the per-scheduler series (`metrics.schedulerSeries`); off when
   * absent. `recordJobs`: add per-job records to the summary (`metrics.jobs`). `failover`: the
   * run has scheduler failures, so scheduler summaries and series carry the wasted-failure part.
   */
  constructor(
    private readonly horizonUs: SimTime,
    samplePeriodUs: SimTime,
    private readonly schedulerSeriesUs?: SimTime,
    private readonly recordJobs = false,
    private readonly failover = false,
  ) {
    this.ledger = new JobLedger(recordJobs);
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
      this.series = new SchedulerSeriesRecorder(this.horizonUs, clamped, infos, this.failover);
    }
  }

  /** Reports `preemptions` and `preemptedTaskSec` per kind (the run has preemption on). */
  countPreemptions(): void {
    this.preempted = { tasks: WORKLOAD_KINDS.map(() => 0), lostSec: WORKLOAD_KINDS.map(() => 0) };
  }

  tasksPreempted(job: JobState, tasks: number, lostTaskSec: number, wasFullyScheduled: boolean): void {
    const k = WORKLOAD_KINDS.indexOf(job.spec.kind);
    if (this.preempted && k >= 0) {
      (this.preempted.tasks[k] as number) += tasks;
      (this.preempted.lostSec[k] as number) += lostTaskSec;
    }
    // Pending again: its full wait ends when all its tasks are placed again (censored if never).
    if (wasFullyScheduled) this.ledger.fullyScheduledUs[job.index] = -1;
  }

  replaysTaskRuns(): void {
    this.replay ??= new ReplayStats();
  }

  taskRunsRepeated(
    job: JobState,
    cause: RerunCause,
    tasks: number,
    thrownAwayTaskSec: number,
    wasFullyScheduled: boolean,
  ): void {
    this.replay?.add(job.spec.kind, cause, tasks, thrownAwayTaskSec);
    // Pending again, as after a preemption: its full wait ends when all its tasks are placed again.
    if (wasFullyScheduled) this.ledger.fullyScheduledUs[job.index] = -1;
  }

  queueLengthChanged(scheduler: number, nowUs: SimTime, queued: number): void {
    this.series?.queueLengthChanged(scheduler, nowUs, queued);
  }

  jobSubmitted(job: JobState, nowUs: SimTime): void {
    this.ledger.submitted(job, nowUs);
    const fw = job.spec.fw;
    if (fw !== undefined) this.frameworkStats().jobSubmitted(fw);
  }

  jobSkipped(job: JobState): void {
    this.frameworkStats().jobSkipped(job.spec.fw as FrameworkJob);
  }

  jobCancelled(spec: JobSpec): void {
    this.frameworkStats().jobCancelled(spec);
  }

  tasksLocality(job: JobState, local: number, remote: number): void {
    this.frameworkStats().tasksLocality(job.spec.fw as FrameworkJob, local, remote);
  }

  appEnded(fw: FrameworkJob, nowUs: SimTime, completed: boolean): void {
    this.frameworkStats().appEnded(fw, nowUs, completed);
  }

  frameworkShares(nowUs: SimTime, names: readonly string[], cpus: Float64Array, memGb: Float64Array): void {
    this.frameworkStats().frameworkShares(nowUs, names, cpus, memGb);
  }

  /** The run's workload declares these frameworks: each gets a summary row, in this order. */
  declareFrameworks(names: readonly string[]): void {
    this.frameworkStats().declare(names);
  }

  private frameworkStats(): FrameworkStats {
    return (this.fw ??= new FrameworkStats(this.horizonUs));
  }

  attemptStarted(job: JobState, _scheduler: number, nowUs: SimTime): void {
    const first = this.ledger.firstAttemptUs;
    if (first[job.index] === -1) first[job.index] = nowUs;
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
    this.ledger.fullyScheduledUs[job.index] = nowUs;
  }

  jobRequeued(job: JobState): void {
    // Not fully scheduled any more: its full wait runs on until all its tasks are placed again.
    this.ledger.fullyScheduledUs[job.index] = -1;
  }

  jobAbandoned(): void {}

  jobSettled(job: JobState, _nowUs: SimTime): void {
    this.ledger.settled(job);
  }

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
   * The run's summary at the horizon. `unsettled` are the jobs the model still holds (queued,
   * running or just finished): their attempts and phase are read now; every other job reported
   * its own when it settled (`jobSettled`).
   */
  summarize(unsettled: Iterable<JobState>, cell: CellFacts, events: number): RunSummary {
    for (const job of unsettled) this.ledger.settled(job);
    const workloads: Record<string, WorkloadSummary> = {};
    for (const kind of WORKLOAD_KINDS) workloads[kind] = this.summarizeKind(kind);
    const horizonSec = usToSec(this.horizonUs);
    return {
      workloads,
      schedulers: this.schedulers.map((s, i) =>
        summarizeScheduler(this.schedulerInfo[i] as SchedulerInfo, s, this.horizonUs, this.failover),
      ),
      cell: this.summarizeCell(cell),
      events,
      simulatedSec: horizonSec,
      ...(this.series ? { schedulerSeries: this.series.series() } : {}),
      ...(this.recordJobs ? { jobs: jobRecords(this.ledger) } : {}),
      ...(this.fw ? { frameworks: this.fw.summary(cell.totalCpus, cell.totalMemGb) } : {}),
    };
  }

  private summarizeKind(kind: WorkloadKind): WorkloadSummary {
    const ledger = this.ledger;
    const rows = rowsOfKind(ledger, WORKLOAD_KINDS.indexOf(kind));
    let scheduled = 0;
    let fullyScheduled = 0;
    let abandoned = 0;
    let pending = 0;
    let attempted = 0;
    let attemptsSum = 0;
    for (let k = 0; k < rows.length; k++) {
      const i = rows[k] as number;
      const phase = ledger.phase[i];
      if (ledger.everPlaced[i] === 1) scheduled++;
      if (phase === JobPhase.FullyScheduled) fullyScheduled++;
      else if (phase === JobPhase.Abandoned) abandoned++;
      else if (phase === JobPhase.Pending) pending++;
      const attempts = ledger.attempts[i] as number;
      if (attempts > 0) {
        attempted++;
        attemptsSum += attempts;
      }
    }
    const { submitUs, firstAttemptUs, fullyScheduledUs } = ledger;
    return {
      submitted: rows.length,
      scheduled,
      fullyScheduled,
      abandoned,
      pending,
      waitFirstSec: summarizeWaits(rows, submitUs, firstAttemptUs, this.horizonUs),
      waitFullSec: summarizeWaits(rows, submitUs, fullyScheduledUs, this.horizonUs),
      attemptsMean: attempted === 0 ? 0 : attemptsSum / attempted,
      ...this.rerunFields(kind),
    };
  }

  /** Preemptions (preemption on) and re-runs of replayed trace tasks; none without either. */
  private rerunFields(kind: WorkloadKind): Partial<WorkloadSummary> {
    const k = WORKLOAD_KINDS.indexOf(kind);
    const simulated = this.preempted
      ? { tasks: this.preempted.tasks[k] as number, sec: this.preempted.lostSec[k] as number }
      : undefined;
    if (this.replay) return this.replay.fields(kind, simulated);
    return simulated ? { preemptions: simulated.tasks, preemptedTaskSec: simulated.sec } : {};
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

/** The ledger rows (job indices, ascending) of the kind with code `code`. */
function rowsOfKind(ledger: JobLedger, code: number): Uint32Array {
  let n = 0;
  for (let i = 0; i < ledger.rows; i++) if (ledger.kindCode[i] === code) n++;
  const rows = new Uint32Array(n);
  let k = 0;
  for (let i = 0; i < ledger.rows; i++) if (ledger.kindCode[i] === code) rows[k++] = i;
  return rows;
}
