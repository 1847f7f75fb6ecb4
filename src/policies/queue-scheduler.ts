import { beginAttempt, finishAttempt } from "../cluster/attempt.js";
import type { CellView } from "../cluster/cell-view.js";
import { ChangeTracker } from "../cluster/change-tracker.js";
import { AttemptOutcome } from "../cluster/observer.js";
import { commit, type ClaimSet, type CommitModes, type CommitResult } from "../cluster/commit.js";
import { thinkTimeUs, type DecisionTime } from "../cluster/decision.js";
import { EventKind } from "../cluster/events.js";
import { isGang, type WorkloadKind } from "../cluster/job.js";
import { JobQueue } from "../cluster/job-queue.js";
import { PriorityJobQueue, shiftPending, type JobQueueLike } from "../cluster/priority-queue.js";
import type { PreemptableTasks } from "../cluster/preemptable.js";
import { commitPreemption, type PreemptionEntry } from "../cluster/preempt-commit.js";
import { jobPriority } from "../cluster/scheduling.js";
import { planPreemption } from "./preemption-plan.js";
import type { JobState } from "../cluster/job-state.js";
import type { ArchitectureHost } from "../cluster/host.js";
import { SnapshotView } from "../cluster/views.js";
import type { RandomStream } from "../engine/rng.js";
import type { SimTime } from "../engine/time.js";
import { taskRequest, type Place, type TaskRequest } from "./placement/types.js";
import { enforceGang } from "./placement/place-request.js";
import { RESERVATION } from "../allocation/reservation.js";

const LIVE_COMMIT: CommitModes = { conflictMode: "fine", transactionMode: "incremental" };

/** Planned evictions of one attempt and, under coarse conflicts, which machines are unchanged. */
interface EvictionPlan {
  entries: PreemptionEntry[];
  coarseOk?: Uint8Array;
}

/** How a {@link QueueScheduler} is set up. */
export interface QueueSchedulerSetup {
  /** This scheduler's index (event operand and metrics key). */
  index: number;
  /** Think time per workload kind. */
  decisionTime: Readonly<Record<WorkloadKind, DecisionTime>>;
  /** Its placer (`host.makePlacer()`). */
  place: Place;
  /** The stream its placer draws from (`host.stream(...)`, a name of its own). */
  rng: RandomStream;
  /** Machines it places on, live (default: the whole cell). Ignored when optimistic. */
  view?: CellView;
  /** Shared-state: plan on a snapshot taken when each attempt starts; commit with these modes. */
  optimistic?: CommitModes;
}

/**
 * One scheduler with one FIFO queue and serialized decisions: the building block of monolithic,
 * static-partition and shared-state architectures.
 *
 * Protocol:
 * 1. A submitted or retried job joins the queue tail; an idle scheduler starts the head job.
 * 2. An attempt thinks for perJob + perTask × unscheduled tasks (per workload kind). An
 *    optimistic scheduler takes its private snapshot of the cell now, at the start.
 * 3. At the end of the think time it places the remaining tasks — on the live cell (or its
 *    partition), or on its now stale snapshot — and commits the claims to the shared cell. Live
 *    placement never conflicts; optimistic commits may (fine/coarse, incremental/all-or-nothing).
 * 4. The attempt ends by the shared rule (finishAttempt): done, abandoned, or retried after 1 s.
 *
 * Failover (docs/failover.md): a failed scheduler starts no attempt until it is back; queued and
 * arriving jobs wait. The attempt in flight is lost: its think time so far is wasted (outcome
 * WastedFailure), its job goes back to the queue head (it was the oldest), and its SchedulerDone
 * event is recognised as stale by the epoch it carries (b), which only a failure advances.
 */
export class QueueScheduler {
  readonly index: number;
  private readonly queue: JobQueueLike;
  private current: JobState | undefined;
  private startUs: SimTime = 0;
  private readonly placed: number[] = [];
  private readonly request: TaskRequest = taskRequest();
  private readonly tracker: ChangeTracker | undefined;
  private readonly snapshot: SnapshotView | undefined;
  /** The observer records queue lengths (per-scheduler series are on). */
  private readonly reportsQueue: boolean;
  /** Down (failover): no attempt starts. */
  private down = false;
  /** Failures so far: a SchedulerDone carrying an older epoch belongs to a lost attempt. */
  private epoch = 0;
  /** The victim index when this scheduler may preempt (preemption on, whole-cell view). */
  private readonly preemptable: PreemptableTasks | undefined;

  constructor(
    private readonly model: ArchitectureHost,
    private readonly setup: QueueSchedulerSetup,
  ) {
    this.index = setup.index;
    this.reportsQueue = model.observer.recordsQueueLengths === true;
    this.queue = model.scheduling?.priorityOrder ? new PriorityJobQueue() : new JobQueue();
    // A scheduler of a partition (a view of its own) never preempts: docs/preemption.md.
    this.preemptable = setup.view === undefined ? model.preemptable : undefined;
    if (setup.optimistic) {
      this.tracker = new ChangeTracker(model.cell.machines, false, model.cell.extraNames.length);
      this.snapshot = new SnapshotView(model.cell, this.tracker);
    }
  }

  /** Jobs waiting in the queue (not counting the one being decided). */
  get queued(): number {
    return this.queue.size;
  }

  /** Queues a job (submitted or retried) and starts work if idle. */
  enqueue(job: JobState): void {
    this.queue.push(job);
    if (this.current === undefined && !this.down) this.startNext();
    if (this.reportsQueue) this.reportQueue();
  }

  /**
   * The scheduler fails now: the attempt in flight (if any) is lost, its think time so far
   * wasted, its job back at the queue head.
   */
  fail(): void {
    this.down = true;
    this.epoch++;
    const job = this.current;
    if (job === undefined) return;
    this.current = undefined;
    if (this.tracker) this.model.cell.untrack(this.tracker);
    const now = this.model.now;
    this.model.observer.attemptEnded(
      this.index,
      this.startUs,
      now,
      AttemptOutcome.WastedFailure,
      false,
      false,
    );
    this.queue.unshift(job);
    if (this.reportsQueue) this.reportQueue();
  }

  /** The scheduler is back: it starts on its queue head. */
  recover(): void {
    this.down = false;
    this.startNext();
    if (this.reportsQueue) this.reportQueue();
  }

  /**
   * The think time ended (a SchedulerDone event for this scheduler, `epoch` = its b operand). An
   * event of an attempt lost to a failure is ignored.
   */
  decide(epoch = 0): void {
    if (epoch !== this.epoch) return;
    const job = this.current;
    if (job === undefined) throw new Error(`scheduler ${this.index}: decision without an attempt`);
    const spec = job.spec;
    const machines = this.placed;
    // Emptied by popping, not by `length = 0`: V8 frees the backing store of an array cut to
    // length 0, and the placer's pushes then grew it again from nothing at every decision (a
    // third of a reference day's allocation). Popping keeps its capacity.
    while (machines.length > 0) machines.pop();
    const view = this.snapshot ?? this.setup.view ?? this.model.cell;
    const request = this.request;
    const allocation = this.model.allocation;
    if (allocation === RESERVATION) {
      // The default allocation, written out: the hot path of every run without one stays as
      // small as it was, so the placer keeps being inlined here.
      request.tasks = job.unscheduledTasks;
      request.cpusPerTask = spec.cpusPerTask;
      request.memGbPerTask = spec.memGbPerTask;
      request.extraPerTask = job.extraPerTask;
      request.distinct = spec.perf !== undefined;
      request.gang = request.distinct || isGang(spec);
      request.jobIndex = job.index;
      this.setup.place(view, request, this.setup.rng, machines);
      if (request.gang) enforceGang(request, machines);
    } else if (allocation.request(job, view, request)) {
      this.setup.place(view, request, this.setup.rng, machines);
      enforceGang(request, machines);
    }
    // Preemption (opt-in) plans on the view the placement used, before a snapshot is let go.
    const plan = this.preemptable && !request.gang ? this.planEvictions(view, job, request) : undefined;
    const claims: ClaimSet = {
      scheduler: this.index,
      cpusPerTask: request.cpusPerTask,
      memGbPerTask: request.memGbPerTask,
      extraPerTask: request.extraPerTask,
      durationUs: spec.durationUs,
      machines,
    };
    const snapshot = this.snapshot;
    if (snapshot && this.tracker) {
      // Sequence numbers seen matter to coarse conflict detection only.
      if (this.setup.optimistic?.conflictMode === "coarse")
        claims.seqSeen = machines.map((m) => snapshot.seqAt(m));
      this.model.cell.untrack(this.tracker);
    }
    const result = commit(this.model.cell, claims, this.setup.optimistic ?? LIVE_COMMIT, isGang(spec));
    if (plan !== undefined) this.commitEvictions(plan, claims, result);
    this.current = undefined;
    finishAttempt(this.model, job, {
      scheduler: this.index,
      startUs: this.startUs,
      claimed: machines.length + (plan?.entries.length ?? 0),
      committed: result.committed,
      conflicted: result.conflicted,
      shape: request,
    });
    this.startNext();
    if (this.reportsQueue) this.reportQueue();
  }

  /**
   * Where the tasks the placement left unplaced could go by evicting lower-priority tasks
   * (`planPreemption`), or undefined when every task was placed. A snapshot scheduler only evicts
   * tasks its snapshot saw (started by the attempt's start) and notes which planned machines its
   * snapshot still matches (coarse conflict detection).
   */
  private planEvictions(view: CellView, job: JobState, request: TaskRequest): EvictionPlan | undefined {
    if (this.placed.length >= request.tasks) return undefined;
    const entries = planPreemption(view, this.preemptable as PreemptableTasks, request, {
      priority: jobPriority(job.spec),
      placed: this.placed,
      startedByUs: this.snapshot ? this.startUs : this.model.now,
    });
    if (entries.length === 0) return undefined;
    const snapshot = this.snapshot;
    if (snapshot === undefined || this.setup.optimistic?.conflictMode !== "coarse") return { entries };
    const seq = this.model.cell.seq;
    return {
      entries,
      coarseOk: Uint8Array.from(entries, (e) => (snapshot.seqAt(e.machine) === seq[e.machine] ? 1 : 0)),
    };
  }

  /** Commits the planned evictions after the attempt's ordinary claims (`commitPreemption`). */
  private commitEvictions(plan: EvictionPlan, claims: ClaimSet, result: CommitResult): void {
    const model = this.model;
    const evict = model.evictTasks?.bind(model);
    if (evict === undefined) throw new Error("preemption: the host cannot evict tasks");
    commitPreemption(
      model.cell,
      {
        entries: plan.entries,
        claims,
        modes: this.setup.optimistic ?? LIVE_COMMIT,
        evict,
        ...(plan.coarseOk ? { coarseOk: plan.coarseOk } : {}),
      },
      result,
    );
  }

  /**
   * Reports the settled queue length (per-scheduler series). Callers check `reportsQueue` first:
   * a call that never runs is never inlined into the decision path, so when the series are off
   * the placer stays inlined there as before.
   */
  private reportQueue(): void {
    this.model.observer.queueLengthChanged?.(this.index, this.model.now, this.queue.size);
  }

  private startNext(): void {
    const job = shiftPending(this.queue);
    if (job === undefined) return;
    this.current = job;
    this.startUs = this.model.now;
    beginAttempt(this.model, job, this.index);
    if (this.tracker) this.model.cell.track(this.tracker);
    const think = thinkTimeUs(this.setup.decisionTime[job.spec.kind], job.unscheduledTasks);
    this.model.schedule(this.model.now + think, EventKind.SchedulerDone, this.index, this.epoch);
  }
}
