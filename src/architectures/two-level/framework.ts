import { beginAttempt, finishAttempt } from "../../cluster/attempt.js";
import type { CellState } from "../../cluster/cell-state.js";
import { commit } from "../../cluster/commit.js";
import { thinkTimeUs } from "../../cluster/decision.js";
import { EventKind } from "../../cluster/events.js";
import { isGang, type WorkloadKind } from "../../cluster/job.js";
import { JobQueue } from "../../cluster/job-queue.js";
import { PriorityJobQueue, shiftPending, type JobQueueLike } from "../../cluster/priority-queue.js";
import type { JobState } from "../../cluster/job-state.js";
import type { ArchitectureHost, TaskShape } from "../../cluster/host.js";
import type { RandomStream } from "../../engine/rng.js";
import type { SimTime } from "../../engine/time.js";
import { taskRequest, type Place, type TaskRequest } from "../../policies/placement/types.js";
import { enforceGang } from "../../policies/placement/place-request.js";
import type { DecisionTimes } from "../common.js";
import { OfferView } from "./offer.js";
import { loseDecisions, OfferTags } from "./offer-loss.js";

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

/** How a framework runs its offers (the two-level block's reference-compatibility options). */
export interface FrameworkOptions {
  /**
   * When a job's attempt counts as started for its first-attempt wait: when its own think time
   * begins (`"decision"`, default) or when the offer it is decided in reached the framework
   * (`"offer"`, as the Omega authors' simulator stamps every job of an offer).
   */
  attemptStamp: "decision" | "offer";
  /**
   * May the framework hold several offers at once (`"many"`, as in the Omega authors'
   * simulator: each offer decides on the jobs queued at its arrival and replies after their
   * summed think time, overlapping the others), or one at a time (`"one"`, default)?
   */
  offersPerFramework: "one" | "many";
  /**
   * Called when the framework replies, before its offer closes: the per-agent allocator reads
   * what was left unused on each offered machine to set its decline filters. Absent for the
   * whole-cell allocator.
   */
  beforeReply?: ((framework: number, offer: OfferView) => void) | undefined;
}

/** cellsim's own semantics: a framework is one decision-maker. */
export const DEFAULT_FRAMEWORK_OPTIONS: FrameworkOptions = {
  attemptStamp: "decision",
  offersPerFramework: "one",
};

/**
 * A framework scheduler of the two-level architecture: a FIFO queue worked through inside offers.
 * When an offer arrives it decides, one after the other, on the jobs queued at that moment
 * (think times add up), placing each on what is left of the offer, until the queue is done or
 * the offer used up; then it replies: the accepted claims commit and start, the rest of the
 * offer returns to the allocator. By default it holds one offer at a time and a job's attempt
 * starts with its own think time; `FrameworkOptions` selects the Omega authors' simulator's
 * semantics instead (docs/design.md, "Two-level waits").
 */
export class Framework {
  readonly queue: JobQueueLike;
  /** The framework's offer (slot 0 of `offers`). */
  readonly offer: OfferView;
  /** Offer slots: only `offer` unless offers may overlap (`offersPerFramework: "many"`). */
  readonly offers: OfferView[];
  /** Overlapping offers: per slot, the decisions made in that offer, committed when it replies. */
  private readonly slotDecisions: Decision[][] = [[]];
  /** Overlapping offers: per slot, the decision whose think time runs. */
  private readonly slotCursor: number[] = [0];
  /** Resources occupied by this framework's running tasks (for DRF). */
  usedCpus = 0;
  usedMemGb = 0;
  /** Per further resource dimension of the cell: what this framework's running tasks use. */
  readonly usedExtra: Float64Array;
  /** An offer has been made to this framework and not yet replied to. */
  holdsOffer = false;
  /** Down (failover): it takes no offer until it is back. */
  down = false;
  /** Operands naming offer slots in events; a failure makes the older ones stale. */
  private readonly tags = new OfferTags();
  private toDecide = 0;
  private current: JobState | undefined;
  private startUs: SimTime = 0;
  /** When the open offer reached the framework (one offer at a time). */
  private receivedUs: SimTime = 0;
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
    private readonly options: FrameworkOptions = DEFAULT_FRAMEWORK_OPTIONS,
  ) {
    this.reportsQueue = model.observer.recordsQueueLengths === true;
    this.queue = model.scheduling?.priorityOrder ? new PriorityJobQueue() : new JobQueue();
    this.offer = new OfferView(model.cell);
    this.offers = [this.offer];
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

  /** Wants an offer: is up, has queued jobs and may take one more offer now. */
  get requesting(): boolean {
    return (
      this.queue.size > 0 && !this.down && (this.options.offersPerFramework === "many" || !this.holdsOffer)
    );
  }

  /** The event operand naming offer `slot` now (OfferDelivered, SchedulerDone). */
  tag(slot: number): number {
    return this.tags.tag(slot);
  }

  /**
   * Failover: the framework's offers are torn down now (the framework or the master failed). They
   * go back to the allocator; the decisions made in them and those in flight are lost (their
   * think time so far is WastedFailure) and their jobs go back to the queue head (one offer at a
   * time: in their order; overlapping offers: in submission order). Events of the torn-down
   * offers become stale. Returns whether any offer was held.
   */
  dropOffer(): boolean {
    this.tags.invalidate();
    if (!this.holdsOffer) return false;
    const lost: JobState[] = [];
    const { observer, now } = this.model;
    if (this.options.offersPerFramework === "one") {
      const current = this.current;
      const decided = this.decisions.length;
      if (current !== undefined) this.decisions.push(this.decision(current, this.startUs, now));
      loseDecisions(observer, this.index, this.decisions, decided, now, lost);
      this.decisions.length = 0;
      this.current = undefined;
      this.toDecide = 0;
      this.offer.close();
    } else {
      this.offers.forEach((offer, slot) => {
        if (offer.mode === "none") return;
        const decisions = this.slotDecisions[slot] as Decision[];
        loseDecisions(observer, this.index, decisions, this.slotCursor[slot] as number, now, lost);
        decisions.length = 0;
        this.slotCursor[slot] = 0;
        offer.close();
      });
      lost.sort((a, b) => a.index - b.index);
    }
    for (let i = lost.length - 1; i >= 0; i--) this.queue.unshift(lost[i] as JobState);
    this.holdsOffer = false;
    if (this.reportsQueue) this.reportQueue();
    return true;
  }

  /** A decision record with no placement (the one in flight when its offer is torn down). */
  private decision(job: JobState, startUs: SimTime, endUs: SimTime): Decision {
    return { job, startUs, endUs, machines: [], shape: taskRequest() };
  }

  /** The slot of the next offer: 0, or with overlapping offers the first closed one (grown on demand). */
  freeSlot(): number {
    if (this.options.offersPerFramework === "one") return 0;
    let slot = this.offers.findIndex((o) => o.mode === "none");
    if (slot === -1) {
      slot = this.offers.length;
      this.offers.push(new OfferView(this.model.cell));
      this.slotDecisions.push([]);
      this.slotCursor.push(0);
    }
    return slot;
  }

  /** The offer tagged `tag` (see `tag`) reached the framework: decide on every job queued now. */
  receiveOffer(tag: number): void {
    const slot = this.tags.slotOf(tag);
    if (slot < 0) return;
    if (this.options.offersPerFramework === "many") {
      this.decideAll(slot);
      return;
    }
    this.receivedUs = this.model.now;
    this.toDecide = this.queue.size;
    this.next();
  }

  /** A think time ended in the offer tagged `tag`: decide on the next job, or reply. */
  thinkEnded(tag: number): void {
    const slot = this.tags.slotOf(tag);
    if (slot < 0) return;
    if (this.options.offersPerFramework === "one") {
      this.decide();
      return;
    }
    const cursor = (this.slotCursor[slot] as number) + 1;
    this.slotCursor[slot] = cursor;
    this.startThinking(slot, cursor);
  }

  /**
   * Overlapping offers (the Omega authors' simulator): takes every job queued now, one after the
   * other, until the queue is done or the offer used up, and places each on what is left of the
   * offer — now, as the reference does: the offer is a frozen view, so deciding now or at each
   * think's end places the same. The think times then run one after the other and the offer
   * replies after the last. The queue is emptied now, so an offer arriving before this one's reply
   * sees only the jobs queued since.
   */
  private decideAll(slot: number): void {
    const view = this.offers[slot] as OfferView;
    const decisions = this.slotDecisions[slot] as Decision[];
    let toDecide = this.queue.size;
    while (toDecide > 0 && view.remainingCpus > USED_UP && view.remainingMemGb > USED_UP) {
      const job = shiftPending(this.queue);
      if (job === undefined) break;
      toDecide--;
      const machines: number[] = [];
      const shape = this.placeOn(view, job, machines);
      decisions.push({ job, startUs: 0, endUs: 0, machines, shape });
    }
    if (this.reportsQueue) this.reportQueue();
    if (this.options.attemptStamp === "offer")
      for (const d of decisions) beginAttempt(this.model, d.job, this.index);
    this.slotCursor[slot] = 0;
    this.startThinking(slot, 0);
  }

  /** Overlapping offers: starts the think time of decision `i` of the offer in `slot`, or replies. */
  private startThinking(slot: number, i: number): void {
    const d = (this.slotDecisions[slot] as Decision[])[i];
    if (d === undefined) {
      this.replyFrom(slot);
      return;
    }
    const job = d.job;
    if (this.options.attemptStamp === "decision") beginAttempt(this.model, job, this.index);
    d.startUs = this.model.now;
    // The think time depends on the tasks still unplaced when the offer arrived: this attempt's
    // tasks are not committed before the reply.
    d.endUs = d.startUs + thinkTimeUs(this.decisionTime[job.spec.kind], job.unscheduledTasks);
    this.model.schedule(d.endUs, EventKind.SchedulerDone, this.index, this.tag(slot));
  }

  /** One job's think time ended: place it on the rest of the offer. */
  private decide(): void {
    const job = this.current as JobState;
    const machines: number[] = [];
    const request = this.placeOn(this.offer, job, machines);
    this.decisions.push({ job, startUs: this.startUs, endUs: this.model.now, machines, shape: request });
    this.current = undefined;
    this.next();
  }

  /** Places the job on what is left of `view` (machines into `machines`) and claims it there. */
  private placeOn(view: OfferView, job: JobState, machines: number[]): TaskRequest {
    const request = taskRequest();
    if (this.model.allocation.request(job, view, request)) {
      this.place(view, request, this.rng, machines);
      enforceGang(request, machines);
    }
    view.claimTentatively(machines, request.cpusPerTask, request.memGbPerTask, request.extraPerTask);
    return request;
  }

  private next(): void {
    // Like the reference simulator, stop once the offer is used up: no later job could use it.
    const more =
      this.toDecide > 0 && this.offer.remainingCpus > USED_UP && this.offer.remainingMemGb > USED_UP;
    const job = more ? shiftPending(this.queue) : undefined;
    if (job === undefined) {
      this.reply();
      return;
    }
    this.toDecide--;
    if (this.reportsQueue) this.reportQueue();
    this.current = job;
    this.startUs = this.model.now;
    const stampUs = this.options.attemptStamp === "offer" ? this.receivedUs : this.model.now;
    beginAttempt(this.model, job, this.index, stampUs);
    const think = thinkTimeUs(this.decisionTime[job.spec.kind], job.unscheduledTasks);
    this.model.schedule(this.model.now + think, EventKind.SchedulerDone, this.index, this.tag(0));
  }

  /** Reports the queue length (per-scheduler series); callers check `reportsQueue` first. */
  private reportQueue(): void {
    this.model.observer.queueLengthChanged?.(this.index, this.model.now, this.queue.size);
  }

  private reply(): void {
    this.options.beforeReply?.(this.index, this.offer);
    this.offer.close();
    this.holdsOffer = false;
    this.commitDecisions(this.decisions);
  }

  /** Overlapping offers: the offer in `slot` replies. */
  private replyFrom(slot: number): void {
    (this.offers[slot] as OfferView).close();
    this.holdsOffer = this.offers.some((o) => o.mode !== "none");
    this.commitDecisions(this.slotDecisions[slot] as Decision[]);
  }

  /** Commits the accepted claims of a reply, ends their attempts and tells the allocator. */
  private commitDecisions(decisions: Decision[]): void {
    const modes = { conflictMode: "fine", transactionMode: "incremental" } as const;
    for (const d of decisions) {
      const shape = d.shape;
      const claims = {
        scheduler: this.index,
        cpusPerTask: shape.cpusPerTask,
        memGbPerTask: shape.memGbPerTask,
        extraPerTask: d.job.extraPerTask,
        durationUs: d.job.spec.durationUs,
        machines: d.machines,
      };
      const result = commit(this.model.cell, claims, modes, isGang(d.job.spec));
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
    decisions.length = 0;
    this.onReply();
  }
}
