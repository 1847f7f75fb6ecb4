import type { SimTime } from "../engine/time.js";
import type { PrefillSpec, Sampler, WorkloadSpec } from "../workloads/spec.js";
import type { DecisionTime, RetryRule } from "../cluster/decision.js";
import type { NamedBlock } from "./block-schema.js";
import type { TypeCount } from "../quasar/machine-types.js";
import type { SchedulerFailureSpec } from "./failover-schema.js";
import type { SchedulingOptions } from "../cluster/scheduling.js";
import type { MachineEventsSpec } from "./machine-events-schema.js";

export type { DecisionTime, RetryRule };

/** Validated, unit-resolved configuration of one run (after sweep expansion and defaults). */

export interface ClusterSpec {
  /** Preset name if it came from one (provenance). */
  preset?: string;
  machines: number;
  /** CPUs per machine (a typed cell: the mean over its machines, so machines × cpus is exact). */
  cpus: number;
  /** Memory per machine, GB (a typed cell: the mean). */
  memGb: number;
  /**
   * Machine types and counts of a heterogeneous cell (absent: homogeneous). A typed cell turns
   * the performance model on: machine speeds and interference for jobs that carry a model.
   */
  types?: TypeCount[];
  /** Each machine's amount of further resource dimensions, by name (absent: CPU and memory only). */
  resources?: Record<string, number>;
}

/**
 * An architecture block as written in the experiment file, `type` filled in (default
 * monolithic). The run parses it with the architecture's own schema (defaults, units → µs).
 */
export type ArchitectureBlock = NamedBlock;

/** A failure process as configured: time to failure and to repair (µs samplers). */
export interface FailureProcessSpec {
  timeToFailure: Sampler;
  timeToRepair: Sampler;
}

/** What becomes of work lost to a machine failure, per kind (docs/failures.md). */
export interface LostWorkSpec {
  batch: { checkpointIntervalUs?: SimTime };
  service: { restartDelayUs: SimTime };
}

/** The `failures` block, units resolved (docs/failures.md, docs/failover.md). */
export interface FailureSpec {
  /** A display name for reports (a swept failures block reads as it); no effect on the run. */
  name?: string;
  /** Each machine fails on its own. */
  machines?: FailureProcessSpec;
  /** Consecutive machines in domains of `size` fail together. */
  domains?: FailureProcessSpec & { size: number };
  /**
   * Machines go down and up as a machine-events trace says (its path resolved like a workload
   * trace's; each run reads the file, preflight checks and hashes it).
   */
  events?: MachineEventsSpec;
  /** Present exactly when machines can fail (`machines`, `domains` or `events`). */
  lostWork?: LostWorkSpec;
  /** Scheduler and master failover (docs/failover.md). */
  schedulers?: SchedulerFailureSpec[];
}

/** The failure spec when machines can fail (a failure process or a machine-events trace), else undefined. */
export function machineFailuresOf(
  spec: FailureSpec | undefined,
): (FailureSpec & { lostWork: LostWorkSpec }) | undefined {
  return spec?.lostWork ? (spec as FailureSpec & { lostWork: LostWorkSpec }) : undefined;
}

export interface RunConfig {
  horizonUs: SimTime;
  cluster: ClusterSpec;
  workload: WorkloadSpec;
  prefill: PrefillSpec;
  architecture: ArchitectureBlock;
  /** Placement policy name (built-ins in src/policies/placement, or a plug-in's). */
  placement: string;
  /**
   * The allocation block as written, `type` filled in (absent: `reservation`, the default, so
   * configs and resume hashes of runs that never chose one stay as before).
   */
  allocation?: NamedBlock;
  retry: RetryRule;
  /**
   * Failures (absent: none, so configs and resume hashes of runs without them stay as before):
   * machines and failure domains (docs/failures.md), schedulers (docs/failover.md).
   */
  failures?: FailureSpec;
  /**
   * Priority-ordered queues and preemption (docs/preemption.md); absent when both are off, so
   * configs and resume hashes of runs that never chose them stay as before.
   */
  scheduling?: SchedulingOptions;
  /** Period of the down-sampled utilization series. */
  /**
   * Period of the down-sampled series; `machines` machines (evenly spaced over the cell) get
   * their CPU utilization point-sampled at the same period, for heatmaps (0 = off).
   */
  metrics: {
    samplePeriodUs: SimTime;
    machines?: number;
    /** Record every task's machine and times (the task-timeline figure); absent when off. */
    timeline?: true;
    /** Record every submitted job (jobs.csv.gz); absent when off. */
    jobs?: true;
    /** Window of the per-scheduler series (scheduler-series.csv); absent when off. */
    schedulerSeriesUs?: SimTime;
  };
}
