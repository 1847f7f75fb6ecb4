import type { SimEvent } from "../engine/event.js";
import type { CellView } from "./cell-view.js";
import type { WorkloadKind } from "./job.js";
import type { JobState } from "./job-state.js";

/** A scheduler as reported in metrics: its name and the workload kinds it serves. */
export interface SchedulerInfo {
  /** Its name in reports (unique within the architecture). */
  name: string;
  /** The kinds of jobs it decides. */
  workloads: WorkloadKind[];
}

/**
 * The target of a scheduler failure that is not one of `Architecture.schedulers`: the two-level
 * master (the allocator making offers). Architectures with a master say so (`hasMaster`).
 */
export const MASTER = -1;

/**
 * A scheduler architecture plugged into the cluster model. The model owns time, the cell, job
 * arrivals and task ends; the architecture owns queues and decisions.
 */
export interface Architecture {
  /** Schedulers by index (the index is the `scheduler` operand in events and metrics). */
  readonly schedulers: readonly SchedulerInfo[];
  /** A job was submitted now. */
  submit(job: JobState): void;
  /**
   * `tasks` of the job's tasks ended now (resources already freed); `machines` has one entry per
   * ended task: where it ran.
   */
  tasksEnded(job: JobState, tasks: number, machines: readonly number[]): void;
  /**
   * Optional: tasks ended now on `machines` (one entry per task), whoever ran them — prefill
   * tasks included, which `tasksEnded` does not report. For architectures that keep per-machine
   * state, e.g. queues of reservations served when a machine frees up. Called after `tasksEnded`.
   */
  machinesFreed?(machines: readonly number[]): void;
  /**
   * Optional, failures on: machine m went down now. Its tasks were lost first (each job's
   * `tasksEnded` was called for them) and its capacity is gone until `machineRepaired`; a claim on
   * it conflicts. For architectures that keep per-machine state.
   */
  machineFailed?(machine: number): void;
  /** Optional, failures on: machine m is back now, empty, with its capacity (room appeared). */
  machineRepaired?(machine: number): void;
  /**
   * Optional: may resources be claimed now outside the architecture's own decisions (an
   * allocation policy's monitoring growing a running job)? Default yes. Two-level says no while
   * a bulk offer is open: that offer holds every free resource implicitly, so a claim outside
   * it would take resources a framework was offered.
   */
  outsideClaimsAllowed?(): boolean;
  /** Where prefill jobs of this kind are placed (default: the whole cell). */
  prefillView?(kind: WorkloadKind): CellView;
  /** An event of a kind the model does not own (scheduler steps, retries, offer rounds). */
  handle(event: SimEvent): void;
  /**
   * Optional, scheduler failover (docs/failover.md): scheduler `index` (or {@link MASTER}) fails
   * now. Its running tasks keep running; it makes no decision until `schedulerUp`; a decision in
   * flight is lost (reported as an attempt with outcome `WastedFailure`) and its job re-queued.
   * An architecture without it cannot run with `failures.schedulers`.
   */
  schedulerDown?(index: number): void;
  /** Optional, scheduler failover: scheduler `index` (or {@link MASTER}) is back now. */
  schedulerUp?(index: number): void;
  /** Optional: the architecture has a master that can fail ({@link MASTER}; two-level). */
  readonly hasMaster?: boolean;
}
