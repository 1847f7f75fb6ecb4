import type { SimTime } from "../../engine/time.js";
import type { Architecture } from "../architecture.js";
import type { CellState } from "../cell-state.js";
import type { EventKindId } from "../events.js";
import type { JobState } from "../job-state.js";
import type { RunningTasks } from "../running-tasks.js";

/**
 * What the failure model may touch in the cluster model: its clock, cell, running tasks, job
 * table and event queue. The cluster model builds it once when failures are turned on.
 */
export interface FailureHost {
  readonly now: SimTime;
  readonly cell: CellState;
  readonly running: RunningTasks;
  readonly arch: Architecture;
  /** The held job with this index. */
  job(index: number): JobState;
  /** Something now names the job by index (a queued restart). */
  hold(job: JobState): void;
  /** That something is gone. */
  release(job: JobState): void;
  schedule(timeUs: SimTime, kind: EventKindId, a?: number, b?: number): void;
  /** Starts a group of the job's tasks now on `machines`, running `durationUs`. */
  startGroup(
    job: JobState,
    machines: readonly number[],
    cpus: number,
    memGb: number,
    durationUs: SimTime,
  ): void;
  /** `n` tasks of the job come back to be placed now; true if it was fully scheduled (ClusterModel). */
  tasksBack(job: JobState, n: number): boolean;
  /** The cell's occupied totals changed now. */
  allocationChanged(): void;
  /** `tasks` tasks of a submitted job's group `group` left machine m now (the victim index forgets them). */
  tasksTakenOff(group: number, m: number, tasks: number): void;
  /** Machine m went down now (its tasks were taken off): the architecture hears of it. */
  machineWentDown(m: number): void;
  /** Machine m came back now: the architecture hears of it; jobs waiting for room may retry. */
  machineCameUp(m: number): void;
}
