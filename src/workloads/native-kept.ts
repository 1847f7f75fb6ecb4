import type { JobSpec, WorkloadKind } from "../cluster/job.js";
import { InputError } from "../engine/errors.js";
import type { TraceJobs, TraceReadOptions } from "./native-csv.js";

/**
 * The jobs a native-trace read keeps (steps 1–4 of native-csv.ts), stored as columns of typed
 * arrays, and the duplicate-id check over them.
 *
 * Why columns: a JobSpec object with its boxed doubles costs ~190 B on the heap (measured with
 * its array slot on 1 M jobs), a row here 57 B (seven doubles and a flag byte), so `trace
 * inspect` can characterize a file without holding objects, and a read makes objects only
 * once, when it hands them out. The optional columns' arrays (GPUs, priority) are made when
 * the first row needing one is kept: a file without them costs nothing more.
 *
 * Why duplicates are checked among the jobs kept only: a set of every id read grows with the
 * file (1.5 GB for 3 M rows), not with the jobs kept. A duplicate outside the window (or of a
 * kind with rate multiplier 0) is harmless, since the simulator never sees it.
 */

const SERVICE = 1;
const PREFILL = 2;
const GANG = 4;
const INITIAL_CAPACITY = 1024;

/** Keeps the jobs of one read; {@link add} each parsed row, then {@link finish}. */
export class KeptJobs {
  private count = 0;
  private ids = new Float64Array(INITIAL_CAPACITY);
  private submitUs = new Float64Array(INITIAL_CAPACITY);
  private tasks = new Float64Array(INITIAL_CAPACITY);
  private cpusPerTask = new Float64Array(INITIAL_CAPACITY);
  private memGbPerTask = new Float64Array(INITIAL_CAPACITY);
  private durationUs = new Float64Array(INITIAL_CAPACITY);
  /** 1-based line of each kept row, for the duplicate-id message. */
  private lines = new Float64Array(INITIAL_CAPACITY);
  private flags = new Uint8Array(INITIAL_CAPACITY);
  /** GPUs per task (0: none); made by the first kept row with GPUs. */
  private gpus: Float64Array | undefined;
  /** Priority (NaN: none); made by the first kept row with a priority. */
  private priority: Float64Array | undefined;
  private readonly fromUs: number;
  private readonly toUs: number;
  private readonly rate: Record<WorkloadKind, number>;
  /** Submitted jobs in the order sorted by (submitUs, id); built by {@link finish}. */
  private order: number[] = [];
  private prefillOrder: number[] = [];
  /** While true, rows came in (submitUs, id) order and ids increased: no sort, no duplicate. */
  private submittedSorted = true;
  private idsIncreasing = true;
  private lastSubmitted = -1;

  /** Checks the rate multipliers (an InputError names the bad one). */
  constructor(
    private readonly path: string,
    opts: TraceReadOptions,
  ) {
    this.fromUs = opts.fromUs ?? 0;
    this.toUs = opts.toUs ?? Number.POSITIVE_INFINITY;
    const multiplier = (kind: WorkloadKind) => opts.rateMultiplier?.[kind] ?? 1;
    for (const kind of ["batch", "service"] as const) {
      const r = multiplier(kind);
      if (!Number.isFinite(r) || r < 0)
        throw new InputError(`workload.rateMultiplier.${kind}: expected a number ≥ 0, got ${r}`);
    }
    this.rate = { batch: multiplier("batch"), service: multiplier("service") };
  }

  /** Number of prefill jobs kept. */
  get prefillJobs(): number {
    return this.prefillOrder.length;
  }

  /** Number of submitted jobs kept. */
  get submittedJobs(): number {
    return this.order.length;
  }

  /** Keeps `job` (read at `line`) if it is prefill or submitted in the window at a rate > 0. */
  add(job: Readonly<JobSpec>, line: number): void {
    if (job.prefill) {
      this.push(job, job.submitUs === 0 ? job.submitUs : 0, line);
      return;
    }
    const r = this.rate[job.kind];
    if (r === 0 || job.submitUs < this.fromUs || job.submitUs >= this.toUs) return;
    const shiftedUs = job.submitUs - this.fromUs;
    this.push(job, r === 1 ? shiftedUs : Math.round(shiftedUs / r), line);
  }

  private push(job: Readonly<JobSpec>, submitUs: number, line: number): void {
    const i = this.count;
    if (i === this.ids.length) this.grow();
    if (i > 0 && !(job.id > (this.ids[i - 1] as number))) this.idsIncreasing = false;
    this.ids[i] = job.id;
    this.submitUs[i] = submitUs;
    this.tasks[i] = job.tasks;
    this.cpusPerTask[i] = job.cpusPerTask;
    this.memGbPerTask[i] = job.memGbPerTask;
    this.durationUs[i] = job.durationUs;
    this.lines[i] = line;
    this.flags[i] =
      (job.kind === "service" ? SERVICE : 0) | (job.prefill ? PREFILL : 0) | (job.gang ? GANG : 0);
    const gpus = job.resources?.gpus;
    if (gpus !== undefined && gpus > 0) (this.gpus ??= this.column(0))[i] = gpus;
    if (job.priority !== undefined) (this.priority ??= this.column(NaN))[i] = job.priority;
    this.count++;
    if (job.prefill) this.prefillOrder.push(i);
    else {
      const last = this.lastSubmitted;
      if (last >= 0 && compareJobs(this.submitUs, this.ids, last, i) > 0) this.submittedSorted = false;
      this.lastSubmitted = i;
      this.order.push(i);
    }
  }

  /** An optional column for the rows so far, every one `none`. */
  private column(none: number): Float64Array {
    return new Float64Array(this.ids.length).fill(none);
  }

  private grow(): void {
    const size = this.ids.length * 2;
    const bigger = <T extends Float64Array | Uint8Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(size);
      b.set(a);
      return b;
    };
    if (this.gpus) this.gpus = bigger(this.gpus);
    if (this.priority) this.priority = bigger(this.priority).fill(NaN, this.ids.length);
    this.ids = bigger(this.ids);
    this.submitUs = bigger(this.submitUs);
    this.tasks = bigger(this.tasks);
    this.cpusPerTask = bigger(this.cpusPerTask);
    this.memGbPerTask = bigger(this.memGbPerTask);
    this.durationUs = bigger(this.durationUs);
    this.lines = bigger(this.lines);
    this.flags = bigger(this.flags);
  }

  /** Checks for duplicate ids among the jobs kept, then sorts the submitted jobs (step 4). */
  finish(): void {
    if (!this.idsIncreasing) this.checkDuplicates();
    const { submitUs, ids } = this;
    // Array sort is stable, and on already sorted input (cellsim writes sorted files) linear.
    if (!this.submittedSorted) this.order.sort((a, b) => compareJobs(submitUs, ids, a, b));
  }

  /**
   * Fails on the kept row whose id an earlier kept row has, the first such row in the file (the
   * one a streaming check would stop at). A sorted copy of the ids finds whether there is one;
   * only then are rows walked again to name it.
   */
  private checkDuplicates(): void {
    const sorted = this.ids.slice(0, this.count).sort();
    const repeated = new Set<number>();
    for (let i = 1; i < sorted.length; i++)
      if (sorted[i] === sorted[i - 1]) repeated.add(sorted[i] as number);
    if (repeated.size === 0) return;
    const seen = new Set<number>();
    for (let i = 0; i < this.count; i++) {
      const id = this.ids[i] as number;
      if (!repeated.has(id)) continue;
      if (seen.has(id))
        throw new InputError(`${this.path}:${this.lines[i]}: duplicate job_id, got "${id}" (column job_id)`);
      seen.add(id);
    }
  }

  /** Calls `visit` with each kept job: prefill jobs in file order, then submitted jobs sorted. */
  forEach(visit: (job: JobSpec) => void): void {
    for (const i of this.prefillOrder) visit(this.job(i));
    for (const i of this.order) visit(this.job(i));
  }

  /** The prefill jobs kept, in file order. */
  prefill(): JobSpec[] {
    return this.prefillOrder.map((i) => this.job(i));
  }

  /**
   * The submitted jobs in order, one JobSpec made per call (undefined after the last): a run
   * pulls them as they arrive, so a job's object lives from its arrival until it is settled
   * instead of from the read until the run ends (docs/traces.md, "Memory").
   */
  submittedCursor(): () => JobSpec | undefined {
    let next = 0;
    const order = this.order;
    return () => (next < order.length ? this.job(order[next++] as number) : undefined);
  }

  /** The kept jobs as JobSpec lists. */
  toTraceJobs(): TraceJobs {
    return { prefill: this.prefill(), jobs: this.order.map((i) => this.job(i)) };
  }

  /** Row `i` as a JobSpec, its fields in the order the row parser writes them. */
  private job(i: number): JobSpec {
    const job = this.requiredFields(i);
    if (!this.gpus && !this.priority && (this.flags[i] as number) < GANG) return job;
    return this.withOptional(job, i);
  }

  private requiredFields(i: number): JobSpec {
    const flags = this.flags[i] as number;
    return {
      id: this.ids[i] as number,
      submitUs: this.submitUs[i] as number,
      kind: flags & SERVICE ? "service" : "batch",
      tasks: this.tasks[i] as number,
      cpusPerTask: this.cpusPerTask[i] as number,
      memGbPerTask: this.memGbPerTask[i] as number,
      durationUs: this.durationUs[i] as number,
      prefill: (flags & PREFILL) !== 0,
    };
  }

  /** Adds row `i`'s priority, gang and GPUs, when it has them (as native-row.ts does). */
  private withOptional(job: JobSpec, i: number): JobSpec {
    const priority = this.priority?.[i] ?? NaN;
    const gpus = this.gpus?.[i] ?? 0;
    let out = job;
    if (!Number.isNaN(priority)) out = { ...out, priority };
    if ((this.flags[i] as number) & GANG) out = { ...out, gang: true };
    return gpus > 0 ? { ...out, resources: { gpus } } : out;
  }
}

/** Order of submitted jobs: (submitUs, id). */
function compareJobs(submitUs: Float64Array, ids: Float64Array, a: number, b: number): number {
  return (submitUs[a] as number) - (submitUs[b] as number) || (ids[a] as number) - (ids[b] as number);
}
