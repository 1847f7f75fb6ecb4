import type { SimEvent } from "../../engine/event.js";
import type { SimTime } from "../../engine/time.js";
import type { CellState } from "../cell-state.js";
import { EventKind, type EventKindId } from "../events.js";
import type { FrameworkJob, JobSpec } from "../job.js";
import { JobPhase, type JobState } from "../job-state.js";
import type { SchedulingObserver } from "../observer.js";
import type { RunningTasks } from "../running-tasks.js";
import { DependencyGate } from "./dependencies.js";
import { FrameworkJobState } from "./job-state.js";

/** What the framework runtime needs of the model. */
export interface FrameworkHost {
  readonly now: SimTime;
  readonly cell: CellState;
  readonly running: RunningTasks;
  readonly observer: SchedulingObserver;
  /** The held job with this index, or undefined once settled. */
  job(index: number): JobState | undefined;
  /** Submits a framework job now: the model's arrival path (table, observer, admission). */
  enter(spec: JobSpec): JobState;
  schedule(timeUs: SimTime, kind: EventKindId, a?: number, b?: number): void;
  hold(job: JobState): void;
  release(job: JobState): void;
  /** The job's phase left Pending (it may settle at the end of the event). */
  phaseChanged(job: JobState): void;
  /** `n` tasks come back to be placed (ClusterModel.tasksBack). */
  tasksBack(job: JobState, n: number): boolean;
  /** Takes up to `count` of the job's running tasks off their machines now; returns how many. */
  stopRunning(job: JobState, count: number): number;
  /** Starts a group of the job's tasks now on `machines`, running `durationUs`. */
  startGroup(
    job: JobState,
    machines: readonly number[],
    cpus: number,
    memGb: number,
    durationUs: SimTime,
  ): void;
}

/** An application's progress. */
interface AppState {
  readonly fw: FrameworkJob;
  /** Jobs of it not ended yet (completed, failed or cancelled). */
  left: number;
  /** A job of it was abandoned, skipped or cancelled. */
  failed: boolean;
  /** Ids of its jobs seen so far (forgotten when it ends). */
  readonly ids: number[];
}

/**
 * The model's side of frameworks (docs/frameworks.md): dependencies between jobs, start
 * deadlines, jobs ended by another's completion, Marathon scaling, data locality of task starts,
 * application completion and per-framework shares of the cell. Created when the first job with
 * `fw` arrives, so runs without framework jobs never reach any of it.
 */
export class FrameworkRuntime {
  private readonly gate = new DependencyGate();
  private readonly apps = new Map<number, AppState>();
  /** Jobs to stop when a job completes (`fw.endsWith`), by that job's id. */
  private readonly stopWhenDone = new Map<number, JobState[]>();
  /** Jobs (by id) of live applications that completed: an `endsWith` naming one stops at once. */
  private readonly completedIds = new Set<number>();
  /** Released jobs waiting for their JobRelease event, in release order. */
  private readonly releasing: JobSpec[] = [];
  /** Framework names in order of first appearance (the order of the shares series). */
  readonly frameworks: string[] = [];
  private readonly frameworkIndex = new Map<string, number>();

  constructor(private readonly host: FrameworkHost) {}

  /**
   * A framework job arrives from the workload. Returns true when it enters now; false when it
   * waits for the jobs it comes after, or was cancelled because one of them failed.
   */
  arrived(spec: JobSpec): boolean {
    this.appOf(spec).ids.push(spec.id);
    const verdict = this.gate.arrived(spec);
    if (verdict === "enter") return true;
    if (verdict === "cancelled") this.cancelled([spec]);
    return false;
  }

  /**
   * A framework job enters (the model added it to its table and told the observer): its state,
   * start deadline, scaling events and `endsWith` link are set up.
   */
  entered(job: JobState): void {
    const fw = job.spec.fw as FrameworkJob;
    const now = this.host.now;
    this.indexOf(fw.framework);
    job.fw = new FrameworkJobState(job.spec.tasks, fw.locality, now);
    // The deadline does not hold the job: one that completes before it settles at once (its
    // dependants are released then), and the deadline then finds no job.
    if (fw.startByUs !== undefined)
      this.host.schedule(Math.max(now, fw.startByUs), EventKind.StartDeadline, job.index);
    if (fw.scale !== undefined)
      fw.scale.forEach((event, i) => {
        this.host.hold(job);
        this.host.schedule(Math.max(now, event.atUs), EventKind.ScaleChange, job.index, i);
      });
    if (fw.endsWith !== undefined) {
      if (this.completedIds.has(fw.endsWith)) this.stop(job);
      else {
        const list = this.stopWhenDone.get(fw.endsWith);
        if (list === undefined) this.stopWhenDone.set(fw.endsWith, [job]);
        else list.push(job);
      }
    }
  }

  /** A framework event (JobRelease, StartDeadline, ScaleChange). */
  handle(event: SimEvent): void {
    if (event.kind === EventKind.JobRelease) {
      const spec = this.releasing.shift() as JobSpec;
      this.host.enter(spec);
    } else if (event.kind === EventKind.StartDeadline) {
      const job = this.host.job(event.a);
      if (job !== undefined) this.deadline(job);
    } else {
      this.scale(this.host.job(event.a) as JobState, event.b);
    }
  }

  /** A framework job settled (the model's table let it go): completed, abandoned or skipped. */
  settled(job: JobState): void {
    const spec = job.spec;
    const fw = spec.fw as FrameworkJob;
    if (job.phase === JobPhase.FullyScheduled) {
      this.completedIds.add(spec.id);
      for (const next of this.gate.completed(spec.id)) {
        this.releasing.push(next);
        this.host.schedule(this.host.now, EventKind.JobRelease);
      }
      const stopping = this.stopWhenDone.get(spec.id);
      if (stopping !== undefined) {
        this.stopWhenDone.delete(spec.id);
        for (const dependant of stopping)
          if (this.host.job(dependant.index) === dependant) this.stop(dependant);
      }
    } else {
      this.appOf(spec).failed = true;
      this.cancelled(this.gate.failed(spec.id));
    }
    this.jobEnded(fw);
  }

  /**
   * Tasks of a job with data locality start on `machines`: each takes a pending task, local to
   * the machine if one is (its block is there), else remote; local tasks run the job's duration,
   * remote ones `remoteFactor` times it. Two groups at most.
   */
  startWithLocality(job: JobState, machines: readonly number[], cpus: number, memGb: number): void {
    const state = (job.fw as FrameworkJobState).locality;
    if (state === undefined) throw new Error("startWithLocality: the job has no locality");
    const local: number[] = [];
    const remote: number[] = [];
    for (const m of machines) (state.take(m) ? local : remote).push(m);
    const durationUs = job.spec.durationUs;
    if (local.length > 0) {
      this.host.startGroup(job, local, cpus, memGb, durationUs);
      state.waitingSinceUs = this.host.now;
    }
    if (remote.length > 0)
      this.host.startGroup(job, remote, cpus, memGb, Math.round(durationUs * state.locality.remoteFactor));
    this.host.observer.tasksLocality?.(job, local.length, remote.length);
  }

  /**
   * Per-framework CPUs and memory held now by running tasks, in the order of `frameworks`
   * (reported to the observer with every sample).
   */
  sample(nowUs: SimTime): void {
    const observer = this.host.observer;
    if (observer.frameworkShares === undefined) return;
    const n = this.frameworks.length;
    const cpus = new Float64Array(n);
    const memGb = new Float64Array(n);
    this.host.running.forEachGroup((jobIndex, tasks, cpusPerTask, memGbPerTask) => {
      if (jobIndex < 0) return;
      const fw = this.host.job(jobIndex)?.spec.fw;
      if (fw === undefined) return;
      const f = this.frameworkIndex.get(fw.framework) as number;
      cpus[f] = (cpus[f] as number) + tasks * cpusPerTask;
      memGb[f] = (memGb[f] as number) + tasks * memGbPerTask;
    });
    observer.frameworkShares(nowUs, this.frameworks, cpus, memGb);
  }

  /** Jobs parked behind their dependencies now. */
  get parkedJobs(): number {
    return this.gate.parkedJobs;
  }

  /** The start deadline of a job: if it has placed no task yet, it is skipped. */
  private deadline(job: JobState): void {
    if (job.phase !== JobPhase.Pending || job.everPlaced) return;
    job.phase = JobPhase.Skipped;
    this.host.observer.jobSkipped?.(job, this.host.now);
    this.host.phaseChanged(job);
  }

  /** A Marathon scaling event: the job wants `instances` from now on. */
  private scale(job: JobState, eventIndex: number): void {
    this.host.release(job);
    if (job.phase === JobPhase.Abandoned || job.phase === JobPhase.Skipped) return;
    const state = job.fw as FrameworkJobState;
    const wanted = (job.spec.fw?.scale?.[eventIndex]?.instances ?? state.desired) as number;
    const delta = wanted - state.desired;
    state.desired = wanted;
    if (delta > 0) this.host.tasksBack(job, delta);
    else if (delta < 0) this.shrink(job, -delta);
    this.host.observer.jobScaled?.(job, wanted, this.host.now);
  }

  /** `count` fewer instances: unplaced ones are dropped first, then running ones stopped. */
  private shrink(job: JobState, count: number): void {
    const dropped = Math.min(count, job.unscheduledTasks);
    this.dropUnplaced(job, dropped);
    if (count > dropped) this.host.stopRunning(job, count - dropped);
  }

  /** The job's completion ended it (`endsWith`): every task stops, none is placed any more. */
  private stop(job: JobState): void {
    this.dropUnplaced(job, job.unscheduledTasks);
    this.host.stopRunning(job, Number.MAX_SAFE_INTEGER);
  }

  /** Drops `n` unplaced tasks; a pending job left with none is fully scheduled. */
  private dropUnplaced(job: JobState, n: number): void {
    job.unscheduledTasks -= n;
    if (job.unscheduledTasks === 0 && job.phase === JobPhase.Pending) {
      job.phase = JobPhase.FullyScheduled;
      this.host.observer.jobFullyScheduled(job, this.host.now);
      this.host.phaseChanged(job);
    }
  }

  /** Jobs cancelled because a job they come after failed: they end with their application. */
  private cancelled(specs: readonly JobSpec[]): void {
    for (const spec of specs) {
      this.appOf(spec).failed = true;
      this.host.observer.jobCancelled?.(spec, this.host.now);
      this.jobEnded(spec.fw as FrameworkJob);
    }
  }

  /** One job of the application ended; the last one ends the application. */
  private jobEnded(fw: FrameworkJob): void {
    const app = this.apps.get(fw.app) as AppState;
    if (--app.left > 0) return;
    this.apps.delete(fw.app);
    this.gate.forget(app.ids);
    for (const id of app.ids) {
      this.completedIds.delete(id);
      this.stopWhenDone.delete(id);
    }
    this.host.observer.appEnded?.(app.fw, this.host.now, !app.failed);
  }

  private appOf(spec: JobSpec): AppState {
    const fw = spec.fw as FrameworkJob;
    let app = this.apps.get(fw.app);
    if (app === undefined) {
      app = { fw, left: fw.appJobs, failed: false, ids: [] };
      this.apps.set(fw.app, app);
    }
    return app;
  }

  private indexOf(name: string): number {
    let i = this.frameworkIndex.get(name);
    if (i === undefined) {
      i = this.frameworks.length;
      this.frameworks.push(name);
      this.frameworkIndex.set(name, i);
    }
    return i;
  }
}
