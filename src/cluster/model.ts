import type { SimEvent } from "../engine/event.js";
import { Simulator } from "../engine/simulator.js";
import type { SimTime } from "../engine/time.js";
import type { Architecture } from "./architecture.js";
import type { CellState } from "./cell-state.js";
import type { RetryRule } from "./decision.js";
import { EventKind, priorityOf, type EventKindId } from "./events.js";
import type { RandomStream, RngFactory } from "../engine/rng.js";
import type { Place } from "../policies/placement/types.js";
import type { ArchitectureHost } from "./host.js";
import type { JobSpec } from "./job.js";
import type { ModelHooks } from "./model-hooks.js";
import type { AllocationPolicy } from "../allocation/types.js";
import { RESERVATION } from "../allocation/reservation.js";
import type { PerformanceTracker } from "./performance.js";
import { ResourceWaitQueue } from "./wait-queue.js";
import type { TaskShape } from "./host.js";
import { JobPhase, type JobState } from "./job-state.js";
import { JobTable } from "./job-table.js";
import type { SchedulingObserver } from "./observer.js";
import { RunningTasks } from "./running-tasks.js";
import { extraAmounts, type ExtraAmounts } from "./resources.js";
import { InputError } from "../engine/errors.js";
import type { FailureModel } from "./failures/failure-model.js";
import { assertNoOvercommit } from "./cell-checks.js";
import { SchedulerFailover, type SchedulerFailurePlan } from "./scheduler-failover.js";
import { PreemptableTasks } from "./preemptable.js";
import { jobPriority, type SchedulingOptions } from "./scheduling.js";
import { TaskReplay, type TaskRunCursor } from "./task-replay.js";
import { FrameworkRuntime } from "./frameworks/runtime.js";
import { localityRetryUs, waitingForLocality, withDelayScheduling } from "./frameworks/delay-scheduling.js";

/** Pull source of submitted jobs in (submitUs, id) order; `undefined` when exhausted. */
export type JobFeed = () => JobSpec | undefined;

/** Something that looks at the cell at a fixed period (after everything else at each instant). */
export interface PeriodicSampler {
  periodUs: SimTime;
  sample(nowUs: SimTime, cell: CellState): void;
}

/** What the model hands on to architectures besides itself: the run's streams and placer. */
export interface ModelTools {
  rng: RngFactory;
  makePlacer: () => Place;
  /** The run's allocation policy (default: every job gets its reservation, no overhead). */
  allocation?: AllocationPolicy;
  /** Priority-ordered queues and preemption (default: FIFO, never preempt). */
  scheduling?: SchedulingOptions;
  /** The workload's framework names (ArchitectureHost.frameworks); absent when it has none. */
  frameworks?: readonly string[];
}

/**
 * The cluster model of one run: the clock, the shared cell, the job table, job arrivals and task
 * ends. Architectures plug in through `attach` and act through this object as their
 * `ArchitectureHost` (the model implements it directly: no wrapper on the hot path). The job
 * table holds a job only while something may still name it (see JobTable).
 */
export class ClusterModel implements ArchitectureHost {
  readonly sim: Simulator;
  private readonly table = new JobTable();
  private arch: Architecture | undefined;
  private readonly running = new RunningTasks();
  private nextSpec: JobSpec | undefined;
  private horizonUs: SimTime = 0;
  private sampler: PeriodicSampler | undefined;
  private onEvent: ModelHooks["eventDispatched"];
  private onTasks: ModelHooks["tasksStarted"];
  private onEvicted: ModelHooks["tasksEvicted"];
  readonly allocation: AllocationPolicy;
  private performance: PerformanceTracker | undefined;
  /** Jobs waiting for resources (retry.retryWhen "freed"); absent under the timer rule. */
  private readonly waiting: ResourceWaitQueue | undefined;
  /** Machine failures and lost work; absent (the default) keeps every path as it was. */
  private failures: FailureModel | undefined;
  /** Scheduler failover (absent: off). */
  private failover: SchedulerFailover | undefined;
  /** The run's scheduling options (ArchitectureHost); absent: FIFO queues, no preemption. */
  readonly scheduling: SchedulingOptions | undefined;
  /** The victim index (ArchitectureHost), kept only when preemption is on. */
  readonly preemptable: PreemptableTasks | undefined;
  /** The workload's framework names (ArchitectureHost); absent when it has none. */
  readonly frameworks: readonly string[] | undefined;
  /** Replay of trace task runs; created when the first job with `taskRuns` arrives. */
  private replay: TaskReplay | undefined;
  /** Frameworks (docs/frameworks.md); created when the first job with `fw` arrives. */
  private fwRuntime: FrameworkRuntime | undefined;

  constructor(
    readonly cell: CellState,
    readonly observer: SchedulingObserver,
    readonly retry: RetryRule,
    private readonly feed: JobFeed,
    /** Check after every event that no machine is over-committed (tests; O(machines) per event). */
    private readonly checkInvariants = false,
    private readonly tools?: ModelTools,
  ) {
    const sim = new Simulator((e) => this.dispatch(e));
    this.sim = sim;
    this.allocation = tools?.allocation ?? RESERVATION;
    this.scheduling = tools?.scheduling;
    this.frameworks = tools?.frameworks;
    this.preemptable = tools?.scheduling?.preemption ? new PreemptableTasks(cell.machines) : undefined;
    this.waiting =
      retry.retryWhen === "freed"
        ? new ResourceWaitQueue(
            {
              get now() {
                return sim.now;
              },
              cell,
              schedule: (timeUs, kind, a, b) => this.schedule(timeUs, kind, a, b),
              needs: (job) => this.allocation.needs(job),
            },
            retry.backfillWindow ?? 64,
          )
        : undefined;
  }

  /**
   * Turns the performance model on: jobs that carry one progress by `tracker` (built with this
   * model as its host). Call before `run`.
   */
  trackPerformance(tracker: PerformanceTracker): void {
    this.performance = tracker;
  }

  get now(): SimTime {
    return this.sim.now;
  }

  /** Jobs by index; a settled job's slot is undefined (ArchitectureHost). */
  get jobs(): readonly (JobState | undefined)[] {
    return this.table.byIndex;
  }

  /** The jobs the model still holds (not settled), in submission order: at the horizon, for the summary. */
  heldJobs(): Iterable<JobState> {
    return this.table.held();
  }

  /** The run's random stream `name` (ArchitectureHost). */
  stream(name: string): RandomStream {
    if (!this.tools) throw new Error("ClusterModel.stream: the model was built without tools");
    return this.tools.rng.stream(name);
  }

  /**
   * A placer of the run's placement policy (ArchitectureHost); with delay scheduling for jobs
   * with data locality when the workload has frameworks (docs/frameworks/hadoop.md).
   */
  makePlacer(): Place {
    if (!this.tools) throw new Error("ClusterModel.makePlacer: the model was built without tools");
    const place = this.tools.makePlacer();
    return this.frameworks !== undefined ? withDelayScheduling(place, this, this.cell.machines) : place;
  }

  /** Plugs the architecture in; must be called once before `run`. */
  attach(arch: Architecture): void {
    this.arch = arch;
  }

  /**
   * Turns machine failures on (docs/failures.md); call after `attach` and before any task starts
   * (prefill included): running task groups then keep their start and run times.
   */
  enableFailures(failures: FailureModel): void {
    this.failures = failures;
    this.running.keepTimes();
    const sim = this.sim;
    const archNow = (): Architecture => this.arch as Architecture;
    failures.attach({
      get now() {
        return sim.now;
      },
      cell: this.cell,
      running: this.running,
      get arch() {
        return archNow();
      },
      job: (index) => this.table.get(index),
      hold: (job) => this.table.hold(job),
      release: (job) => this.table.release(job),
      schedule: (timeUs, kind, a, b) => this.schedule(timeUs, kind, a, b),
      startGroup: (job, machines, cpus, memGb, durationUs) =>
        this.startGroup(job, machines, cpus, memGb, durationUs),
      allocationChanged: () => this.allocationChanged(),
      tasksBack: (job, n) => this.tasksBack(job, n),
      tasksTakenOff: (group, m, tasks) => this.preemptable?.removed(group, m, tasks),
      machineWentDown: (m) => archNow().machineFailed?.(m),
      machineCameUp: (m) => {
        archNow().machineRepaired?.(m);
        this.waiting?.released();
      },
    });
  }

  /**
   * Turns scheduler failover on (docs/failover.md): the attached architecture's schedulers fail
   * and recover by `plans`. Call after `attach`, before `run`; returns the driver (down times).
   */
  failSchedulers(plans: readonly SchedulerFailurePlan[]): SchedulerFailover {
    this.failover = new SchedulerFailover(plans, this);
    return this.failover;
  }

  /** Installs debugging hooks (see ModelHooks); call before `run`. */
  setHooks(hooks: ModelHooks): void {
    this.onEvent = hooks.eventDispatched?.bind(hooks);
    this.onTasks = hooks.tasksStarted?.bind(hooks);
    this.onEvicted = hooks.tasksEvicted?.bind(hooks);
  }

  /** Samples the cell at 0, period, 2·period, … before the horizon (Sample events). */
  sampleEvery(sampler: PeriodicSampler): void {
    this.sampler = sampler;
  }

  /** Queues an event `kind` at absolute time `timeUs` with the kind's priority. */
  schedule(timeUs: SimTime, kind: EventKindId, a = 0, b = 0): void {
    // A queued retry names its job: the job stays in the table until the retry is handled.
    if (kind === EventKind.JobRetry) {
      const job = this.table.get(a);
      this.table.hold(job);
      // Delay scheduling: a job waiting for a local slot is retried when its wait ends at the latest.
      if (this.frameworks !== undefined) timeUs = localityRetryUs(job, this.now, timeUs);
    }
    this.sim.schedule(timeUs, priorityOf(kind), kind, a, b);
  }

  /** Runs until the horizon (events at exactly the horizon included). */
  run(horizonUs: SimTime): void {
    if (!this.arch) throw new Error("ClusterModel.run: no architecture attached");
    this.nextSpec = this.feed();
    if (this.nextSpec) this.schedule(this.nextSpec.submitUs, EventKind.JobArrival);
    this.allocationChanged();
    this.horizonUs = horizonUs;
    if (this.sampler) this.schedule(this.now, EventKind.Sample);
    const monitorUs = this.allocation.monitorPeriodUs;
    if (monitorUs > 0 && this.performance) this.schedule(this.now + monitorUs, EventKind.Monitor);
    this.failures?.start();
    this.failover?.start();
    this.sim.runUntil(horizonUs);
    this.failures?.finish(horizonUs);
  }

  /**
   * Starts the committed tasks of a job now: they hold their machines for the job's duration
   * (one end event for the group). Updates the job's progress and reports full scheduling.
   */
  startTasks(job: JobState, machines: readonly number[], shape?: TaskShape): void {
    if (machines.length === 0) return;
    const spec = job.spec;
    const cpus = shape ? shape.cpusPerTask : spec.cpusPerTask;
    const mem = shape ? shape.memGbPerTask : spec.memGbPerTask;
    if (job.phase === JobPhase.Skipped) {
      // Its start deadline passed while its scheduler was deciding: the claims go back unused.
      for (const m of machines) this.cell.release(m, cpus, mem, job.extraPerTask);
      return;
    }
    if (spec.perf && this.performance) {
      // A gang of nodes: the whole job starts; it ends when its work is done (JobEnd).
      this.performance.started(job, machines, cpus, mem);
      job.unscheduledTasks = machines.length;
    } else if (job.lost === undefined) {
      // One field check keeps jobs without trace task runs on their old path.
      if (job.runs !== undefined) (this.replay as TaskReplay).start(job, job.runs, machines, cpus, mem);
      else if (job.fw?.locality === undefined) this.startGroup(job, machines, cpus, mem, spec.durationUs);
      else (this.fwRuntime as FrameworkRuntime).startWithLocality(job, machines, cpus, mem);
    } else {
      // Some of the job's tasks were lost: their re-runs have run times of their own.
      (this.failures as FailureModel).restartTasks(job, machines, cpus, mem);
    }
    if (this.failures !== undefined) this.failures.tasksStarted(job, machines.length);
    this.allocationChanged();
    job.unscheduledTasks -= machines.length;
    job.everPlaced = true;
    if (job.unscheduledTasks === 0) {
      job.phase = JobPhase.FullyScheduled;
      this.observer.jobFullyScheduled(job, this.now);
      this.table.phaseChanged(job);
      this.waiting?.attemptEnded(job);
    }
  }

  /**
   * One group of the job's tasks starts now on `machines` and runs `durationUs` (one end event).
   * Returns the group's id.
   */
  private startGroup(
    job: JobState,
    machines: readonly number[],
    cpus: number,
    mem: number,
    durationUs: SimTime,
  ): number {
    const group = this.running.add(job.index, machines, cpus, mem, job.extraPerTask, this.now, durationUs);
    this.table.hold(job);
    if (this.preemptable) this.preemptable.started(group, this.victimInfo(job, cpus, mem), machines);
    this.schedule(this.now + durationUs, EventKind.TasksEnd, group);
    if (this.onTasks) this.onTasks(job.spec, machines, this.now, this.now + durationUs);
    return group;
  }

  /** Starts tasks not belonging to a submitted job (prefill): they run from now for `durationUs`. */
  startUntrackedTasks(spec: JobSpec, machines: readonly number[]): void {
    if (machines.length === 0) return;
    const extra = spec.resources === undefined ? undefined : this.extraOf(spec);
    const group = this.running.add(
      -1,
      machines,
      spec.cpusPerTask,
      spec.memGbPerTask,
      extra,
      this.now,
      spec.durationUs,
    );
    this.schedule(this.now + spec.durationUs, EventKind.TasksEnd, group);
    if (this.onTasks) this.onTasks(spec, machines, this.now, this.now + spec.durationUs);
    this.allocationChanged();
  }

  private dispatch(event: SimEvent): void {
    const arch = this.arch as Architecture;
    switch (event.kind) {
      case EventKind.TasksEnd:
        this.endTasks(event.a, arch);
        break;
      case EventKind.JobArrival:
        this.arrive(arch);
        break;
      case EventKind.Sample:
        this.takeSample();
        break;
      case EventKind.JobEnd:
        this.endJob(event.a, event.b, arch);
        break;
      case EventKind.JobAdmitted:
        this.admit(this.table.get(event.a), arch);
        break;
      case EventKind.JobRetry:
        this.table.release(this.table.get(event.a));
        arch.handle(event);
        break;
      case EventKind.Monitor:
        this.monitor(arch);
        break;
      case EventKind.MachineFailure:
      case EventKind.TasksRestart:
        (this.failures as FailureModel).handle(event);
        break;
      case EventKind.SchedulerDown:
      case EventKind.SchedulerUp:
        (this.failover as SchedulerFailover).handle(event, arch);
        break;
      case EventKind.JobRelease:
      case EventKind.StartDeadline:
      case EventKind.ScaleChange:
        (this.fwRuntime as FrameworkRuntime).handle(event);
        break;
      default:
        arch.handle(event);
    }
    if (this.checkInvariants) assertNoOvercommit(this.cell, this.now);
    if (this.onEvent) this.onEvent(event, this.table.byIndex);
    this.table.settleFinished(this.observer, this.now);
  }

  private endTasks(group: number, arch: Architecture): void {
    const { jobIndex, tasks, machines } = this.running.release(group, this.cell);
    if (this.preemptable) this.preemptable.ended(group, machines);
    // Every task of the group was lost to failures earlier: nothing ends now.
    if (tasks === 0) {
      if (jobIndex >= 0) {
        const job = this.table.get(jobIndex);
        if (job.runs !== undefined) (this.replay as TaskReplay).takeGroup(group);
        this.table.release(job);
      }
      return;
    }
    this.allocationChanged();
    if (this.failures !== undefined && jobIndex >= 0)
      this.failures.tasksEnded(this.table.get(jobIndex), tasks);
    if (jobIndex >= 0) {
      const job = this.table.get(jobIndex);
      // Trace replay: the group's tasks are taken before the architecture may reuse its slot.
      const replayed = job.runs === undefined ? undefined : (this.replay as TaskReplay).takeGroup(group);
      arch.tasksEnded(job, tasks, machines);
      if (replayed !== undefined)
        (this.replay as TaskReplay).runsEnded(job, job.runs as TaskRunCursor, replayed);
      this.table.release(job);
    }
    if (arch.machinesFreed) arch.machinesFreed(machines);
    this.waiting?.released();
  }

  /** What the victim index keeps of a task group of `job` starting now. */
  private victimInfo(job: JobState, cpusPerTask: number, memGbPerTask: number) {
    const extraPerTask = job.extraPerTask;
    return {
      jobIndex: job.index,
      priority: jobPriority(job.spec),
      startUs: this.now,
      cpusPerTask,
      memGbPerTask,
      extraPerTask,
    };
  }

  /**
   * Preemption (ArchitectureHost; `scheduling.preemption` only): takes `count` tasks of running
   * group `group` off `machine` now and frees their room. Their work is lost (reported with the
   * time they ran); the job's unscheduled tasks grow again by `count`. A job that was fully
   * scheduled becomes pending and goes back to the scheduler of its last attempt now (a JobRetry
   * event); a pending job is already on its way there; an abandoned job stays abandoned (its
   * evicted tasks are simply killed). The group's end event still comes and ends the rest.
   * Tasks leave their group the way lost tasks do (RunningTasks); unlike tasks lost to a failure,
   * an evicted task comes back at once with its whole run time (docs/preemption.md).
   */
  evictTasks(group: number, machine: number, count: number): void {
    const victims = this.preemptable;
    if (!victims) throw new Error("evictTasks: preemption is off");
    const jobIndex = this.running.removeTasks(group, machine, count, this.cell);
    const info = victims.removed(group, machine, count);
    this.allocationChanged();
    const job = this.table.get(jobIndex);
    if (job.runs !== undefined) (this.replay as TaskReplay).evicted(job.runs, group, machine, count);
    if (this.onEvicted) this.onEvicted(job.spec, machine, count, info.startUs, this.now);
    this.failures?.tasksEnded(job, count);
    const wasFull = this.tasksBack(job, count);
    this.observer.tasksPreempted?.(job, count, (count * (this.now - info.startUs)) / 1e6, wasFull);
  }

  /**
   * `n` tasks of the job come back to be placed now (lost to a failure, evicted, or a replayed
   * run to redo): a fully scheduled job is pending again and goes back to the scheduler of its
   * last attempt (a JobRetry, the retry rule's event; a job never attempted is submitted again);
   * a pending job is already on its way. Returns whether the job was fully scheduled.
   */
  private tasksBack(job: JobState, n: number): boolean {
    job.unscheduledTasks += n;
    if (job.phase !== JobPhase.FullyScheduled) return false;
    job.phase = JobPhase.Pending;
    this.observer.jobRequeued?.(job, this.now);
    if (job.scheduler >= 0) this.schedule(this.now, EventKind.JobRetry, job.index, job.scheduler);
    else (this.arch as Architecture).submit(job);
    return true;
  }

  /** A job with a performance model finished (JobEnd): all its nodes end together. */
  private endJob(jobIndex: number, version: number, arch: Architecture): void {
    const ended = (this.performance as PerformanceTracker).ended(jobIndex, version);
    if (ended === undefined) return;
    this.allocationChanged();
    arch.tasksEnded(ended.job, ended.machines.length, ended.machines);
    if (arch.machinesFreed) arch.machinesFreed(ended.machines);
    this.waiting?.released();
  }

  /** The allocation policy's monitoring: it may grow or shrink each running job. */
  private monitor(arch: Architecture): void {
    const tracker = this.performance as PerformanceTracker;
    const adjust = this.allocation.adjust?.bind(this.allocation);
    const freed: number[] = [];
    if (adjust) {
      const mayGrow = arch.outsideClaimsAllowed?.() ?? true;
      for (const run of tracker.runningJobs()) {
        const plan = adjust(run.job, tracker.observe(run), this.cell);
        if (plan && (mayGrow || !tracker.grows(run, plan))) freed.push(...tracker.resize(run, plan));
      }
      this.allocationChanged();
    }
    if (freed.length > 0) {
      if (arch.machinesFreed) arch.machinesFreed(freed);
      this.waiting?.released();
    }
    if (tracker.unfinished().length > 0 || this.nextSpec !== undefined)
      this.schedule(this.now + this.allocation.monitorPeriodUs, EventKind.Monitor);
  }

  /** The retry rule gave up on `job` (ArchitectureHost; `finishAttempt` calls it). */
  abandon(job: JobState): void {
    // Delay scheduling: a job holding back for a local slot has not given up; it is retried.
    if (this.frameworks !== undefined && waitingForLocality(job, this.now)) {
      this.schedule(this.now + this.retry.retryDelayUs, EventKind.JobRetry, job.index, job.scheduler);
      return;
    }
    job.phase = JobPhase.Abandoned;
    this.observer.jobAbandoned(job, this.now);
    this.table.phaseChanged(job);
  }

  /** `job` waits for resources (retry.retryWhen "freed"). */
  waitForResources(job: JobState, scheduler: number): void {
    if (!this.waiting) throw new Error('waitForResources: the retry rule is not "freed"');
    this.waiting.add(job, scheduler);
  }

  private arrive(arch: Architecture): void {
    const spec = this.nextSpec as JobSpec;
    this.nextSpec = this.feed();
    if (this.nextSpec) {
      if (this.nextSpec.submitUs < spec.submitUs) {
        throw new Error(`workload out of order: job ${this.nextSpec.id} submitted before job ${spec.id}`);
      }
      this.schedule(this.nextSpec.submitUs, EventKind.JobArrival);
    }
    // A framework job may wait for the jobs it comes after (or be cancelled with them).
    if (spec.fw !== undefined && !(this.fwRuntime ??= this.startFrameworks()).arrived(spec)) return;
    this.enter(spec, arch);
  }

  /** A job is submitted now (from the workload, or released by its dependencies). */
  private enter(spec: JobSpec, arch: Architecture): JobState {
    const job = this.table.add(spec);
    if (spec.resources !== undefined) job.extraPerTask = this.extraOf(spec);
    if (spec.taskRuns !== undefined) {
      this.replay ??= this.startReplay(spec);
      job.runs = TaskReplay.cursorOf(spec);
    }
    this.observer.jobSubmitted(job, this.now);
    if (spec.fw !== undefined) (this.fwRuntime as FrameworkRuntime).entered(job);
    if (spec.perf && this.performance) this.performance.submitted(job);
    const delayUs = this.allocation.admit(job);
    if (delayUs > 0) this.schedule(this.now + delayUs, EventKind.JobAdmitted, job.index);
    else this.admit(job, arch);
    return job;
  }

  /** Starts the frameworks' runtime (the first job with `fw` arrived). */
  private startFrameworks(): FrameworkRuntime {
    const sim = this.sim;
    const table = this.table;
    const runtime = new FrameworkRuntime({
      get now() {
        return sim.now;
      },
      cell: this.cell,
      running: this.running,
      observer: this.observer,
      job: (index) => table.byIndex[index],
      enter: (spec) => this.enter(spec, this.arch as Architecture),
      schedule: (timeUs, kind, a, b) => this.schedule(timeUs, kind, a, b),
      hold: (job) => table.hold(job),
      release: (job) => table.release(job),
      phaseChanged: (job) => table.phaseChanged(job),
      tasksBack: (job, n) => this.tasksBack(job, n),
      stopRunning: (job, count) => this.stopRunning(job, count),
      startGroup: (job, machines, cpus, memGb, durationUs) => {
        this.startGroup(job, machines, cpus, memGb, durationUs);
      },
    });
    table.onSettled = (job) => {
      if (job.spec.fw !== undefined) runtime.settled(job);
    };
    return runtime;
  }

  /**
   * Frameworks: takes up to `count` of the job's running tasks off their machines now (a
   * Marathon scale-down, or the job whose completion ends this one), last-started groups first
   * (by slot, a proxy for age). Their architecture hears of them as ended tasks. Returns how many.
   */
  private stopRunning(job: JobState, count: number): number {
    const groups: number[] = [];
    this.running.forEachGroup((jobIndex, _tasks, _cpus, _mem, id) => {
      if (jobIndex === job.index) groups.push(id);
    });
    const freed: number[] = [];
    for (let g = groups.length - 1; g >= 0 && freed.length < count; g--) {
      const id = groups[g] as number;
      const machines = [...this.running.machinesOf(id)];
      for (let i = machines.length - 1; i >= 0 && freed.length < count; i--) {
        const m = machines[i] as number;
        this.running.removeTasks(id, m, 1, this.cell);
        this.preemptable?.removed(id, m, 1);
        freed.push(m);
      }
      if (this.running.machinesOf(id).length === 0) {
        // Nothing of the group runs any more: the job lets go of it now, not at its end event.
        this.running.detach(id);
        this.table.release(job);
      }
    }
    if (freed.length === 0) return 0;
    this.allocationChanged();
    this.failures?.tasksEnded(job, freed.length);
    const arch = this.arch as Architecture;
    arch.tasksEnded(job, freed.length, freed);
    if (arch.machinesFreed) arch.machinesFreed(freed);
    this.waiting?.released();
    return freed.length;
  }

  /**
   * Starts the replay of trace task runs (the first job with `taskRuns` arrived). Machine
   * failures re-run lost tasks by rules of their own (FailureModel) that know nothing of a
   * task's runs: the two are not combined (the experiment check refuses it first).
   */
  private startReplay(spec: JobSpec): TaskReplay {
    if (this.failures !== undefined)
      throw new InputError(
        `failures: machine failures cannot be combined with trace task runs (job ${spec.id} has taskRuns: workload.keepTaskEvents)`,
      );
    this.observer.replaysTaskRuns?.();
    return new TaskReplay({
      startGroup: (job, machines, cpus, memGb, durationUs) =>
        this.startGroup(job, machines, cpus, memGb, durationUs),
      tasksBack: (job, n) => this.tasksBack(job, n),
      observer: this.observer,
    });
  }

  /** The job's admission delay is over: its scheduler gets it. */
  private admit(job: JobState, arch: Architecture): void {
    if (job.spec.perf && this.performance) this.performance.ready(job);
    arch.submit(job);
  }

  private takeSample(): void {
    const sampler = this.sampler as PeriodicSampler;
    sampler.sample(this.now, this.cell);
    this.fwRuntime?.sample(this.now);
    const next = this.now + sampler.periodUs;
    if (next < this.horizonUs) this.schedule(next, EventKind.Sample);
  }

  /** A job's further resources as a vector in the cell's order (names checked). */
  private extraOf(spec: JobSpec): ExtraAmounts | undefined {
    try {
      return extraAmounts(this.cell.extraNames, spec.resources);
    } catch (e) {
      if (e instanceof InputError) throw new InputError(`workload job ${spec.id}: ${e.message}`);
      throw e;
    }
  }

  /** Tells the observer the cell's occupied totals (every dimension) hold from now. */
  private allocationChanged(): void {
    const cell = this.cell;
    this.observer.allocationChanged(this.now, cell.allocatedCpus, cell.allocatedMemGb);
    if (cell.extraNames.length !== 0)
      this.observer.extraAllocationChanged?.(this.now, cell.extraAllocatedTotals);
  }
}
