import { JobQueue } from "./job-queue.js";
import { JobPhase, type JobState } from "./job-state.js";
import { jobPriority } from "./scheduling.js";

/** What a scheduler needs of its queue: FIFO ({@link JobQueue}) or by priority. */
export interface JobQueueLike {
  /** Jobs in the queue. */
  readonly size: number;
  /** Adds a job. */
  push(job: JobState): void;
  /** Removes and returns the next job to serve, or undefined if empty. */
  shift(): JobState | undefined;
  /** Puts a job back first in line (a decision lost to a scheduler failure). */
  unshift(job: JobState): void;
}

/**
 * The next job of `queue` still pending, dropping jobs that stopped being pending while queued
 * (frameworks: skipped at their start deadline, or ended by another job's completion); without
 * frameworks every queued job is pending and this is `shift`.
 */
export function shiftPending(queue: JobQueueLike): JobState | undefined {
  let job = queue.shift();
  while (job !== undefined && job.phase !== JobPhase.Pending) job = queue.shift();
  return job;
}

/**
 * A queue that serves the highest priority first and, within a priority, the job queued first
 * (`scheduling.priorityOrder`). One FIFO ring buffer per distinct priority, the priorities kept
 * sorted (highest first): workloads have a handful of priorities (Google 2011: 12 bands), so a
 * push or shift costs a scan of a few entries, and equal priorities keep FIFO order exactly.
 */
export class PriorityJobQueue implements JobQueueLike {
  /** Distinct priorities seen, highest first; `queues[i]` holds the jobs of `priorities[i]`. */
  private readonly priorities: number[] = [];
  private readonly queues: JobQueue[] = [];
  private count = 0;

  /** Jobs in the queue. */
  get size(): number {
    return this.count;
  }

  /** Adds a job behind every queued job of its priority. */
  push(job: JobState): void {
    this.queueOf(job).push(job);
    this.count++;
  }

  /** Puts a job back ahead of every queued job of its priority (a decision lost to a failure). */
  unshift(job: JobState): void {
    this.queueOf(job).unshift(job);
    this.count++;
  }

  /** The FIFO of the job's priority (created on first use, kept in priority order). */
  private queueOf(job: JobState): JobQueue {
    const p = jobPriority(job.spec);
    let i = 0;
    while (i < this.priorities.length && (this.priorities[i] as number) > p) i++;
    if (this.priorities[i] !== p) {
      this.priorities.splice(i, 0, p);
      this.queues.splice(i, 0, new JobQueue());
    }
    return this.queues[i] as JobQueue;
  }

  /** Removes and returns the oldest job of the highest priority queued, or undefined if empty. */
  shift(): JobState | undefined {
    if (this.count === 0) return undefined;
    for (const q of this.queues) {
      if (q.size > 0) {
        this.count--;
        return q.shift();
      }
    }
    return undefined;
  }
}
