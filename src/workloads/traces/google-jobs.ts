import type { JobSpec, WorkloadKind } from "../../cluster/job.js";
import type { SimTime } from "../../engine/time.js";
import { collapseDurations, type TimeWindow } from "./finish.js";
import { endsRun, GoogleEvent, type TaskEventRow } from "./google-rows.js";
import {
  countReason,
  type GoogleServiceRule,
  type MachineCapacity,
  type ReasonCounts,
  type TaskDurationRule,
} from "./types.js";

/**
 * Google 2011 task events → JobSpecs (the mapping is documented in docs/traces.md):
 * 1. a task's run is SCHEDULE → the next EVICT/FAIL/FINISH/KILL/LOST; a run still open at the
 *    window's end is censored there;
 * 2. a job with a task running at the window start (`from`; for from = 0 the t = 0 snapshot)
 *    becomes a prefill job of those tasks, lasting their residual run (from → end);
 * 3. any other job is submitted at its first SUBMIT (clamped to the window start), with one task
 *    per distinct task index seen in the window and the collapsed duration of the runs that
 *    started in the window; a job none of whose tasks ran there is dropped (no runtime known);
 * 4. requests: the largest CPU and memory request seen on any of the job's rows, × machine size.
 */

interface TaskAcc {
  /** Start of the open run, −1 if not running. */
  startUs: number;
  /** Residual of the run spanning the window start (from → end); 0 if none. */
  prefillUs: number;
  /** Total length of the runs that started after the window start. */
  runUs: number;
  /** Whether any of the task's rows falls in the window. */
  inWindow: boolean;
}

interface JobAcc {
  firstSubmitUs: number;
  firstSeenUs: number;
  priority: number;
  schedulingClass: number;
  cpuRequest: number;
  memRequest: number;
  tasks: Map<number, TaskAcc>;
}

/** Settings of the mapping. */
export interface GoogleMapping {
  window: TimeWindow;
  machine: MachineCapacity;
  service: GoogleServiceRule;
  taskDuration: TaskDurationRule;
}

/** What job_events tell about a job: its first SUBMIT and scheduling class (−1 if unknown). */
export interface JobEventInfo {
  submitUs: number;
  schedulingClass: number;
}

/** The batch/service rule: service ⇔ (priority ≥ min) combine (class ∈ classes). */
export function googleKind(priority: number, schedulingClass: number, rule: GoogleServiceRule): WorkloadKind {
  const production = priority >= rule.minPriority;
  const latencySensitive = rule.schedulingClasses.includes(schedulingClass);
  const service = rule.combine === "and" ? production && latencySensitive : production || latencySensitive;
  return service ? "service" : "batch";
}

/** Accumulates task events per job (memory grows with the jobs and tasks, not the rows). */
export class GoogleJobTable {
  private readonly jobs = new Map<number, JobAcc>();

  constructor(private readonly m: GoogleMapping) {}

  /** Applies one task event (rows must come in time order). */
  add(row: TaskEventRow): void {
    const job = this.job(row);
    let task = job.tasks.get(row.taskIndex);
    if (!task)
      job.tasks.set(row.taskIndex, (task = { startUs: -1, prefillUs: 0, runUs: 0, inWindow: false }));
    if (row.timeUs >= this.m.window.fromUs) task.inWindow = true;
    if (row.eventType === GoogleEvent.SUBMIT && job.firstSubmitUs < 0) job.firstSubmitUs = row.timeUs;
    else if (row.eventType === GoogleEvent.SCHEDULE && task.startUs < 0) task.startUs = row.timeUs;
    else if (endsRun(row.eventType) && task.startUs >= 0) this.closeRun(task, row.timeUs);
  }

  private job(row: TaskEventRow): JobAcc {
    let job = this.jobs.get(row.jobId);
    if (!job) {
      job = {
        firstSubmitUs: -1,
        firstSeenUs: row.timeUs,
        priority: -1,
        schedulingClass: -1,
        cpuRequest: -1,
        memRequest: -1,
        tasks: new Map(),
      };
      this.jobs.set(row.jobId, job);
    }
    if (job.priority < 0) job.priority = row.priority;
    if (job.schedulingClass < 0) job.schedulingClass = row.schedulingClass;
    job.cpuRequest = Math.max(job.cpuRequest, row.cpuRequest);
    job.memRequest = Math.max(job.memRequest, row.memRequest);
    return job;
  }

  private closeRun(task: TaskAcc, endUs: SimTime): void {
    const fromUs = this.m.window.fromUs;
    if (task.startUs <= fromUs) {
      if (endUs > fromUs) task.prefillUs = endUs - fromUs;
    } else if (endUs > task.startUs) task.runUs += endUs - task.startUs;
    task.startUs = -1;
  }

  /** Censors open runs at `endUs` (the window's end) and builds the jobs. */
  finish(
    endUs: SimTime,
    jobEvents: ReadonlyMap<number, JobEventInfo>,
    dropped: ReasonCounts,
  ): { prefill: JobSpec[]; jobs: JobSpec[] } {
    const prefill: JobSpec[] = [];
    const jobs: JobSpec[] = [];
    for (const [id, job] of this.jobs) {
      for (const task of job.tasks.values()) if (task.startUs >= 0) this.closeRun(task, endUs);
      const info = jobEvents.get(id);
      const spec = this.toSpec(id, job, info, dropped);
      if (spec) (spec.prefill ? prefill : jobs).push(spec);
    }
    return { prefill, jobs };
  }

  private toSpec(
    id: number,
    job: JobAcc,
    info: JobEventInfo | undefined,
    dropped: ReasonCounts,
  ): JobSpec | undefined {
    const tasks = [...job.tasks.values()];
    const running = tasks.filter((t) => t.prefillUs > 0);
    const schedulingClass = info && info.schedulingClass >= 0 ? info.schedulingClass : job.schedulingClass;
    const base = {
      id,
      kind: googleKind(job.priority, schedulingClass, this.m.service),
      cpusPerTask: Math.max(0, job.cpuRequest) * this.m.machine.cpus,
      memGbPerTask: Math.max(0, job.memRequest) * this.m.machine.memGb,
    };
    const rule = this.m.taskDuration;
    if (running.length > 0) {
      const later = tasks.filter((t) => t.runUs > 0).length;
      if (later > 0)
        countReason(
          dropped,
          "task runs starting after the window start, in jobs already running there",
          later,
        );
      const durationUs = collapseDurations(
        running.map((t) => t.prefillUs),
        rule,
      );
      return { ...base, submitUs: 0, tasks: running.length, durationUs, prefill: true };
    }
    const ran = tasks.filter((t) => t.runUs > 0);
    const inWindow = tasks.filter((t) => t.inWindow).length;
    if (ran.length === 0) {
      if (inWindow > 0) countReason(dropped, "jobs with no task run in the window");
      return undefined;
    }
    const submits = [job.firstSubmitUs, info?.submitUs ?? -1].filter((t) => t >= 0);
    const submitUs = submits.length > 0 ? Math.min(...submits) : job.firstSeenUs;
    const durationUs = collapseDurations(
      ran.map((t) => t.runUs),
      rule,
    );
    return {
      ...base,
      submitUs: Math.max(submitUs, this.m.window.fromUs) - this.m.window.fromUs,
      tasks: inWindow,
      durationUs,
      prefill: false,
    };
  }
}
