import type { JobSpec } from "../cluster/job.js";
import type { ModelHooks } from "../cluster/model-hooks.js";
import { usToSec, type SimTime } from "../engine/time.js";
import type { TaskTimeline, TimelineTask } from "./summary.js";

/**
 * Records every task's stay on its machine (opt-in: `metrics.timeline`), for the task-timeline
 * figure that shows what a policy did on a tiny cell. Each started task gives one row; a task
 * still running at the horizon ends there, because the run says nothing about later times.
 */

/** Most tasks one run records; later starts are only counted (a Gantt chart of more is unreadable). */
export const TIMELINE_MAX_TASKS = 20_000;

/** Largest cell the timeline may be asked for (one chart row per machine). */
export const TIMELINE_MAX_MACHINES = 64;

/** A model hook that collects task rows; `timeline()` gives the summary field. */
export class TimelineRecorder implements ModelHooks {
  private readonly tasks: TimelineTask[] = [];
  private dropped = 0;

  constructor(
    private readonly horizonUs: SimTime,
    private readonly maxTasks = TIMELINE_MAX_TASKS,
  ) {}

  tasksStarted(spec: JobSpec, machines: readonly number[], startUs: SimTime, endUs: SimTime): void {
    const room = Math.max(0, this.maxTasks - this.tasks.length);
    const kept = Math.min(room, machines.length);
    this.dropped += machines.length - kept;
    const startSec = usToSec(startUs);
    const endSec = usToSec(Math.min(endUs, this.horizonUs));
    for (let i = 0; i < kept; i++) {
      const task: TimelineTask = {
        machine: machines[i] as number,
        jobId: spec.id,
        kind: spec.kind,
        startSec,
        endSec,
      };
      if (spec.prefill) task.prefill = true;
      this.tasks.push(task);
    }
  }

  /** Preempted tasks end now: the latest `count` matching rows still running get `nowUs` as end. */
  tasksEvicted(spec: JobSpec, machine: number, count: number, startUs: SimTime, nowUs: SimTime): void {
    const startSec = usToSec(startUs);
    const nowSec = usToSec(nowUs);
    let left = count;
    for (let i = this.tasks.length - 1; i >= 0 && left > 0; i--) {
      const t = this.tasks[i] as TimelineTask;
      if (t.jobId === spec.id && t.machine === machine && t.startSec === startSec && t.endSec > nowSec) {
        t.endSec = nowSec;
        left--;
      }
    }
  }

  /** The recorded rows in start order, with the cap and how many tasks it left out. */
  timeline(): TaskTimeline {
    return { maxTasks: this.maxTasks, droppedTasks: this.dropped, tasks: this.tasks };
  }
}
