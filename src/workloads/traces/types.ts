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
  AzurePackingReadOptions;

/** Counts by reason (stable key order: sorted when serialized). */
export type ReasonCounts = Record<string, number>;

/** What a reader returns: the jobs, plus what it left out and why. */
export interface TraceReadResult extends TraceJobs {
  /** The files read, in order (globs expanded). */
  files: string[];
  /** Data rows read (excluding headers and comments). */
  rows: number;
  /** Rows skipped as unusable (only with `skipInvalid`), by reason. */
  skipped: ReasonCounts;
  /** Well-formed jobs or tasks not kept (e.g. never scheduled in the window), by reason. */
  dropped: ReasonCounts;
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
