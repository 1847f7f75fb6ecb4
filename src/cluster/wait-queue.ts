import type { SimTime } from "../engine/time.js";
import { FIT_EPSILON, type CellState } from "./cell-state.js";
import { EventKind } from "./events.js";
import type { JobState } from "./job-state.js";

/** What the wait queue needs of the model. */
export interface WaitQueueHost {
  readonly now: SimTime;
  readonly cell: CellState;
  schedule(timeUs: SimTime, kind: typeof EventKind.JobRetry, a: number, b: number): void;
  /** The allocation's cheap lower bound of what a job needs (largest per-machine CPUs, total CPUs). */
  needs(job: JobState): { readonly perNodeCpus: number; readonly totalCpus: number };
}

/**
 * Jobs waiting for resources (`retry.when: "freed"`), in submission order: a batch queue with
 * bounded backfill. When resources are freed a drain starts: the first waiting job whose lower
 * bound fits the free CPUs now is retried (a JobRetry event to its scheduler, now); when that
 * attempt has ended — the job started, or came back to wait — the free CPUs are counted again
 * and the next waiting job after it that could fit is retried, and so on, at most
 * `backfillWindow` attempts per drain. Jobs that cannot fit are skipped without an attempt. So a
 * drain never tries a job against room an earlier job of the same drain has just taken, which
 * is what the Quasar study's admission queue did.
 */
export class ResourceWaitQueue {
  /** Waiting jobs, by ascending index (submission order). */
  private readonly waiting: JobState[] = [];
  /** The scheduler each waiting job waits for, by position in `waiting`. */
  private readonly schedulerOf: number[] = [];
  private budget = 0;
  /** The drain has looked at jobs up to this index. */
  private lastTried = -1;
  /** The job whose retry the drain waits for (-1: none). */
  private inFlight = -1;
  /** `largestFreeCpus` as last scanned, and the cell's free CPUs then. */
  private maxFree = 0;
  private maxFreeAt = NaN;

  constructor(
    private readonly host: WaitQueueHost,
    private readonly backfillWindow: number,
  ) {}

  /** Jobs waiting. */
  get size(): number {
    return this.waiting.length;
  }

  /** `job`'s attempt left tasks unscheduled: it waits (for `scheduler`). */
  add(job: JobState, scheduler: number): void {
    const i = insertionPoint(this.waiting, job.index);
    if (this.waiting[i] !== job) {
      this.waiting.splice(i, 0, job);
      this.schedulerOf.splice(i, 0, scheduler);
    } else this.schedulerOf[i] = scheduler;
    this.attemptEnded(job);
  }

  /** Resources were freed now: a new drain starts from the head of the queue. */
  released(): void {
    if (this.waiting.length === 0) return;
    this.budget = this.backfillWindow;
    this.lastTried = -1;
    this.inFlight = -1;
    this.maxFreeAt = NaN;
    this.next();
  }

  /** `job`'s attempt ended (started or waiting again): the drain goes on, if it waited for it. */
  attemptEnded(job: JobState): void {
    if (job.index !== this.inFlight) return;
    this.inFlight = -1;
    this.next();
  }

  private next(): void {
    if (this.budget <= 0) return;
    const cell = this.host.cell;
    const totalFree = cell.totalCpus - cell.downCpus - cell.allocatedCpus - cell.lockedCpus;
    // The largest free CPUs of one machine: scanned only when first needed, and reused while
    // the cell's totals stand still (after an attempt that placed nothing).
    let maxFree = this.maxFreeAt === totalFree ? this.maxFree : -1;
    for (let i = insertionPoint(this.waiting, this.lastTried + 1); i < this.waiting.length; i++) {
      const job = this.waiting[i] as JobState;
      const needs = this.host.needs(job);
      if (needs.totalCpus > totalFree + FIT_EPSILON) continue;
      if (maxFree < 0) {
        maxFree = largestFreeCpus(cell);
        this.maxFree = maxFree;
        this.maxFreeAt = totalFree;
      }
      if (needs.perNodeCpus > maxFree + FIT_EPSILON) continue;
      const scheduler = this.schedulerOf[i] as number;
      this.waiting.splice(i, 1);
      this.schedulerOf.splice(i, 1);
      this.budget--;
      this.lastTried = job.index;
      this.inFlight = job.index;
      this.host.schedule(this.host.now, EventKind.JobRetry, job.index, scheduler);
      return;
    }
    this.budget = 0;
  }
}

/** First position in `jobs` (ascending indices) whose job index is ≥ `index`. */
function insertionPoint(jobs: readonly JobState[], index: number): number {
  let lo = 0;
  let hi = jobs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((jobs[mid] as JobState).index < index) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The most free CPUs on one machine. */
function largestFreeCpus(cell: CellState): number {
  let max = 0;
  for (let m = 0; m < cell.machines; m++) {
    const f = cell.freeCpus(m);
    if (f > max) max = f;
  }
  return max;
}
