import type { JobSpec } from "./job.js";

/**
 * The run's opt-in scheduling options (`scheduling` in the experiment file; docs/preemption.md).
 * Absent, every queue is FIFO and nothing is ever preempted.
 */
export interface SchedulingOptions {
  /** Queues serve higher-priority jobs first, FIFO within a priority. */
  priorityOrder: boolean;
  /**
   * A scheduler whose job does not fit may take running tasks of strictly lower priority off
   * their machines (monolithic and shared state only).
   */
  preemption: boolean;
}

/** A job's priority: its spec's, 0 when it has none (higher is more important). */
export function jobPriority(spec: JobSpec): number {
  return spec.priority ?? 0;
}
