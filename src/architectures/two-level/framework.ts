import { beginAttempt, finishAttempt } from "../../cluster/attempt.js";
import type { CellState } from "../../cluster/cell-state.js";
import { commit } from "../../cluster/commit.js";
import { thinkTimeUs } from "../../cluster/decision.js";
import { EventKind } from "../../cluster/events.js";
import type { WorkloadKind } from "../../cluster/job.js";
import { JobQueue } from "../../cluster/job-queue.js";
import type { JobState } from "../../cluster/job-state.js";
import type { ArchitectureHost, TaskShape } from "../../cluster/host.js";
import type { RandomStream } from "../../engine/rng.js";
import type { SimTime } from "../../engine/time.js";
import { taskRequest, type Place, type TaskRequest } from "../../policies/placement/types.js";
import { enforceGang } from "../../policies/placement/place-request.js";
import type { DecisionTimes } from "../common.js";
import { OfferView } from "./offer.js";

/** Below this many CPUs (or GB) an offer counts as used up. */
const USED_UP = 1e-6;

interface Decision {
  job: JobState;
  startUs: SimTime;
  endUs: SimTime;
  machines: number[];
  /** What the allocation asked for (the claims' shape). */
  shape: TaskRequest;
}

/**
 * A framework scheduler of the two-level architecture: a FIFO queue worked through inside offers.
 * When an offer arrives it decides, one after the other, on the jobs queued at that moment
 * (think times add up), placing each on what is left of the offer, until the queue is done or
 * the offer used up; then it replies: the accepted claims commit and start, the rest of the
 * offer returns to the allocator.
 */
export class Framework {
  readonly queue = new JobQueue();
  readonly offer: OfferView;
  /** Resources occupied by this framework's running tasks (for DRF). */
  usedCpus = 0;
  usedMemGb = 0;
  /** Per further resource dimension of the cell: what this framework's running tasks use. */
  readonly usedExtra: Float64Array;
  /** An offer has been made to this framework and not yet replied to. */
  holdsOffer = false;
  private toDecide = 0;
  private current: JobState | undefined;
  private startUs: SimTime = 0;
  private readonly decisions: Decision[] = [];
  /**
   * Task shapes the allocation policy chose when they differ from the job's own (for DRF
   * accounting when they end). Resizes by the allocation's monitoring are not seen here.
   */
  private readonly shapes = new Map<number, TaskShape>();
  /** The observer records queue lengths (per-scheduler series are on). */
  private readonly reportsQueue: boolean;

  constructor(
    private readonly model: ArchitectureHost,
    readonly index: number,
    readonly kind: WorkloadKind,
    private readonly decisionTime: DecisionTimes,
    private readonly place: Place,
    private readonly rng: RandomStream,
    /** Called after the framework replied (the allocator starts a round). */
    private readonly onReply: () => void,
  ) {
    this.reportsQueue = model.observer.recordsQueueLengths === true;
    this.offer = new OfferView(model.cell);
    this.usedExtra = new Float64Array(model.cell.extraNames.length);
  }

  /** The shape of the job's running tasks, as this framework committed them. */
  shapeOf(job: JobState): TaskShape {
    return this.shapes.get(job.index) ?? job.spec;
  }

  /** Adds `tasks` tasks of the job (negative: removes them) to the further dimensions used. */
  countExtra(job: JobState, tasks: number): void {
    const extra = job.extraPerTask;
    if (extra === undefined) return;
    for (let d = 0; d < extra.length; d++) (this.usedExtra[d] as number) += tasks * (extra[d] as number);
  }

  /**
   * The dominant share (DRF): the largest fraction of the cell's total of any resource dimension
   * that this framework's running tasks use.
   */
  dominantShare(cell: CellState): number {
    let share = Math.max(this.usedCpus / cell.totalCpus, this.usedMemGb / cell.totalMemGb);
    for (let d = 0; d < this.usedExtra.length; d++) {
      const total = cell.extraTotals[d] as number;
      if (total > 0) share = Math.max(share, (this.usedExtra[d] as number) / total);
    }
    return share;
  }

  /** Queues a job (submitted or retried); the allocator's next round may offer for it. */
  enqueue(job: JobState): void {
    this.queue.push(job);
    if (this.reportsQueue) this.reportQueue();
  }

  /** The offer reached the framework: decide on every job queued now. */
  receiveOffer(): void {
    this.toDecide = this.queue.size;
    this.next();
  }

  /** One job's think time ended: place it on the rest of the offer. */
  decide(): void {
    const job = this.current as JobState;
    const machines: number[] = [];
    const request = taskRequest();
    if (this.model.allocation.request(job, this.offer, request)) {
      this.place(this.offer, request, this.rng, machines);
      enforceGang(request, machines);
    }
    this.offer.claimTentatively(machines, request.cpusPerTask, request.memGbPerTask, request.extraPerTask);
    this.decisions.push({ job, startUs: this.startUs, endUs: this.model.now, machines, shape: request });
    this.current = undefined;
    this.next();
  }

  private next(): void {
    // Like the reference simulator, stop once the offer is used up: no later job could use it.
    const more =
      this.toDecide > 0 && this.offer.remainingCpus > USED_UP && this.offer.remainingMemGb > USED_UP;
    const job = more ? this.queue.shift() : undefined;
    if (job === undefined) {
      this.reply();
      return;
    }
    this.toDecide--;
    if (this.reportsQueue) this.reportQueue();
    this.current = job;
    this.startUs = this.model.now;
    beginAttempt(this.model, job, this.index);
    const think = thinkTimeUs(this.decisionTime[job.spec.kind], job.unscheduledTasks);
    this.model.schedule(this.model.now + think, EventKind.SchedulerDone, this.index);
  }

  /** Reports the queue length (per-scheduler series); callers check `reportsQueue` first. */
  private reportQueue(): void {
    this.model.observer.queueLengthChanged?.(this.index, this.model.now, this.queue.size);
  }

  private reply(): void {
    this.offer.close();
    this.holdsOffer = false;
    const modes = { conflictMode: "fine", transactionMode: "incremental" } as const;
    for (const d of this.decisions) {
      const shape = d.shape;
      const claims = {
        scheduler: this.index,
        cpusPerTask: shape.cpusPerTask,
        memGbPerTask: shape.memGbPerTask,
        extraPerTask: d.job.extraPerTask,
        durationUs: d.job.spec.durationUs,
        machines: d.machines,
      };
      const result = commit(this.model.cell, claims, modes);
      if (shape.cpusPerTask !== d.job.spec.cpusPerTask || shape.memGbPerTask !== d.job.spec.memGbPerTask)
        this.shapes.set(d.job.index, { cpusPerTask: shape.cpusPerTask, memGbPerTask: shape.memGbPerTask });
      this.usedCpus += result.committed.length * shape.cpusPerTask;
      this.usedMemGb += result.committed.length * shape.memGbPerTask;
      this.countExtra(d.job, result.committed.length);
      finishAttempt(this.model, d.job, {
        scheduler: this.index,
        startUs: d.startUs,
        thinkEndUs: d.endUs,
        claimed: d.machines.length,
        committed: result.committed,
        conflicted: result.conflicted,
        shape,
      });
    }
    this.decisions.length = 0;
    this.onReply();
  }
}
