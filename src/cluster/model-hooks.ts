import type { SimEvent } from "../engine/event.js";
import type { SimTime } from "../engine/time.js";
import type { JobSpec } from "./job.js";
import type { JobState } from "./job-state.js";

/**
 * Optional hooks on the cluster model for debugging tools (the event log, the task timeline).
 * Normal runs install none and pay one check per event for the possibility. Hooks observe; they
 * must not change the run, so a run with hooks gives the same results as one without.
 */
export interface ModelHooks {
  /**
   * After each event is handled; `jobs` is the model's job table (by index): it already holds a
   * job that has just arrived, and still holds a job that finished during the event (settled
   * jobs read `undefined`).
   */
  eventDispatched?(event: SimEvent, jobs: readonly (JobState | undefined)[]): void;
  /** Tasks of `spec` started on `machines` (one entry per task) at `startUs`, ending at `endUs`. */
  tasksStarted?(spec: JobSpec, machines: readonly number[], startUs: SimTime, endUs: SimTime): void;
  /**
   * `count` tasks of `spec` that started at `startUs` on `machine` were evicted at `nowUs`
   * (preemption): they end now instead of at the end `tasksStarted` announced.
   */
  tasksEvicted?(spec: JobSpec, machine: number, count: number, startUs: SimTime, nowUs: SimTime): void;
}

/** One set of hooks calling each given set in turn (undefined when none is given). */
export function combineHooks(...all: (ModelHooks | undefined)[]): ModelHooks | undefined {
  const hooks = all.filter((h): h is ModelHooks => h !== undefined);
  if (hooks.length <= 1) return hooks[0];
  const onEvent = hooks.filter((h) => h.eventDispatched);
  const onTasks = hooks.filter((h) => h.tasksStarted);
  const onEvicted = hooks.filter((h) => h.tasksEvicted);
  return {
    ...(onEvent.length > 0
      ? { eventDispatched: (e, jobs) => onEvent.forEach((h) => h.eventDispatched?.(e, jobs)) }
      : {}),
    ...(onTasks.length > 0
      ? { tasksStarted: (s, m, t0, t1) => onTasks.forEach((h) => h.tasksStarted?.(s, m, t0, t1)) }
      : {}),
    ...(onEvicted.length > 0
      ? { tasksEvicted: (s, m, n, t0, t1) => onEvicted.forEach((h) => h.tasksEvicted?.(s, m, n, t0, t1)) }
      : {}),
  };
}
