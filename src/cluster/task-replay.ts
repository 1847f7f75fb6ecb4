import type { SimTime } from "../engine/time.js";
import { InputError } from "../engine/errors.js";
import type { JobSpec, TaskRunEnd } from "./job.js";
import type { JobState } from "./job-state.js";
import type { SchedulingObserver } from "./observer.js";

/**
 * Replay of trace task runs (`JobSpec.taskRuns`, docs/traces.md "Event-keeping mode").
 *
 * 1. Each placement of k tasks of such a job starts its next k waiting tasks, lowest task index
 *    first; each runs its current run's `durationUs`. Tasks of one placement with equal run
 *    times share one running group (one end event), as `FailureModel.restartTasks` does for
 *    re-runs of lost tasks.
 * 2. When a run ends and the task has a further run, the task is not done: it goes back to its
 *    job (one more unscheduled task). A fully scheduled job is then pending again and goes back
 *    to the scheduler of its last attempt now (the model's JobRetry), as after a preemption. The
 *    run's end says why it ran again: `evict` is a preemption, `fail` and `lost` are failures
 *    (counted with the time thrown away); `kill` or `finish` before a further run is the trace's
 *    own re-submission, counted as neither. After its last run the task is done.
 * 3. A task evicted by the simulated scheduler (`scheduling.preemption`) goes back with the same
 *    run: that run starts over at its next placement.
 *
 * Jobs without `taskRuns` never reach this file: the model checks one field and takes its old path.
 */

/** Why a replayed task runs again, from the end of the run it left: evict → preemption, fail/lost → failure, another end → resubmission. */
export type RerunCause = "preemption" | "failure" | "resubmission";

/** What ended a run that is followed by another: evict → preemption, fail/lost → failure. */
export function rerunCauseOf(end: TaskRunEnd): RerunCause {
  if (end === "evict") return "preemption";
  if (end === "fail" || end === "lost") return "failure";
  return "resubmission";
}

/**
 * One job's replay position: each task's current run and the tasks waiting for a placement.
 * Tasks never placed are `fresh..tasks-1`; tasks placed before and back are kept in `back`,
 * sorted descending, so the lowest index is taken from the end. Every task in `back` is below
 * `fresh` (it was placed), so the lowest waiting task is `back`'s last, else `fresh`.
 */
export class TaskRunCursor {
  /** Each task's current run (index into its list). */
  private readonly runIndex: Uint32Array;
  private fresh = 0;
  private readonly back: number[] = [];

  constructor(private readonly spec: JobSpec) {
    this.runIndex = new Uint32Array(spec.tasks);
  }

  /** The lowest waiting task; it leaves the queue. */
  take(): number {
    const task = this.back.pop();
    if (task !== undefined) return task;
    if (this.fresh >= this.spec.tasks) throw new Error(`job ${this.spec.id}: no task waits to be placed`);
    return this.fresh++;
  }

  /** Task `task` waits to be placed again (after its run `runIndex` ended early or moved on). */
  putBack(task: number): void {
    const back = this.back;
    let lo = 0;
    let hi = back.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((back[mid] as number) > task) lo = mid + 1;
      else hi = mid;
    }
    back.splice(lo, 0, task);
  }

  /** The current run's duration of task `task`, µs. */
  durationUs(task: number): SimTime {
    return this.current(task).durationUs;
  }

  /**
   * Task `task`'s current run ended. Returns undefined if it was its last (the task is done),
   * else what made it run again, having moved the task to its next run.
   */
  runEnded(task: number): { cause: RerunCause; thrownAwayUs: SimTime } | undefined {
    const runs = this.spec.taskRuns?.[task] ?? [];
    const run = this.current(task);
    if ((this.runIndex[task] as number) + 1 >= runs.length) return undefined;
    (this.runIndex[task] as number)++;
    return { cause: rerunCauseOf(run.end), thrownAwayUs: run.durationUs };
  }

  private current(task: number) {
    const run = this.spec.taskRuns?.[task]?.[this.runIndex[task] as number];
    if (run === undefined) throw new Error(`job ${this.spec.id}: task ${task} has no current run`);
    return run;
  }
}

/** What the replay needs of the model. */
export interface TaskReplayHost {
  /** Starts one running group of the job's tasks on `machines` for `durationUs`; returns its id. */
  startGroup(
    job: JobState,
    machines: readonly number[],
    cpus: number,
    memGb: number,
    durationUs: SimTime,
  ): number;
  /** `n` tasks of the job come back to be placed now; true if it was fully scheduled (ClusterModel). */
  tasksBack(job: JobState, n: number): boolean;
  readonly observer: SchedulingObserver;
}

/** A running group of a replayed job: its tasks, aligned with its machines. */
interface ReplayGroup {
  machines: number[];
  tasks: number[];
}

/** The run's replay of task runs (created when the first job with `taskRuns` arrives). */
export class TaskReplay {
  private readonly groups = new Map<number, ReplayGroup>();

  constructor(private readonly host: TaskReplayHost) {}

  /** The replay position of a job arriving with `taskRuns` (checked: one non-empty list per task). */
  static cursorOf(spec: JobSpec): TaskRunCursor {
    const runs = spec.taskRuns ?? [];
    const ok =
      runs.length === spec.tasks && runs.every((r) => r.length > 0 && r.every((x) => x.durationUs > 0));
    if (!ok)
      throw new InputError(
        `workload job ${spec.id}: taskRuns: expected ${spec.tasks} non-empty lists of runs of positive duration (one per task)`,
      );
    return new TaskRunCursor(spec);
  }

  /** Starts the next `machines.length` waiting tasks of `job`, one group per distinct run time. */
  start(
    job: JobState,
    cursor: TaskRunCursor,
    machines: readonly number[],
    cpus: number,
    memGb: number,
  ): void {
    const byDuration = new Map<SimTime, ReplayGroup>();
    for (const machine of machines) {
      const task = cursor.take();
      const durationUs = cursor.durationUs(task);
      let group = byDuration.get(durationUs);
      if (group === undefined) byDuration.set(durationUs, (group = { machines: [], tasks: [] }));
      group.machines.push(machine);
      group.tasks.push(task);
    }
    // Map order is insertion order: groups start in the order of their first task.
    for (const [durationUs, group] of byDuration)
      this.groups.set(this.host.startGroup(job, group.machines, cpus, memGb, durationUs), group);
  }

  /**
   * Running group `group` ended: its tasks, which the replay forgets. Called at once when the
   * model releases the group (before anyone may start a group in its recycled slot).
   */
  takeGroup(group: number): readonly number[] {
    const entry = this.groups.get(group);
    this.groups.delete(group);
    return entry === undefined ? [] : entry.tasks;
  }

  /**
   * The runs of `ended` (tasks of `job` whose group ended; the model already told the
   * architecture) are over: tasks with a further run go back to the job, counted by cause.
   */
  runsEnded(job: JobState, cursor: TaskRunCursor, ended: readonly number[]): void {
    if (ended.length === 0) return;
    const tasks = { preemption: 0, failure: 0, resubmission: 0 };
    const thrownAwayUs = { preemption: 0, failure: 0, resubmission: 0 };
    for (const task of ended) {
      const rerun = cursor.runEnded(task);
      if (rerun === undefined) continue;
      cursor.putBack(task);
      tasks[rerun.cause]++;
      thrownAwayUs[rerun.cause] += rerun.thrownAwayUs;
    }
    const back = tasks.preemption + tasks.failure + tasks.resubmission;
    if (back === 0) return;
    const wasFull = this.host.tasksBack(job, back);
    for (const cause of ["preemption", "failure", "resubmission"] as const)
      if (tasks[cause] > 0)
        this.host.observer.taskRunsRepeated?.(job, cause, tasks[cause], thrownAwayUs[cause] / 1e6, wasFull);
  }

  /**
   * The simulated scheduler evicted `count` tasks of running group `group` on `machine`
   * (preemption): the same tasks the running group dropped (the first `count` on that machine)
   * wait again with the run they were in, which starts over.
   */
  evicted(cursor: TaskRunCursor, group: number, machine: number, count: number): void {
    const entry = this.groups.get(group);
    if (entry === undefined) return;
    const machines: number[] = [];
    const tasks: number[] = [];
    let removed = 0;
    for (let i = 0; i < entry.machines.length; i++) {
      const m = entry.machines[i] as number;
      const task = entry.tasks[i] as number;
      if (m === machine && removed < count) {
        removed++;
        cursor.putBack(task);
      } else {
        machines.push(m);
        tasks.push(task);
      }
    }
    entry.machines = machines;
    entry.tasks = tasks;
  }
}
