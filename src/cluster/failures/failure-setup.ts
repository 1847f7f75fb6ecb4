import type { SimTime } from "../../engine/time.js";
import type { WorkloadKind } from "../job.js";
import type { MachineEvent } from "../machine-event.js";

/** A failure process: draws of its time to failure (from being up) and time to repair, µs. */
export interface FailureProcess {
  /** Next time to failure, µs (> 0). */
  timeToFailureUs: () => number;
  /** Next time to repair, µs (≥ 0). */
  timeToRepairUs: () => number;
}

/** What happens to lost work, per workload kind (docs/failures.md, "Lost work"). */
export interface LostWorkRules {
  /**
   * Batch tasks are re-queued at once; with a checkpoint interval a re-run resumes from the last
   * whole interval of work it had done, without one it starts over.
   */
  batch: { checkpointIntervalUs?: SimTime };
  /** Service instances come back to their scheduler after the framework's restart delay. */
  service: { restartDelayUs: SimTime };
}

/** Failures of one run, ready to use (the experiment layer draws from the run's named streams). */
export interface FailureSetup {
  /** Each machine fails and is repaired on its own (absent: no independent machine failures). */
  machines?: FailureProcess;
  /**
   * Correlated failures: consecutive machines in domains of `size` (racks, PDUs; the last one may
   * be smaller), each failing and repaired as a whole.
   */
  domains?: FailureProcess & { size: number };
  /** Machine events from a trace (or a hand-written schedule), any order; sorted on use. */
  events?: readonly MachineEvent[];
  lostWork: LostWorkRules;
}

/** Why tasks are taken off a machine. */
export type LossCause = "failure" | "preemption";

/**
 * What the failure model reports (the metrics layer implements it). Times are µs.
 */
export interface FailureObserver {
  /** A machine's own failure process failed it (`wasUp`: it was up until now). */
  machineFailed(nowUs: SimTime, machine: number, wasUp: boolean): void;
  /** A failure domain failed (its machines go down with it). */
  domainFailed(nowUs: SimTime, domain: number): void;
  /** Machine m went down now (from up) / came back up now. */
  machineDown(nowUs: SimTime, machine: number): void;
  machineUp(nowUs: SimTime, machine: number): void;
  /** Tasks of a submitted job were lost; `lostWorkUs`: run time thrown away, summed over them. */
  tasksLost(kind: WorkloadKind, tasks: number, lostWorkUs: number, cause: LossCause): void;
  /** Tasks of prefill jobs (no scheduler brings them back) were lost. */
  prefillTasksLost(tasks: number): void;
  /** A lost task's re-run was placed, `recoverUs` after it was lost. */
  taskRestarted(kind: WorkloadKind, recoverUs: number): void;
  /** Service instances of submitted jobs running changed by `delta` now. */
  serviceRunningChanged(nowUs: SimTime, delta: number): void;
  /** A lost service instance was missing for `missingUs` (until its restart or planned end). */
  serviceInstanceMissing(missingUs: number): void;
}
