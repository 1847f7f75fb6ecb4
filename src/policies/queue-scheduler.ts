import { beginAttempt, finishAttempt } from "../cluster/attempt.js";
import { commit, type ClaimSet, type CommitModes } from "../cluster/commit.js";
import { thinkTimeUs, type DecisionTime } from "../cluster/decision.js";
import { EventKind } from "../cluster/events.js";
import type { WorkloadKind } from "../cluster/job.js";
import { JobQueue } from "../cluster/job-queue.js";
import type { JobState } from "../cluster/job-state.js";
import type { ClusterModel } from "../cluster/model.js";
import type { RandomStream } from "../engine/rng.js";
import type { SimTime } from "../engine/time.js";
import type { Place } from "./placement/types.js";

const LIVE_COMMIT: CommitModes = { conflictMode: "fine", transactionMode: "incremental" };

/**
 * One scheduler with one FIFO queue and serialized decisions, placing on the live cell at the end
 * of each think time (so it never conflicts). The building block of monolithic and
 * static-partition architectures.
 *
 * Protocol:
 * 1. A submitted or retried job joins the queue tail; an idle scheduler starts the head job.
 * 2. An attempt thinks for perJob + perTask × unscheduled tasks (per workload kind).
 * 3. At the end of the think time it places the remaining tasks on the live cell and commits.
 * 4. The attempt ends by the shared rule (finishAttempt): done, abandoned, or retried after 1 s.
 */
export class QueueScheduler {
  private readonly queue = new JobQueue();
  private current: JobState | undefined;
  private startUs: SimTime = 0;
  private readonly placed: number[] = [];

  constructor(
    private readonly model: ClusterModel,
    /** This scheduler's index (event operand and metrics key). */
    readonly index: number,
    private readonly decisionTime: Readonly<Record<WorkloadKind, DecisionTime>>,
    private readonly place: Place,
    private readonly rng: RandomStream,
  ) {}

  /** Queues a job (submitted or retried) and starts work if idle. */
  enqueue(job: JobState): void {
    this.queue.push(job);
    if (this.current === undefined) this.startNext();
  }

  /** The think time ended (a SchedulerDone event for this scheduler). */
  decide(): void {
    const job = this.current;
    if (job === undefined) throw new Error(`scheduler ${this.index}: decision without an attempt`);
    const spec = job.spec;
    const cell = this.model.cell;
    const machines = this.placed;
    machines.length = 0;
    const request = {
      tasks: job.unscheduledTasks,
      cpusPerTask: spec.cpusPerTask,
      memGbPerTask: spec.memGbPerTask,
    };
    this.place(cell, request, this.rng, machines);
    const claims: ClaimSet = {
      scheduler: this.index,
      cpusPerTask: spec.cpusPerTask,
      memGbPerTask: spec.memGbPerTask,
      durationUs: spec.durationUs,
      machines,
    };
    const result = commit(cell, claims, LIVE_COMMIT);
    this.current = undefined;
    finishAttempt(
      this.model,
      job,
      this.index,
      this.startUs,
      machines.length,
      result.committed,
      result.conflicted,
    );
    this.startNext();
  }

  private startNext(): void {
    const job = this.queue.shift();
    if (job === undefined) return;
    this.current = job;
    this.startUs = this.model.now;
    beginAttempt(this.model, job, this.index);
    const think = thinkTimeUs(this.decisionTime[job.spec.kind], job.unscheduledTasks);
    this.model.schedule(this.model.now + think, EventKind.SchedulerDone, this.index);
  }
}
