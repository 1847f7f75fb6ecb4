import type { SimEvent } from "../engine/event.js";
import { Simulator } from "../engine/simulator.js";
import type { QuasarCell } from "./cell.js";
import type { Classifier } from "./classifier.js";
import { pressureOf } from "./interference.js";
import { newJobRun, settle, type JobRun } from "./job-run.js";
import type { QuasarJobSpec } from "./job-spec.js";
import { RESOURCE_COUNT } from "./machine-types.js";
import type { QuasarMetrics } from "./metrics.js";
import {
  activeCoresPerNode,
  perfWithoutInterference,
  truePerf,
  usedCoresPerNode,
  type Allocation,
} from "./perf.js";
import type { PlacementContext, Plan, QuasarPolicy } from "./policy.js";

/**
 * The Quasar-study model: arrivals, profiling, admission queue, placement, progress at the
 * achieved rate, monitoring, and ends. Equal-time order is one priority table: ends first (so
 * resources freed at t are visible to every decision at t), then arrivals, decisions, monitoring.
 */
export const QuasarEvent = { JobEnd: 0, Arrival: 1, Decide: 2, Monitor: 3 } as const;
const PRIORITY = [0, 1, 2, 3] as const;

/**
 * Queued jobs tried per drain, in arrival order (a bounded backfill window, our choice); jobs the
 * policy's cheap lower bound rules out are skipped without counting.
 */
export const BACKFILL_WINDOW = 64;

export class QuasarModel {
  readonly sim: Simulator;
  readonly runs: JobRun[];
  private readonly queue: number[] = [];
  private done = 0;
  /** When the last job finished (the makespan, once all are done). */
  lastFinishUs = 0;
  private readonly ctx: PlacementContext;

  constructor(
    readonly cell: QuasarCell,
    jobs: readonly QuasarJobSpec[],
    private readonly policy: QuasarPolicy,
    private readonly classifier: Classifier | null,
    private readonly metrics: QuasarMetrics,
    private readonly afterEvent: ((m: QuasarModel) => void) | null,
  ) {
    this.sim = new Simulator((e) => this.handle(e));
    this.runs = jobs.map(newJobRun);
    const runs = this.runs;
    const sim = this.sim;
    this.ctx = {
      cell,
      get nowUs() {
        return sim.now;
      },
      predictionOf: (id) => runs[id]?.prediction ?? null,
    };
    for (const j of jobs) this.schedule(j.arrivalUs, QuasarEvent.Arrival, j.id);
    if (policy.monitorPeriodUs > 0) this.schedule(policy.monitorPeriodUs, QuasarEvent.Monitor, 0);
  }

  /** Runs until every job is done (or `horizonUs`). */
  run(horizonUs: number): void {
    this.sim.runUntil(horizonUs);
  }

  get completed(): number {
    return this.done;
  }

  private schedule(
    time: number,
    kind: (typeof QuasarEvent)[keyof typeof QuasarEvent],
    a: number,
    b = 0,
  ): void {
    this.sim.schedule(time, PRIORITY[kind], kind, a, b);
  }

  private handle(e: SimEvent): void {
    const now = this.sim.now;
    if (e.kind === QuasarEvent.Arrival) this.arrive(this.runs[e.a]!, now);
    else if (e.kind === QuasarEvent.Decide) this.decide(this.runs[e.a]!, now);
    else if (e.kind === QuasarEvent.JobEnd) {
      const run = this.runs[e.a]!;
      if (run.phase === "running" && run.endVersion === e.b) this.finish(run, now);
    } else if (e.kind === QuasarEvent.Monitor) this.monitor(now);
    this.afterEvent?.(this);
  }

  private arrive(run: JobRun, now: number): void {
    const r = run.spec.reservation;
    this.metrics.reservedDelta(now, r.cores * r.nodes);
    if (this.classifier && this.policy.classifiedAxes.length > 0) {
      const { prediction, errors } = this.classifier.classify(run.spec, this.policy.classifiedAxes);
      run.prediction = prediction;
      this.metrics.classified(errors);
    }
    this.schedule(now + this.policy.overheadUs, QuasarEvent.Decide, run.spec.id);
  }

  private decide(run: JobRun, now: number): void {
    run.readyUs = now;
    run.phase = "queued";
    if (!this.tryStart(run, now)) this.queue.push(run.spec.id);
  }

  private tryStart(run: JobRun, now: number): boolean {
    const plan = this.policy.place(run.spec, run.prediction, this.ctx);
    if (!plan) return false;
    run.phase = "running";
    run.startUs = now;
    run.lastUs = now;
    this.apply(run, plan, now);
    if (run.spec.kind === "service") {
      run.endVersion++;
      this.schedule(now + run.spec.targetDurationUs, QuasarEvent.JobEnd, run.spec.id, run.endVersion);
    }
    this.refresh(plan.machines, now);
    return true;
  }

  /** Puts the plan into the cell (the cell throws rather than over-commit). */
  private apply(run: JobRun, plan: Plan, now: number): void {
    const job = run.spec;
    const perf0 = perfWithoutInterference(job, this.cell, plan.cores, plan.machines);
    const active = activeCoresPerNode(job, plan.cores, perf0);
    const pressure = plan.machines.map((m) => {
      const t = this.cell.typeAt(m);
      return pressureOf(job.caused, active, t.cores, t.capacity, new Float64Array(RESOURCE_COUNT));
    });
    plan.machines.forEach((m, i) => this.cell.place(job.id, m, plan.cores, plan.memGbPerNode, pressure[i]!));
    run.alloc = {
      cores: plan.cores,
      memGbPerNode: plan.memGbPerNode,
      machines: [...plan.machines],
      pressure,
    };
    this.metrics.allocatedDelta(now, plan.cores * plan.machines.length);
  }

  /** Takes a job's allocation out of the cell (its CPU use with it). */
  private release(run: JobRun, now: number): Allocation {
    const alloc = run.alloc!;
    for (const m of alloc.machines) this.metrics.usedDelta(now, m, -run.usedPerNode);
    run.usedPerNode = 0;
    alloc.machines.forEach((m, i) =>
      this.cell.remove(run.spec.id, m, alloc.cores, alloc.memGbPerNode, alloc.pressure[i]!),
    );
    this.metrics.allocatedDelta(now, -alloc.cores * alloc.machines.length);
    run.alloc = null;
    return alloc;
  }

  /** Re-evaluates every job on these machines: pressure there changed. */
  private refresh(machines: readonly number[], now: number): void {
    const ids = new Set<number>();
    for (const m of machines) for (const id of this.cell.jobsOn[m]!) ids.add(id);
    for (const id of [...ids].sort((a, b) => a - b)) this.updateRate(this.runs[id]!, now);
  }

  private updateRate(run: JobRun, now: number): void {
    settle(run, now);
    const alloc = run.alloc!;
    const perf = truePerf(run.spec, this.cell, alloc);
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
      this.schedule(
        now + Math.max(1, Math.ceil((remaining / rate) * 1e6)),
        QuasarEvent.JobEnd,
        run.spec.id,
        run.endVersion,
      );
    }
  }

  private finish(run: JobRun, now: number): void {
    settle(run, now);
    const alloc = this.release(run, now);
    run.phase = "done";
    this.done++;
    this.lastFinishUs = now;
    const r = run.spec.reservation;
    this.metrics.reservedDelta(now, -r.cores * r.nodes);
    this.metrics.jobDone(run, now);
    this.refresh(alloc.machines, now);
    this.drainQueue(now);
  }

  /** Retries queued jobs in arrival order (up to BACKFILL_WINDOW real attempts). */
  private drainQueue(now: number): void {
    let free = this.freeCores();
    let attempts = 0;
    const kept: number[] = [];
    for (const id of this.queue) {
      const run = this.runs[id]!;
      const needs = this.policy.needs(run.spec, run.prediction);
      const possible = needs.perNodeCores <= free.maxOnMachine && needs.totalCores <= free.total;
      if (!possible || attempts >= BACKFILL_WINDOW) {
        kept.push(id);
        continue;
      }
      attempts++;
      if (this.tryStart(run, now)) free = this.freeCores();
      else kept.push(id);
    }
    this.queue.length = 0;
    this.queue.push(...kept);
  }

  private freeCores(): { maxOnMachine: number; total: number } {
    let maxOnMachine = 0;
    let total = 0;
    for (let m = 0; m < this.cell.size; m++) {
      const f = this.cell.freeCores(m);
      total += f;
      if (f > maxOnMachine) maxOnMachine = f;
    }
    return { maxOnMachine, total };
  }

  private monitor(now: number): void {
    const adjust = this.policy.adjust;
    let freed = false;
    if (adjust) {
      for (const run of this.runs) {
        if (run.phase !== "running") continue;
        settle(run, now);
        const observed = {
          job: run.spec,
          alloc: run.alloc!,
          achievedPerf: run.rate,
          capacity: run.capacity,
          prediction: run.prediction,
        };
        const plan = adjust(observed, this.ctx);
        if (plan) freed = this.resize(run, plan, now) || freed;
      }
    }
    if (freed) this.drainQueue(now);
    if (this.done < this.runs.length)
      this.schedule(now + this.policy.monitorPeriodUs, QuasarEvent.Monitor, 0);
  }

  /** Moves a running job to a new plan; returns true if it gave cores back. */
  private resize(run: JobRun, plan: Plan, now: number): boolean {
    const old = this.release(run, now);
    const fits = plan.machines.every((m) => this.cell.fits(m, plan.cores, plan.memGbPerNode));
    const next = fits ? plan : old;
    this.apply(run, next, now);
    this.refresh([...new Set([...old.machines, ...next.machines])], now);
    return next.cores * next.machines.length < old.cores * old.machines.length;
  }
}
