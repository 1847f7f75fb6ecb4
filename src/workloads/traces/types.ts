import type { JobSpec, WorkloadKind } from "../../cluster/job.js";
import type { TraceJobs, TraceReadOptions } from "../native-csv.js";

/**
 * Shared types of the trace readers: the options every reader accepts, the per-format options,
 * and what a reader returns (the jobs plus the counts of what it left out, for the manifest).
 */

/** Machine capacity that a trace's normalized units (1.0 = the largest machine) are scaled to. */
export interface MachineCapacity {
  cpus: number;
  memGb: number;
}

/** Options common to every reader. */
export interface CommonReadOptions extends TraceReadOptions {
  /** Skip unusable rows (counted by reason) instead of failing on the first one. */
  skipInvalid?: boolean;
  /**
   * With skipInvalid: warn on stderr when more than this share (0–1) of the rows were skipped
   * (default 0.5; 0 warns on any skipped row, 1 never). Readers ignore it; it changes no result.
   */
  skipWarnShare?: number;
}

/** How per-task durations of one job collapse into the job model's single duration. */
export type TaskDurationRule = "mean" | "median" | "max";

/** Batch/service rule for Google 2011: service ⇔ priority test `combine` scheduling-class test. */
export interface GoogleServiceRule {
  /** Priorities at or above this are "production" (default 9: the trace's production band 9–11). */
  minPriority: number;
  /** Scheduling classes counted as latency-sensitive (default [2, 3]: not 0 or 1). */
  schedulingClasses: number[];
  /** "and" = the reference rule (both must hold); "or" = either suffices. */
  combine: "and" | "or";
}

/** Options of the `google-2011` reader. */
export interface GoogleReadOptions extends CommonReadOptions {
  /** job_events shards (paths or globs); when given, a job's submit and class come from them. */
  jobEvents?: string[];
  /** What 1.0 of a normalized request means (default 8 CPUs, 32 GB: see docs/traces.md). */
  machine?: MachineCapacity;
  service?: Partial<GoogleServiceRule>;
  /** Default "mean" (keeps the job's task-seconds). */
  taskDuration?: TaskDurationRule;
  /**
   * Keep each task's runs (EVICT/FAIL/KILL/LOST then re-SCHEDULE) as `JobSpec.taskRuns` instead
   * of only their collapsed duration (default false: jobs exactly as without the option).
   */
  keepTaskEvents?: boolean;
}

/** Options of the `swf` reader. */
export interface SwfReadOptions extends CommonReadOptions {
  /** "tasks" (default): N processors → N tasks of `cpusPerProcessor`; "one-task": one N-CPU task. */
  processors?: "tasks" | "one-task";
  /** CPUs per SWF processor (default 1). */
  cpusPerProcessor?: number;
  /** Memory per processor when the log gives none (−1); default 0. */
  memGbPerProcessor?: number;
  /** Kind by queue number, then by partition number, else `defaultKind` (default batch). */
  queueKinds?: Record<string, WorkloadKind>;
  partitionKinds?: Record<string, WorkloadKind>;
  defaultKind?: WorkloadKind;
  /** Priority by queue number (higher = more important); unmapped queues keep their number. */
  queuePriorities?: Record<string, number>;
}

/** Options of the `alibaba-2018` reader. */
export interface AlibabaReadOptions extends CommonReadOptions {
  /** Memory of the machine that plan_mem 100 means (default 384 GB: 96 cores × 4 GB). */
  machineMemGb?: number;
  /** Kind of every batch_task row (default batch). */
  kind?: WorkloadKind;
}

/** Options of the `google-2019` reader (docs/traces.md, google-2019). */
export interface Google2019ReadOptions extends CommonReadOptions {
  /** collection_events exports (paths or globs): submits, classes, alloc sets and dependencies. */
  collectionEvents?: string[];
  /** What 1.0 of a normalized request means (default 8 CPUs, 32 GB, as for google-2011). */
  machine?: MachineCapacity;
  /** Batch/service rule (default: production tier, priority ≥ 120, or scheduling class 3). */
  service?: Partial<GoogleServiceRule>;
  /** Default "mean". */
  taskDuration?: TaskDurationRule;
  /** Keep each task's runs as `JobSpec.taskRuns` (as google-2011's option). */
  keepTaskEvents?: boolean;
  /** start_after_collection_ids → `fw.after` dependencies (default true; needs collectionEvents). */
  dependencies?: boolean;
}
/** Options of the `alibaba-pai-2020` reader (docs/traces.md, "alibaba-pai-2020"). */
export interface AlibabaPaiReadOptions extends CommonReadOptions {
  /**
   * pai_job_table files (paths or globs). When given, a task's submit is its job's `start_time`
   * (the job's submission) instead of the task's own `start_time` (its launch), so the wait PAI's
   * scheduler imposed is left for the simulated scheduler to decide.
   */
  jobTable?: string[];
  /** Kind of every task row (default batch: PAI's jobs are training and batch inference). */
  kind?: WorkloadKind;
  /** Multi-instance GPU tasks are gangs: all instances start at once (default true). */
  gang?: boolean;
  /** Failed tasks: "keep" (default) runs them for their recorded run time; "drop" leaves them out. */
  failed?: "keep" | "drop";
}

/** Options of the `azure-packing-2020` reader. */
export interface AzurePackingReadOptions extends CommonReadOptions {
  /**
   * The machine type (`vmType.machineId`) whose rows size the VMs (default: the machine type the
   * most VM types can run on, the lowest id among equals). VMs whose type has no row for it are
   * dropped (counted).
   */
  machineType?: number;
  /** What a whole machine is (default 8 CPUs, 32 GB): give the replay cell's machine. */
  machine?: MachineCapacity;
  /** Kind of low-priority (evictable) VMs (default batch); high-priority VMs are service. */
  lowPriorityKind?: WorkloadKind;
}

/** Every reader option, as the experiment layer and CLI carry them (unknown ones are ignored). */
export type AnyReadOptions = GoogleReadOptions &
  SwfReadOptions &
  AlibabaReadOptions &
  Google2019ReadOptions &
  AlibabaPaiReadOptions &
  AzurePackingReadOptions;

/** Counts by reason (stable key order: sorted when serialized). */
export type ReasonCounts = Record<string, number>;

/** What a reader returns: the jobs, plus what it left out and why. */
export interface TraceReadResult extends TraceJobs {
  /** The files read, in order (globs expanded). */
  files: string[];
  /** Data rows read (excluding headers and comments). */
  rows: number;
  /**
   * Data rows of every table read, when that is more than `rows` (google-2011 with job_events,
   * whose skipped rows are in `skipped` too): the base of the skipped share.
   */
  allRows?: number;
  /** Rows skipped as unusable (only with `skipInvalid`), by reason. */
  skipped: ReasonCounts;
  /** Well-formed jobs or tasks not kept (e.g. never scheduled in the window), by reason. */
  dropped: ReasonCounts;
  /**
   * Ids of the kept jobs (prefill or submitted) that were censored: a task still running at the
   * window's end (or the trace's) was cut there, so the job's duration is a lower bound. Absent
   * or empty for formats that record every job's end (swf, the native CSV).
   */
  censoredJobs?: number[];
  /** Optional: jobs kept that are worth a note (e.g. failed runs kept, runs censored), by reason. */
  notes?: ReasonCounts;
}

/** What a reader reports besides the jobs (for readers that hand jobs out one by one). */
export interface TraceReadCounts extends Omit<TraceReadResult, "prefill" | "jobs"> {
  prefillJobs: number;
  submittedJobs: number;
}

/** Hands a whole read's jobs to `visit` in order (prefill, then submitted) and returns its counts. */
export function visitRead(read: TraceReadResult, visit: (job: JobSpec) => void): TraceReadCounts {
  const { prefill, jobs, ...counts } = read;
  prefill.forEach(visit);
  jobs.forEach(visit);
  return { ...counts, prefillJobs: prefill.length, submittedJobs: jobs.length };
}

/** Adds one to `counts[reason]`. */
export function countReason(counts: ReasonCounts, reason: string, n = 1): void {
  counts[reason] = (counts[reason] ?? 0) + n;
}
