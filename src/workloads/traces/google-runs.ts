import type { TaskRun, TaskRunEnd } from "../../cluster/job.js";
import type { SimTime } from "../../engine/time.js";
import { GoogleEvent } from "./google-rows.js";

/**
 * The Google 2011 reader's event-keeping mode (`keepTaskEvents`): every run of every task, with
 * what ended it, kept beside the job table's collapsed durations. Runs are clipped to the window
 * like the table's (a run spanning the window start counts from there, one still open at the
 * window's end is censored there) and only runs the table counts (longer than 0) are kept, so a
 * task's runs add up to its duration in the default mode.
 *
 * Memory: one small object per kept run, plus one list per task that ran — much more than the
 * default table; the mode is meant for windows, not for the whole trace.
 */

/** The run end of a task event type that ends a run (EVICT, FAIL, FINISH, KILL, LOST). */
export function runEndOf(eventType: number): TaskRunEnd {
  switch (eventType) {
    case GoogleEvent.EVICT:
      return "evict";
    case GoogleEvent.FAIL:
      return "fail";
    case GoogleEvent.FINISH:
      return "finish";
    case GoogleEvent.KILL:
      return "kill";
    case GoogleEvent.LOST:
      return "lost";
    default:
      throw new Error(`runEndOf: event type ${eventType} does not end a run`);
  }
}

/** Kept runs per job slot, per task position (the job table's first-seen positions). */
export class TaskRunLog {
  private readonly runs: (TaskRun[][] | undefined)[] = [];

  constructor(private readonly fromUs: SimTime) {}

  /** Records task `p` of slot `j`'s run [startUs, endUs), ended by `end`, clipped to the window start. */
  add(j: number, p: number, startUs: SimTime, endUs: SimTime, end: TaskRunEnd): void {
    const fromUs = this.fromUs;
    const durationUs = startUs <= fromUs ? endUs - fromUs : endUs - startUs;
    if (durationUs <= 0) return;
    const byTask = (this.runs[j] ??= []);
    (byTask[p] ??= []).push({ durationUs: Math.max(1, Math.round(durationUs)), end });
  }

  /** True if task `p` of slot `j` has a kept run. */
  ran(j: number, p: number): boolean {
    return (this.runs[j]?.[p]?.length ?? 0) > 0;
  }

  /**
   * The runs of the tasks at `positions`, in order; a task with none (it never ran in the window)
   * gets one run of `fallbackUs` ending `finish` — the collapsed duration the default gives it.
   */
  taskRuns(j: number, positions: readonly number[], fallbackUs: SimTime): TaskRun[][] {
    const byTask = this.runs[j];
    return positions.map((p) => {
      const runs = byTask?.[p];
      return runs && runs.length > 0 ? runs : [{ durationUs: fallbackUs, end: "finish" }];
    });
  }
}
