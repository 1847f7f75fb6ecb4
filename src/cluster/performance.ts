import { InputError } from "../engine/errors.js";
import type { SimTime } from "../engine/time.js";
import { CORES_GRID } from "../quasar/latent-classes.js";
import type { PerformanceMetrics } from "../metrics/performance.js";
import { pressureOf } from "../quasar/interference.js";
import { RESOURCE_COUNT } from "../quasar/machine-types.js";
import type { PerfCell } from "../quasar/perf-cell.js";
import {
  activeCoresPerNode,
  perfWithoutInterference,
  truePerf,
  usedCoresPerNode,
  type Allocation,
} from "../quasar/perf.js";
import type { Observed, Plan } from "../quasar/policy.js";
import type { CellState } from "./cell-state.js";
import { EventKind } from "./events.js";
import type { JobState } from "./job-state.js";
import { newPerfJob, settle, type PerfJob } from "./perf-job.js";

/** What the tracker needs of the model: the clock, the shared cell and the event queue. */
export interface PerformanceHost {
  readonly now: SimTime;
  readonly cell: CellState;
  schedule(timeUs: SimTime, kind: typeof EventKind.JobEnd, a: number, b: number): void;
}

/**
 * Progress of the jobs that carry a performance model (off by default: a run without such jobs
 * never creates one). A job's nodes hold cores and memory in the shared cell like any task; here
 * they also add interference pressure to their machines. The job progresses at the rate its
 * hidden performance function gives for its allocation, the machines' types and the pressure of
 * its co-runners; every change of pressure on a machine re-evaluates the jobs there and moves
 * their end. Batch jobs end when their work is done, services after their lifetime.
 */
export class PerformanceTracker {
  private readonly jobs: (PerfJob | undefined)[] = [];
  private submitted_ = 0;

  constructor(
    private readonly host: PerformanceHost,
    readonly perf: PerfCell,
    readonly metrics: PerformanceMetrics,
  ) {}

  /** A job with a performance model was submitted now: its reservation counts as asked. */
  submitted(job: JobState): void {
    const spec = job.spec.perf!;
    this.jobs[job.index] = newPerfJob(job, spec, this.host.now);
    this.submitted_++;
    this.perf.kinds[job.index] = spec.kind;
    this.metrics.reservedDelta(this.host.now, spec.reservation.cores * spec.reservation.nodes);
  }

  /** The job reached its scheduler now (its admission delay is over). */
  ready(job: JobState): void {
    this.of(job).readyUs = this.host.now;
  }

  /** The progress state of a job with a performance model. */
  of(job: JobState): PerfJob {
    const run = this.jobs[job.index];
    if (run === undefined) throw new Error(`job ${job.spec.id} has no performance model`);
    return run;
  }

  /** Jobs with a performance model that have not ended, in submission order. */
  unfinished(): PerfJob[] {
    return this.jobs.filter((r): r is PerfJob => r !== undefined && !r.done);
  }

  /** Running jobs (started, not ended), in submission order. */
  runningJobs(): PerfJob[] {
    return this.jobs.filter((r): r is PerfJob => r !== undefined && r.alloc !== null);
  }

  /** How many jobs with a performance model were submitted. */
  get submittedCount(): number {
    return this.submitted_;
  }

  /**
   * The job's nodes started now on `machines` with `cores` and `memGbPerNode` each (already
   * committed to the shared cell). A job starts once: its nodes are a gang.
   */
  started(job: JobState, machines: readonly number[], cores: number, memGbPerNode: number): void {
    const run = this.of(job);
    if (run.alloc !== null) throw new Error(`job ${job.spec.id} started twice`);
    if (!CORES_GRID.includes(cores)) {
      throw new InputError(
        `allocation: job ${job.spec.id} was given ${cores} cores per node; a job with a performance model needs one of ${CORES_GRID.join(", ")}`,
      );
    }
    const now = this.host.now;
    run.startUs = now;
    run.lastUs = now;
    if (run.readyUs < 0) run.readyUs = now;
    this.apply(run, { cores, memGbPerNode, machines }, now, false);
    if (run.spec.kind === "service") {
      run.endVersion++;
      this.host.schedule(now + run.spec.targetDurationUs, EventKind.JobEnd, job.index, run.endVersion);
    }
    this.refresh(machines, now);
  }

  /**
   * A JobEnd event: if it is current, the job ends now and its nodes are released from the
   * cell. Returns the machines freed (one entry per node), or undefined for a stale event.
   */
  ended(jobIndex: number, version: number): { job: JobState; machines: readonly number[] } | undefined {
    const run = this.jobs[jobIndex];
    if (run === undefined || run.alloc === null || run.endVersion !== version) return undefined;
    const now = this.host.now;
    settle(run, now);
    const alloc = this.release(run, now);
    run.done = true;
    const r = run.spec.reservation;
    this.metrics.reservedDelta(now, -r.cores * r.nodes);
    this.metrics.jobDone(run, now);
    this.refresh(alloc.machines, now);
    return { job: run.job, machines: alloc.machines };
  }

  /** What the monitor sees of a running job now (its progress settled to now). */
  observe(run: PerfJob): Observed {
    settle(run, this.host.now);
    return {
      job: run.spec,
      alloc: run.alloc!,
      achievedPerf: run.rate,
      capacity: run.capacity,
      prediction: this.perf.predictionOf(run.job.index),
    };
  }

  /** True if `plan` would take more than the job holds on some machine (a growth). */
  grows(run: PerfJob, plan: Plan): boolean {
    const old = run.alloc!;
    return plan.machines.some(
      (m) => !old.machines.includes(m) || plan.cores > old.cores || plan.memGbPerNode > old.memGbPerNode,
    );
  }

  /**
   * Moves a running job to `plan` (monitoring grows or shrinks it). If the plan no longer fits
   * the live cell, the job keeps what it had. Returns the machines where it gave cores back
   * (empty when it did not shrink).
   */
  resize(run: PerfJob, plan: Plan): readonly number[] {
    const now = this.host.now;
    const old = this.release(run, now);
    const cell = this.host.cell;
    const fits = plan.machines.every((m) => cell.fits(m, plan.cores, plan.memGbPerNode));
    const next = fits ? plan : old;
    this.apply(run, next, now, true);
    this.refresh([...new Set([...old.machines, ...next.machines])], now);
    return next.cores * next.machines.length < old.cores * old.machines.length ? old.machines : [];
  }

  /**
   * Puts a plan into effect: its pressure, and with `claim` its cores and memory in the shared
   * cell (claims bump sequence numbers, as any commit; at a start the scheduler's commit already
   * claimed them). The cell is never over-committed: a claim that does not fit throws.
   */
  private apply(run: PerfJob, plan: Plan, now: SimTime, claim: boolean): void {
    const job = run.spec;
    const perf0 = perfWithoutInterference(job, this.perf, plan.cores, plan.machines);
    const active = activeCoresPerNode(job, plan.cores, perf0);
    const pressure = plan.machines.map((m) => {
      const t = this.perf.typeAt(m);
      return pressureOf(job.caused, active, t.cores, t.capacity, new Float64Array(RESOURCE_COUNT));
    });
    const cell = this.host.cell;
    plan.machines.forEach((m, i) => {
      if (claim) {
        if (!cell.fits(m, plan.cores, plan.memGbPerNode)) {
          throw new Error(
            `machine ${m} over-committed by job ${run.job.spec.id}: ${plan.cores} cores / ${plan.memGbPerNode} GB do not fit`,
          );
        }
        cell.claim(m, plan.cores, plan.memGbPerNode);
      }
      this.perf.addJob(run.job.index, m, pressure[i]!);
    });
    run.alloc = {
      cores: plan.cores,
      memGbPerNode: plan.memGbPerNode,
      machines: [...plan.machines],
      pressure,
    };
    this.metrics.allocatedDelta(now, plan.cores * plan.machines.length);
  }

  /** Takes a job's allocation out of the cell (its CPU use with it). */
  private release(run: PerfJob, now: SimTime): Allocation {
    const alloc = run.alloc!;
    for (const m of alloc.machines) this.metrics.usedDelta(now, m, -run.usedPerNode);
    run.usedPerNode = 0;
    const cell = this.host.cell;
    alloc.machines.forEach((m, i) => {
      cell.release(m, alloc.cores, alloc.memGbPerNode);
      this.perf.removeJob(run.job.index, m, alloc.pressure[i]!);
    });
    this.metrics.allocatedDelta(now, -alloc.cores * alloc.machines.length);
    run.alloc = null;
    return alloc;
  }

  /** Re-evaluates every job on these machines: pressure there changed. */
  private refresh(machines: readonly number[], now: SimTime): void {
    const ids = new Set<number>();
    for (const m of machines) for (const id of this.perf.jobsOn[m]!) ids.add(id);
    for (const id of [...ids].sort((a, b) => a - b)) this.updateRate(this.jobs[id]!, now);
  }

  private updateRate(run: PerfJob, now: SimTime): void {
    settle(run, now);
    const alloc = run.alloc!;
    const perf = truePerf(run.spec, this.perf, alloc);
    const rate = perf.achieved;
    const used = usedCoresPerNode(run.spec, alloc.cores, perf.capacity);
    if (used !== run.usedPerNode) {
      for (const m of alloc.machines) this.metrics.usedDelta(now, m, used - run.usedPerNode);
      run.usedPerNode = used;
    }
    const changed = rate !== run.rate;
    run.rate = rate;
    run.capacity = perf.capacity;
    if (changed && run.spec.kind !== "service") {
      const remaining = Math.max(0, run.spec.work - run.workDone);
      run.endVersion++;
      this.host.schedule(
        now + Math.max(1, Math.ceil((remaining / rate) * 1e6)),
        EventKind.JobEnd,
        run.job.index,
        run.endVersion,
      );
    }
  }
}
