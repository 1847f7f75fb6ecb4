import type { JobSpec, TaskRun } from "../../cluster/job.js";
import type { SimTime } from "../../engine/time.js";
import { collapseDurations } from "./finish.js";
import { googleKind, type GoogleMapping, type JobEventInfo } from "./google-mapping.js";
import { endsRun, GoogleEvent, type TaskEventRow } from "./google-rows.js";
import { IN_WINDOW, PREFILL, RAN, type Tasks } from "./google-tasks.js";
import { runEndOf, TaskRunLog } from "./google-runs.js";
import { IdSlots } from "./id-slots.js";
import { grownF64, grownI16, grownI32, grownI8, grownU8 } from "./typed-arrays.js";
import { countReason, type ReasonCounts } from "./types.js";

export { googleKind, type GoogleMapping, type JobEventInfo } from "./google-mapping.js";

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
 *
 * Memory (the table is the reader's only state that grows): per job, fixed-size columns in typed
 * arrays (~150 bytes, no object per job), found by an open-addressing hash of the job ID (IDs
 * exceed 2^31, so a Map would box them). Per task, while its job has a run open: the run's start
 * (8 bytes) and flag bits (1 byte), in typed arrays indexed by the task's first-seen position.
 * With the default "mean" duration rule and integer times (the traces' µs) a job's durations are
 * kept as sums, exact because integer sums below 2^53 do not depend on the order of addition; a
 * job with no run open then keeps only its columns (plus one flag byte per task if its tasks
 * differ, e.g. some never ran). The "median" and "max" rules need every task's duration, so they
 * keep 8 bytes per task. If exact sums cannot be guaranteed (a non-integer time, a sum ≥ 2^53),
 * {@link GoogleJobTable.inexact} tells the reader to read again keeping per-task durations.
 *
 * With `keepTaskEvents` every run is also kept with what ended it (google-runs.ts) and the jobs
 * carry them as `taskRuns`; without it that log does not exist and no row does any work for it.
 */

/** Accumulates task events per job (memory grows with the jobs and their open tasks, not the rows). */
export class GoogleJobTable {
  /**
   * True once the kept sums may differ from the per-task computation (see the file comment);
   * the reader then stops and reads again with `exact` set.
   */
  inexact = false;
  private readonly fromUs: number;
  /** Durations kept as sums ("mean" rule, integer window) rather than per task. */
  private readonly sums: boolean;
  /** Every run kept, in event-keeping mode only (undefined by default: no work per row). */
  private readonly runLog: TaskRunLog | undefined;

  /** Job ID → slot. */
  private readonly slots = new IdSlots();

  // Per-job columns, by slot (slots in first-seen order).
  private n = 0;
  private cap = 0;
  private ids: Float64Array = new Float64Array(0);
  private firstSubmitUs: Float64Array = new Float64Array(0);
  private firstSeenUs: Float64Array = new Float64Array(0);
  private cpuRequest: Float64Array = new Float64Array(0);
  private memRequest: Float64Array = new Float64Array(0);
  private prefillSum: Float64Array = new Float64Array(0);
  private runSum: Float64Array = new Float64Array(0);
  /** Int16: the 2019 trace's priorities reach 450 (2011: 0–11). */
  private priority: Int16Array = new Int16Array(0);
  private schedulingClass: Int8Array = new Int8Array(0);
  private uniform: Uint8Array = new Uint8Array(0);
  private taskCount: Int32Array = new Int32Array(0);
  private openRuns: Int32Array = new Int32Array(0);
  private prefillCount: Int32Array = new Int32Array(0);
  private ranCount: Int32Array = new Int32Array(0);
  private inWindowCount: Int32Array = new Int32Array(0);
  private tasks: (Tasks | undefined)[] = [];

  /** `exact`: keep every task's durations even for the "mean" rule (the fallback, see inexact). */
  constructor(
    private readonly m: GoogleMapping,
    exact = false,
  ) {
    this.fromUs = m.window.fromUs;
    const toUs = m.window.toUs;
    this.sums =
      !exact &&
      m.taskDuration === "mean" &&
      Number.isInteger(this.fromUs) &&
      (toUs === Number.POSITIVE_INFINITY || Number.isInteger(toUs));
    this.runLog = m.keepTaskEvents ? new TaskRunLog(this.fromUs) : undefined;
    this.growJobs(256);
  }

  /** Applies one task event (rows must come in time order; `row` may be reused afterwards). */
  add(row: TaskEventRow): void {
    const timeUs = row.timeUs;
    if (this.sums && !Number.isInteger(timeUs)) this.inexact = true;
    const jobId = row.jobId;
    const j = this.slotOf(jobId, timeUs);
    if (this.priority[j] === -1) this.priority[j] = row.priority;
    if (this.schedulingClass[j] === -1) this.schedulingClass[j] = row.schedulingClass;
    this.cpuRequest[j] = Math.max(this.cpuRequest[j] as number, row.cpuRequest);
    this.memRequest[j] = Math.max(this.memRequest[j] as number, row.memRequest);
    const p = this.position(j, row.taskIndex);
    if (timeUs >= this.fromUs && (this.flag(j, p) & IN_WINDOW) === 0) {
      this.setFlag(j, p, IN_WINDOW);
      (this.inWindowCount[j] as number)++;
    }
    const type = row.eventType;
    if (type === GoogleEvent.SUBMIT && (this.firstSubmitUs[j] as number) < 0) this.firstSubmitUs[j] = timeUs;
    else if (type === GoogleEvent.SCHEDULE) {
      const start = this.starts(j);
      if ((start[p] as number) < 0) {
        start[p] = timeUs;
        (this.openRuns[j] as number)++;
      }
    } else if (endsRun(type)) {
      const start = (this.tasks[j] as Tasks | undefined)?.start;
      if (start !== undefined && (start[p] as number) >= 0) {
        this.runLog?.add(j, p, start[p] as number, timeUs, runEndOf(type));
        this.closeRun(j, p, start, timeUs);
        if (--(this.openRuns[j] as number) === 0) this.settle(j);
      }
    }
  }

  /** The job's slot, a new one (first seen at `timeUs`) if the ID is new. */
  private slotOf(jobId: number, timeUs: number): number {
    const known = this.slots.get(jobId);
    if (known >= 0) return known;
    const j = this.n++;
    if (j === this.cap) this.growJobs(this.cap * 2);
    this.ids[j] = jobId === 0 ? 0 : jobId;
    this.firstSubmitUs[j] = -1;
    this.firstSeenUs[j] = timeUs;
    this.cpuRequest[j] = -1;
    this.memRequest[j] = -1;
    this.priority[j] = -1;
    this.schedulingClass[j] = -1;
    this.tasks.push(undefined);
    this.slots.set(jobId, j);
    return j;
  }

  private growJobs(cap: number): void {
    this.cap = cap;
    this.ids = grownF64(this.ids, cap);
    this.firstSubmitUs = grownF64(this.firstSubmitUs, cap);
    this.firstSeenUs = grownF64(this.firstSeenUs, cap);
    this.cpuRequest = grownF64(this.cpuRequest, cap);
    this.memRequest = grownF64(this.memRequest, cap);
    this.prefillSum = grownF64(this.prefillSum, cap);
    this.runSum = grownF64(this.runSum, cap);
    this.priority = grownI16(this.priority, cap);
    this.schedulingClass = grownI8(this.schedulingClass, cap);
    this.uniform = grownU8(this.uniform, cap);
    this.taskCount = grownI32(this.taskCount, cap);
    this.openRuns = grownI32(this.openRuns, cap);
    this.prefillCount = grownI32(this.prefillCount, cap);
    this.ranCount = grownI32(this.ranCount, cap);
    this.inWindowCount = grownI32(this.inWindowCount, cap);
  }

  /** Position of task `index` of job `j`, adding the task if new. */
  private position(j: number, index: number): number {
    const count = this.taskCount[j] as number;
    const t = this.tasks[j];
    const pos = t?.pos;
    if (pos === undefined) {
      if (index < count) return index;
      if (index === count) return this.newTask(j);
      this.tasksOf(j).pos = this.positionsFor(count, index);
      return this.position(j, index);
    }
    if (pos instanceof Int32Array) {
      if (index < pos.length) {
        const p = pos[index] as number;
        if (p > 0) return p - 1;
        pos[index] = count + 1;
        return this.newTask(j);
      }
      (t as Tasks).pos = this.positionsFor(count, index, pos);
      return this.position(j, index);
    }
    const p = pos.get(index);
    if (p !== undefined) return p;
    pos.set(index, count);
    return this.newTask(j);
  }

  /** A position table holding `old` (or the identity 0 … count − 1) with room for `index`. */
  private positionsFor(count: number, index: number, old?: Int32Array): Int32Array | Map<number, number> {
    const length = Math.max(index + 1, 2 * (old?.length ?? count));
    if (index <= 8 * count + 1024) {
      const pos = new Int32Array(length);
      if (old) pos.set(old);
      else for (let i = 0; i < count; i++) pos[i] = i + 1;
      return pos;
    }
    // Sparse indexes: a Map costs per task, not per index.
    const map = new Map<number, number>();
    if (old) old.forEach((p, i) => p > 0 && map.set(i, p - 1));
    else for (let i = 0; i < count; i++) map.set(i, i);
    return map;
  }

  private tasksOf(j: number): Tasks {
    let t = this.tasks[j];
    if (!t) this.tasks[j] = t = { start: undefined, value: undefined, flags: undefined, pos: undefined };
    return t;
  }

  /** Adds a task at position taskCount (flags 0, not running, duration 0). */
  private newTask(j: number): number {
    const p = this.taskCount[j] as number;
    const t = this.tasksOf(j);
    const flags = this.flagsOf(j, t);
    if (p >= flags.length) {
      const cap = Math.max(4, flags.length * 2);
      t.flags = grownU8(flags, cap);
      if (t.start) t.start = grownF64(t.start, cap, -1);
      if (t.value) t.value = grownF64(t.value, cap);
    }
    if (!this.sums && !t.value) t.value = new Float64Array((t.flags as Uint8Array).length);
    this.taskCount[j] = p + 1;
    return p;
  }

  /** The job's flag array, made from its uniform flags if there is none (room for one more task). */
  private flagsOf(j: number, t: Tasks): Uint8Array {
    if (t.flags) return t.flags;
    const count = this.taskCount[j] as number;
    const flags = new Uint8Array(Math.max(4, count));
    flags.fill(this.uniform[j] as number, 0, count);
    return (t.flags = flags);
  }

  private flag(j: number, p: number): number {
    const flags = this.tasks[j]?.flags;
    return flags ? (flags[p] as number) : (this.uniform[j] as number);
  }

  private setFlag(j: number, p: number, bit: number): void {
    const t = this.tasksOf(j);
    const flags = this.flagsOf(j, t);
    flags[p] = (flags[p] as number) | bit;
  }

  /** The job's run starts (−1 = not running), made if the job had no open run. */
  private starts(j: number): Float64Array {
    const t = this.tasksOf(j);
    if (t.start) return t.start;
    const flags = this.flagsOf(j, t);
    const start = new Float64Array(flags.length).fill(-1);
    if (t.value && t.value.length < start.length) t.value = grownF64(t.value, start.length);
    return (t.start = start);
  }

  private closeRun(j: number, p: number, start: Float64Array, endUs: SimTime): void {
    const startUs = start[p] as number;
    const fromUs = this.fromUs;
    if (startUs <= fromUs) {
      if (endUs > fromUs) this.prefill(j, p, endUs - fromUs);
    } else if (endUs > startUs) this.run(j, p, endUs - startUs);
    start[p] = -1;
  }

  /** Task p's run spanning the window start ends `us` after it. */
  private prefill(j: number, p: number, us: number): void {
    const first = (this.flag(j, p) & PREFILL) === 0;
    if (this.sums) {
      // At most once per task (later runs start after its end, past the window start).
      if (!first) this.inexact = true;
      this.prefillSum[j] = (this.prefillSum[j] as number) + us;
      if ((this.prefillSum[j] as number) > Number.MAX_SAFE_INTEGER) this.inexact = true;
    } else {
      const value = this.tasks[j]?.value as Float64Array;
      // Prefill jobs use the prefill durations only: the later runs' no longer matter.
      if (this.prefillCount[j] === 0) value.fill(0);
      value[p] = us;
    }
    if (first) {
      this.setFlag(j, p, PREFILL);
      (this.prefillCount[j] as number)++;
    }
  }

  /** Task p ran `us` (a run started after the window start). */
  private run(j: number, p: number, us: number): void {
    if ((this.flag(j, p) & RAN) === 0) {
      this.setFlag(j, p, RAN);
      (this.ranCount[j] as number)++;
    }
    if (this.sums) {
      this.runSum[j] = (this.runSum[j] as number) + us;
      if ((this.runSum[j] as number) > Number.MAX_SAFE_INTEGER) this.inexact = true;
    } else if (this.prefillCount[j] === 0) {
      const value = this.tasks[j]?.value as Float64Array;
      value[p] = (value[p] as number) + us;
    }
  }

  /** The job has no open run: keep only what its result needs. */
  private settle(j: number): void {
    const t = this.tasks[j] as Tasks;
    t.start = undefined;
    const count = this.taskCount[j] as number;
    const flags = t.flags;
    if (flags) {
      const first = count > 0 ? (flags[0] as number) : 0;
      let same = true;
      for (let i = 1; i < count && same; i++) same = flags[i] === first;
      if (same) {
        this.uniform[j] = first;
        t.flags = undefined;
      } else if (flags.length > count) t.flags = flags.slice(0, count);
    }
    if (t.value && t.value.length > count) t.value = t.value.slice(0, count);
    if (!t.flags && !t.value && !t.pos) this.tasks[j] = undefined;
  }

  /**
   * Censors open runs at `endUs` (the window's end) and builds the jobs; `censored` lists the
   * kept jobs whose duration includes a censored run (a prefill job's residual run, or a
   * submitted job's run that started in the window).
   */
  finish(
    endUs: SimTime,
    jobEvents: ReadonlyMap<number, JobEventInfo>,
    dropped: ReasonCounts,
  ): { prefill: JobSpec[]; jobs: JobSpec[]; censored: number[] } {
    const prefill: JobSpec[] = [];
    const jobs: JobSpec[] = [];
    const censored: number[] = [];
    for (let j = 0; j < this.n; j++) {
      const start = this.tasks[j]?.start;
      let cutPrefill = false;
      let cutRun = false;
      if (start) {
        const count = this.taskCount[j] as number;
        for (let p = 0; p < count; p++) {
          const startUs = start[p] as number;
          if (startUs < 0) continue;
          if (startUs <= this.fromUs) cutPrefill ||= endUs > this.fromUs;
          else cutRun ||= endUs > startUs;
          this.runLog?.add(j, p, startUs, endUs, "censored");
          this.closeRun(j, p, start, endUs);
        }
      }
      const id = this.ids[j] as number;
      const spec = this.toSpec(j, id, jobEvents.get(id), dropped);
      if (!spec) continue;
      (spec.prefill ? prefill : jobs).push(spec);
      if (spec.prefill ? cutPrefill : cutRun) censored.push(id);
    }
    return { prefill, jobs, censored };
  }

  /** Durations of the tasks with flag `bit`, in first-seen order (exact mode). */
  private durations(j: number, bit: number): number[] {
    const t = this.tasks[j] as Tasks;
    const value = t.value as Float64Array;
    const out: number[] = [];
    for (let p = 0, n = this.taskCount[j] as number; p < n; p++)
      if (this.flag(j, p) & bit) out.push(value[p] as number);
    return out;
  }

  /** collapseDurations of the tasks with flag `bit` (count `n` > 0). */
  private duration(j: number, bit: number, n: number): SimTime {
    if (!this.sums) return collapseDurations(this.durations(j, bit), this.m.taskDuration);
    // Same as collapseDurations' "mean": the sum is exact, hence equal to the per-task one.
    const sum = bit === PREFILL ? (this.prefillSum[j] as number) : (this.runSum[j] as number);
    return Math.max(1, Math.round(sum / n));
  }

  private toSpec(
    j: number,
    id: number,
    info: JobEventInfo | undefined,
    dropped: ReasonCounts,
  ): JobSpec | undefined {
    const schedulingClass =
      info && info.schedulingClass >= 0 ? info.schedulingClass : (this.schedulingClass[j] as number);
    const kind = googleKind(this.priority[j] as number, schedulingClass, this.m.service);
    const cpusPerTask = Math.max(0, this.cpuRequest[j] as number) * this.m.machine.cpus;
    const memGbPerTask = Math.max(0, this.memRequest[j] as number) * this.m.machine.memGb;
    const running = this.prefillCount[j] as number;
    const ran = this.ranCount[j] as number;
    if (running > 0) {
      // Event-keeping mode keeps the later runs of the tasks running at the start.
      const lost = this.runLog ? this.positions(j, RAN, PREFILL).length : ran;
      if (lost > 0)
        countReason(
          dropped,
          "task runs starting after the window start, in jobs already running there",
          lost,
        );
      const durationUs = this.duration(j, PREFILL, running);
      return {
        id,
        kind,
        cpusPerTask,
        memGbPerTask,
        submitUs: 0,
        tasks: running,
        durationUs,
        prefill: true,
        ...this.priorityOf(j),
        ...this.taskRunsOf(j, PREFILL, durationUs),
      };
    }
    const inWindow = this.inWindowCount[j] as number;
    if (ran === 0) {
      if (inWindow > 0) countReason(dropped, "jobs with no task run in the window");
      return undefined;
    }
    const firstSubmit = this.firstSubmitUs[j] as number;
    const submits = [firstSubmit, info?.submitUs ?? -1].filter((t) => t >= 0);
    const submitUs = submits.length > 0 ? Math.min(...submits) : (this.firstSeenUs[j] as number);
    const durationUs = this.duration(j, RAN, ran);
    const fromUs = this.fromUs;
    return {
      id,
      kind,
      cpusPerTask,
      memGbPerTask,
      submitUs: Math.max(submitUs, fromUs) - fromUs,
      tasks: inWindow,
      durationUs,
      prefill: false,
      ...this.priorityOf(j),
      ...this.taskRunsOf(j, IN_WINDOW, durationUs),
    };
  }

  /** Positions of job `j`'s tasks with flag `bit` and without `unless`, in first-seen order. */
  private positions(j: number, bit: number, unless = 0): number[] {
    const out: number[] = [];
    for (let p = 0, n = this.taskCount[j] as number; p < n; p++) {
      const flags = this.flag(j, p);
      if ((flags & bit) !== 0 && (flags & unless) === 0) out.push(p);
    }
    return out;
  }

  /** Event-keeping mode: the runs of the tasks with flag `bit` as a JobSpec field; else none. */
  private taskRunsOf(j: number, bit: number, fallbackUs: SimTime): { taskRuns?: TaskRun[][] } {
    return this.runLog ? { taskRuns: this.runLog.taskRuns(j, this.positions(j, bit), fallbackUs) } : {};
  }

  /** The job's priority (its first task row's: 0–11 in 2011, 0–450 in 2019) as a JobSpec field; none if never given. */
  private priorityOf(j: number): { priority?: number } {
    const priority = this.priority[j] as number;
    return priority >= 0 ? { priority } : {};
  }
}
