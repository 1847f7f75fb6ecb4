import type { PerformanceSummary } from "../quasar/summary.js";
/**
 * The result contract (docs/metrics.md). These names appear in results.json, results.csv and the
 * report; renaming one is a breaking change for every consumer.
 */

/** Distribution of a per-job quantity in seconds. Percentiles interpolate linearly (type 7). */
export interface DistributionSummary {
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  /** How many of the values are censored at the horizon (the event had not happened yet). */
  censored: number;
}

/** Per workload kind: what happened to its jobs and how long they waited. */
export interface WorkloadSummary {
  submitted: number;
  /** At least one task placed. */
  scheduled: number;
  fullyScheduled: number;
  abandoned: number;
  /** Submitted, neither fully scheduled nor abandoned at the horizon. */
  pending: number;
  /** Submit → start of the first scheduling attempt; never-attempted jobs censored at the horizon. */
  waitFirstSec: DistributionSummary;
  /** Submit → all tasks placed; jobs not fully placed are censored at the horizon. */
  waitFullSec: DistributionSummary;
  /** Mean number of scheduling attempts per attempted job. */
  attemptsMean: number;
  /** Running tasks of this kind evicted by preemption (present only with `scheduling.preemption`). */
  preemptions?: number;
  /** Task-seconds of work the evicted tasks had done, thrown away (with `preemptions`). */
  preemptedTaskSec?: number;
  /** Failures on (absent otherwise): tasks of this kind lost to machine failures. */
  tasksLost?: number;
  /** Failures on: run time of lost tasks thrown away (since the last checkpoint), task-seconds. */
  lostTaskSec?: number;
  /** Failures on: re-runs of lost tasks placed. */
  restarts?: number;
  /**
   * Failures on, services: time-weighted fraction of desired instances running, where an
   * instance is desired while it runs and while it is lost and not yet placed again (until its
   * planned end). 1 when no instance was ever lost.
   */
  availability?: number;
  /** Failures on, services: from an instance's loss to its restart being placed, s. */
  timeToRecoverSec?: { mean: number; p90: number };
}

/**
 * `summary.failures`: what failed (docs/metrics.md). The machine keys are present when machines
 * can fail (`failures.machines`/`domains`), `schedulerDownSec` when schedulers can
 * (`failures.schedulers`).
 */
export interface FailureSummary {
  /** Failures of machines by their own process or a trace (a machine already down counts too). */
  machineFailures?: number;
  /** Failures of whole failure domains. */
  domainFailures?: number;
  /** Machine-seconds down, summed over machines (overlapping causes count once). */
  machineDownSec?: number;
  /** Tasks of prefill jobs lost (no scheduler brings those back). */
  prefillTasksLost?: number;
  /**
   * Scheduler failover: the time schedulers were down, s, summed over every scheduler and the
   * two-level master (a scheduler down at the horizon counts until the horizon).
   */
  schedulerDownSec?: number;
}

/** Per scheduler: how busy it was and what its transactions did. */
export interface SchedulerSummary {
  name: string;
  /** Workload kinds this scheduler serves. */
  workloads: string[];
  /** (useful + wastedConflict + wastedNoFit + wastedFailure) / elapsed time. */
  busyness: number;
  /** Median over days of the daily busyness; MAD = median absolute deviation from it. */
  busynessDailyMedian: number;
  busynessDailyMad: number;
  usefulSec: number;
  wastedConflictSec: number;
  wastedNoFitSec: number;
  /**
   * Think time lost to a failure of this scheduler (or of the two-level master holding its
   * offer): the decision in flight, and decisions made in an offer not yet replied to. Present
   * when the run configures `failures.schedulers`.
   */
  wastedFailureSec?: number;
  /** Time this scheduler was down, s (present when the run configures `failures.schedulers`). */
  downSec?: number;
  attempts: number;
  transactions: { committed: number; conflicted: number };
  /** conflicted / committed transactions (Omega's definition; can exceed 1); conflicted / 1 when none committed. */
  conflictFraction: number;
  conflictFractionDailyMedian: number;
}

/** Down-sampled time series: value i is the exact time-weighted mean over [i·period, (i+1)·period). */
export interface CellSeries {
  periodSec: number;
  cpuUtilization: number[];
  memUtilization: number[];
  lockedCpu: number[];
  lockedMem: number[];
  /** Failures on: machines down (time-weighted mean count per interval). */
  downMachines?: number[];
  /** Failures on: installed CPUs down, as a fraction of the cell's installed CPUs. */
  downCpu?: number[];
}

/** Per-machine CPU utilization point-sampled at t = i·period (opt-in: `metrics.machines`). */
export interface MachineSeries {
  periodSec: number;
  /** Machine indices sampled (evenly spaced over the cell). */
  machines: number[];
  /** cpuUtilization[k][i]: machine `machines[k]` at sample i, as a fraction of its capacity. */
  cpuUtilization: number[][];
  /**
   * Present only for cells with further resource dimensions (e.g. GPUs): per dimension, in the
   * cell's order, `utilization[k][i]` as for `cpuUtilization` (a machine without the dimension: 0).
   */
  resources?: { name: string; utilization: number[][] }[];
}

/** The cell: capacity, exact utilization, prefill and the sampled series. */
export interface CellSummary {
  machines: number;
  totalCpus: number;
  totalMemGb: number;
  /** Exact time-weighted fraction of capacity occupied by running tasks. */
  utilization: { cpu: number; mem: number };
  /**
   * The cell's further resource dimensions (present only when it declares any): each one's total
   * capacity and exact time-weighted fraction occupied by running tasks.
   */
  resources?: { name: string; total: number; utilization: number }[];
  /** Exact time-weighted fraction of capacity held in (two-level) offers. */
  locked: { cpu: number; mem: number };
  prefill: { jobs: number; tasksPlaced: number; tasksDropped: number; cpuFraction: number };
  series: CellSeries;
  /** Present when per-machine sampling was asked for. */
  machineSeries?: MachineSeries;
}

/** One task on one machine, from its start to its end (or the horizon, if it was still running). */
export interface TimelineTask {
  machine: number;
  /** The job's id (`JobSpec.id`). */
  jobId: number;
  kind: string;
  /** Present (true) for tasks of jobs already running at t = 0. */
  prefill?: boolean;
  startSec: number;
  endSec: number;
}

/** Every task a run started, in start order (opt-in: `metrics.timeline`; tiny cells only). */
export interface TaskTimeline {
  /** The cap on recorded tasks; `droppedTasks` started after it was reached and are not listed. */
  maxTasks: number;
  droppedTasks: number;
  tasks: TimelineTask[];
}

/** What became of a submitted job by the horizon. */
export type JobOutcome = "fully-scheduled" | "abandoned" | "skipped" | "pending";

/**
 * Every submitted job of a run, one array per field, index i = the i-th submitted job
 * (opt-in: `metrics.jobs`). Kept in runs/<id>.json and written to jobs.csv.gz; results.json
 * leaves it out. Times are seconds from the start of the run; null = had not happened.
 */
export interface JobRecords {
  jobId: number[];
  kind: string[];
  tasks: number[];
  submitSec: number[];
  firstAttemptSec: (number | null)[];
  fullyScheduledSec: (number | null)[];
  attempts: number[];
  outcome: JobOutcome[];
}

/**
 * One scheduler's series over fixed windows: value i covers window i, [i·window, (i+1)·window)
 * (the last window ends at the horizon, so it may be shorter). Attempts count in the window
 * where their think time ends; an attempt still thinking at the horizon is not counted, as in
 * {@link SchedulerSummary}.
 */
export interface SchedulerWindowSeries {
  /** The scheduler's name, as in `summary.schedulers[].name`. */
  name: string;
  /** Jobs waiting in its queue (not the ones being decided): exact time-weighted mean. */
  queueLengthMean: number[];
  /** Largest queue length held for a positive time within the window. */
  queueLengthMax: number[];
  /** Fraction of the window spent thinking in attempts that ended useful. */
  busynessUseful: number[];
  /** Fraction of the window spent thinking in attempts wasted by a conflict. */
  busynessWastedConflict: number[];
  /** Fraction of the window spent thinking in attempts that found room for no task. */
  busynessWastedNoFit: number[];
  /** Fraction of the window spent thinking in attempts lost to a failure (with `failures.schedulers`). */
  busynessWastedFailure?: number[];
  /** Attempts whose think time ended in the window. */
  attempts: number[];
  /** Of those, transactions that committed without conflict. */
  committed: number[];
  /** Of those, transactions in which some claim conflicted. */
  conflicted: number[];
}

/** Per-scheduler series (opt-in: `metrics.schedulerSeries`, the window length). */
export interface SchedulerSeries {
  /** Window length, s. */
  windowSec: number;
  /** One entry per scheduler, in the order of `summary.schedulers`. */
  schedulers: SchedulerWindowSeries[];
}

/** Mean, median and 90th percentile of a per-application quantity over `count` applications. */
export interface FrameworkSpread {
  count: number;
  mean: number;
  p50: number;
  p90: number;
}

/** One framework's outcomes in a run (docs/metrics.md#frameworks). */
export interface FrameworkSummary {
  /** The framework instance's name (`JobSpec.fw.framework`). */
  name: string;
  /** Applications whose first job was submitted. */
  appsSubmitted: number;
  /** Applications whose every job completed. */
  appsCompleted: number;
  /** Applications that ended with a job abandoned, skipped or cancelled. */
  appsFailed: number;
  /** Applications submitted and not ended by the horizon. */
  appsUnfinished: number;
  /** Jobs skipped at their start deadline (missed Chronos slots). */
  jobsSkipped: number;
  /** Jobs cancelled because a job they come after failed (never submitted). */
  jobsCancelled: number;
  /** Completed applications: end − `fw.appSubmitUs`, s; null when none completed. */
  completionSec: FrameworkSpread | null;
  /** Completed applications: completion time / `fw.aloneUs`; null when none completed. */
  slowdown: FrameworkSpread | null;
  /** Completed applications of more than one job (pipelines): their completion time, s. */
  pipelineMakespanSec: FrameworkSpread | null;
  /**
   * Points of the empirical CDF of completed applications' completion times (at most 101, both
   * ends included): `sec[i]` with `fraction[i]` of the applications done by then.
   */
  completionCdf: { sec: number[]; fraction: number[] };
  /** Tasks with an input block that started on a machine holding it. */
  localTasks: number;
  /** Tasks with an input block that started elsewhere. */
  remoteTasks: number;
  /** localTasks / (localTasks + remoteTasks); null when the framework's tasks have no blocks. */
  locality: number | null;
  /** Time-weighted mean over the samples of the dominant share; null when nothing was sampled. */
  dominantShareMean: number | null;
  /** Dominant share at each sample (`FrameworksSummary.sampleSec`), 4 decimals. */
  dominantShare: number[];
}

/**
 * `summary.frameworks`: present only when the run has framework jobs. Shares are point samples
 * taken every `metrics.samplePeriod` from t = 0.
 */
export interface FrameworksSummary {
  /** The sample times, s. */
  sampleSec: number[];
  /**
   * Jain's index over the dominant shares of the frameworks active at each sample (a live
   * application or resources held); null where their shares sum to 0 (the sample is skipped).
   */
  jainIndex: (number | null)[];
  /** Time-weighted mean of `jainIndex` over the samples that have one; null when none has. */
  jainIndexMean: number | null;
  /** One entry per framework, in order of appearance. */
  byFramework: FrameworkSummary[];
}

/** What one run measured: results.json `runs[].summary`. */
export interface RunSummary {
  workloads: Record<string, WorkloadSummary>;
  schedulers: SchedulerSummary[];
  cell: CellSummary;
  /** Events processed by the engine. */
  events: number;
  simulatedSec: number;
  /** Present when the run has a `failures` block: what failed and for how long. */
  failures?: FailureSummary;
  /** Present when the experiment asked for `metrics.timeline`. */
  timeline?: TaskTimeline;
  /** Present when the experiment asked for `metrics.schedulerSeries`. */
  schedulerSeries?: SchedulerSeries;
  /** Present when the experiment asked for `metrics.jobs` (never in results.json). */
  jobs?: JobRecords;
  /**
   * Present when the run's jobs carry a performance model (a cell with machine types): each
   * job's performance against its target, CPU used / allocated / reserved, per-machine
   * utilization and classification error.
   */
  performance?: PerformanceSummary;
  /** Present when the run has framework jobs (docs/metrics.md#frameworks). */
  frameworks?: FrameworksSummary;
  /**
   * Present when the run replays a trace some of whose jobs the reader censored: still running
   * at the trace window's end, their runtime was cut there (docs/traces.md, Censoring).
   */
  trace?: { censoredJobs: number };
}
