import type { SimEvent } from "../../engine/event.js";
import { EventKind } from "../events.js";
import { JobPhase, type JobState } from "../job-state.js";
import type { MachineEvent } from "../machine-event.js";
import type { LostGroupTasks } from "../running-tasks.js";
import type { FailureHost } from "./failure-host.js";
import { FailureSchedule, type FailureTransitions } from "./failure-schedule.js";
import type { FailureObserver, FailureSetup, LossCause } from "./failure-setup.js";
import { RestartQueue } from "./restart-queue.js";

/**
 * Machine failures and what becomes of lost work (docs/failures.md).
 *
 * 1. A machine goes down when its own process, its failure domain or the trace says so (causes
 *    overlap: it comes back when the last one ends). At that instant every task on it is lost:
 *    its resources are freed, its job's scheduler is told (`tasksEnded`), and the machine's
 *    capacity leaves the cell until repair (CellState.takeDown), so no placement can use it.
 * 2. Lost batch tasks go straight back to their job's scheduler as unscheduled tasks; a re-run
 *    resumes from the task's last checkpoint (none: from the start). Lost service instances come
 *    back after the framework's restart delay and run until their planned end.
 * 3. A fully scheduled job that gets tasks back is pending again and re-enters its scheduler's
 *    queue (a JobRetry to the scheduler that last attempted it); a pending job just has more
 *    tasks to place; an abandoned job's lost tasks are not brought back.
 */
export class FailureModel implements FailureTransitions {
  private host: FailureHost | undefined;
  private readonly schedule: FailureSchedule;
  /** Machines the trace holds down. */
  private readonly traceDown: Uint8Array;
  /** Service jobs with lost instances not yet back (for the horizon's availability). */
  private readonly servicesWithLosses = new Set<JobState>();

  constructor(
    private readonly setup: FailureSetup,
    machines: number,
    private readonly observer: FailureObserver,
  ) {
    this.schedule = new FailureSchedule(setup, machines);
    this.traceDown = new Uint8Array(machines);
  }

  /** Connects the model (once, before the run). */
  attach(host: FailureHost): void {
    this.host = host;
  }

  private get h(): FailureHost {
    return this.host as FailureHost;
  }

  /** Queues the first MachineFailure event (at the start of the run). */
  start(): void {
    this.queueNext();
  }

  /** A MachineFailure or TasksRestart event. */
  handle(event: SimEvent): void {
    if (event.kind === EventKind.MachineFailure) {
      this.schedule.advance(this.h.now, this);
      this.queueNext();
    } else {
      const job = this.h.job(event.a);
      this.h.release(job);
      this.bringBack(job, event.b);
    }
  }

  private queueNext(): void {
    const next = this.schedule.nextUs;
    if (next !== Infinity) this.h.schedule(next, EventKind.MachineFailure);
  }

  machineFailed(m: number): void {
    this.observer.machineFailed(this.h.now, m, !this.h.cell.isDown(m));
    this.goDown(m);
  }

  machineRepaired(m: number): void {
    this.comeUp(m);
  }

  domainFailed(d: number, first: number, end: number): void {
    this.observer.domainFailed(this.h.now, d);
    for (let m = first; m < end; m++) this.goDown(m);
  }

  domainRepaired(_d: number, first: number, end: number): void {
    for (let m = first; m < end; m++) this.comeUp(m);
  }

  traceEvent(e: MachineEvent): void {
    const m = e.machine;
    if (e.kind === "down" && this.traceDown[m] === 0) {
      this.traceDown[m] = 1;
      this.observer.machineFailed(this.h.now, m, !this.h.cell.isDown(m));
      this.goDown(m);
    } else if (e.kind === "up" && this.traceDown[m] === 1) {
      this.traceDown[m] = 0;
      this.comeUp(m);
    }
  }

  /**
   * Machine m goes down now: its tasks are taken off (their resources freed), its capacity leaves
   * the cell, and only then do the tasks' schedulers hear that they ended, so nothing a scheduler
   * does on hearing it (serving a waiting queue, a retry) can place a task on m.
   */
  private goDown(m: number): void {
    const h = this.h;
    const lost = h.cell.isDown(m) ? [] : h.running.takeOff(m, h.cell);
    const wentDown = h.cell.takeDown(m);
    if (lost.length > 0) h.allocationChanged();
    if (wentDown) this.observer.machineDown(h.now, m);
    this.tasksLostOn(m, lost, "failure");
    if (wentDown) h.machineWentDown(m);
  }

  private comeUp(m: number): void {
    if (!this.h.cell.bringUp(m)) return;
    this.observer.machineUp(this.h.now, m);
    this.h.machineCameUp(m);
  }

  /**
   * Tasks taken off machine m now, with a cause: each job's scheduler hears that its tasks
   * ended; lost work is accounted and the tasks come back by the rules of their kind.
   */
  private tasksLostOn(m: number, lost: readonly LostGroupTasks[], cause: LossCause): void {
    const h = this.h;
    for (const group of lost) {
      if (group.jobIndex < 0) {
        this.observer.prefillTasksLost(group.tasks);
        continue;
      }
      h.tasksTakenOff(group.group, m, group.tasks);
      const job = h.job(group.jobIndex);
      h.arch.tasksEnded(job, group.tasks, new Array<number>(group.tasks).fill(m));
      this.lose(job, group, cause);
    }
  }

  /** Accounts a job's lost tasks and queues their way back. */
  private lose(job: JobState, group: LostGroupTasks, cause: LossCause): void {
    const now = this.h.now;
    const spec = job.spec;
    const queue = (job.lost ??= new RestartQueue());
    const n = group.tasks;
    if (spec.kind === "batch") {
      const interval = this.setup.lostWork.batch.checkpointIntervalUs ?? 0;
      // Work done before this run (resumed from a checkpoint) plus this run's.
      const progressUs = spec.durationUs - group.durationUs + (now - group.startUs);
      const keptUs = interval > 0 ? Math.floor(progressUs / interval) * interval : 0;
      this.observer.tasksLost("batch", n, n * (progressUs - keptUs), cause);
      for (let i = 0; i < n; i++) queue.pushDelayed(now, spec.durationUs - keptUs);
    } else {
      // A service instance's run time is not thrown away: its loss shows as missing time.
      this.observer.tasksLost("service", n, 0, cause);
      this.observer.serviceRunningChanged(now, -n);
      this.servicesWithLosses.add(job);
      for (let i = 0; i < n; i++) queue.pushDelayed(now, group.startUs + group.durationUs);
    }
    const delayUs = spec.kind === "service" ? this.setup.lostWork.service.restartDelayUs : 0;
    if (delayUs === 0) {
      this.bringBack(job, n);
    } else {
      this.h.hold(job);
      this.h.schedule(now + delayUs, EventKind.TasksRestart, job.index, n);
    }
  }

  /** `n` lost tasks of the job are due back now. */
  private bringBack(job: JobState, n: number): void {
    const queue = job.lost as RestartQueue;
    queue.release(n);
    // The retry rule gave up on the job: nothing brings its tasks back (they stay missing).
    if (job.phase === JobPhase.Abandoned) return;
    this.h.tasksBack(job, n);
  }

  /**
   * Starts tasks of a job that lost some (the model calls this instead of starting one group):
   * lost tasks first, consecutive ones of equal remaining run time in one group, then the job's
   * own tasks.
   */
  restartTasks(job: JobState, machines: readonly number[], cpus: number, memGb: number): void {
    const queue = job.lost as RestartQueue;
    let i = 0;
    while (i < machines.length && queue.ready > 0) {
      const runUs = this.takeRestart(job, queue);
      let j = i + 1;
      while (j < machines.length && queue.ready > 0 && this.peekRunUs(job, queue) === runUs) {
        this.takeRestart(job, queue);
        j++;
      }
      this.h.startGroup(job, machines.slice(i, j), cpus, memGb, runUs);
      i = j;
    }
    if (i < machines.length)
      this.h.startGroup(job, i === 0 ? machines : machines.slice(i), cpus, memGb, job.spec.durationUs);
    if (queue.size === 0) this.servicesWithLosses.delete(job);
  }

  /** The run time of the oldest ready restart: batch, what is left; service, the rest of its life. */
  private peekRunUs(job: JobState, queue: RestartQueue): number {
    const value = queue.peekValue();
    return job.spec.kind === "batch" ? value : Math.max(0, value - this.h.now);
  }

  /** Takes the oldest ready restart, reports it placed now; returns its run time. */
  private takeRestart(job: JobState, queue: RestartQueue): number {
    const now = this.h.now;
    const kind = job.spec.kind;
    const runUs = this.peekRunUs(job, queue);
    const lostAtUs = queue.peekLostAtUs();
    const value = queue.shift();
    this.observer.taskRestarted(kind, now - lostAtUs);
    if (kind === "service") this.observer.serviceInstanceMissing(Math.min(now, value) - lostAtUs);
    return runUs;
  }

  /** Tasks of a submitted job started / ended normally (service availability). */
  tasksStarted(job: JobState, n: number): void {
    if (job.spec.kind === "service") this.observer.serviceRunningChanged(this.h.now, n);
  }

  tasksEnded(job: JobState, n: number): void {
    if (job.spec.kind === "service" && n > 0) this.observer.serviceRunningChanged(this.h.now, -n);
  }

  /**
   * At the horizon: service instances lost and not back (still in their restart delay, queued,
   * or of an abandoned job) were missing from their loss until the horizon or their planned end.
   */
  finish(horizonUs: number): void {
    for (const job of this.servicesWithLosses)
      for (const entry of (job.lost as RestartQueue).pending())
        this.observer.serviceInstanceMissing(Math.max(0, Math.min(entry.value, horizonUs) - entry.lostAtUs));
  }
}
