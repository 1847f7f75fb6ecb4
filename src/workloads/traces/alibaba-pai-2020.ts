import type { JobSpec, WorkloadKind } from "../../cluster/job.js";
import { finishJobs, windowOf, type TimeWindow } from "./finish.js";
import { forEachLine } from "./lines.js";
import { expandTracePaths } from "./paths.js";
import { paiTaskRow, type PaiTaskRow } from "./pai-rows.js";
import { readPaiJobSubmits } from "./pai-jobs.js";
import { RowIssues, splitCsvLine } from "./rows.js";
import { countReason, type AlibabaPaiReadOptions, type ReasonCounts, type TraceReadResult } from "./types.js";

/**
 * Reader of Alibaba cluster-trace-gpu-v2020 (PAI, "MLaaS in the Wild", NSDI 2022): the
 * `pai_task_table`, optionally joined with `pai_job_table` for submission times. A task row is
 * one role of a job (worker, ps, evaluator, …) with `inst_num` identical instances, which is the
 * job model's unit: one task row → one JobSpec (docs/traces.md, "alibaba-pai-2020"):
 * - id = the row's ordinal over the task files (1-based; job_name is a hash and one job has
 *   several roles); tasks = inst_num; cpus = plan_cpu / 100; memory = plan_mem GB;
 *   `resources.gpus` = plan_gpu / 100 when > 0 (fractional); a multi-instance GPU task is a gang;
 * - submit = the task's start_time, or its job's start_time (submission) with `jobTable`;
 *   duration = end_time − start_time;
 * - status: Terminated kept; Failed kept with its run time (or dropped with `failed: "drop"`);
 *   Running (or no end_time) censored at the window's end (or the latest time in the file);
 *   Waiting or start_time 0 = never launched → dropped. Kept failures and censored runs are
 *   counted in `notes`, dropped rows in `dropped`.
 *
 * Memory follows the jobs kept: a row outside the window is counted and forgotten as it is read.
 */

/** A JobSpec while it is built: a censored task's duration is set once the horizon is known. */
type PaiJob = { -readonly [K in keyof JobSpec]: JobSpec[K] };

/** Reads pai_task_table files in order (and pai_job_table files with `jobTable`). */
export async function readAlibabaPai2020(
  paths: string | readonly string[],
  opts: AlibabaPaiReadOptions = {},
): Promise<TraceReadResult> {
  const window = windowOf(opts);
  const issues = new RowIssues(opts.skipInvalid ?? false);
  const jobs = opts.jobTable ? await readPaiJobSubmits(opts.jobTable, issues) : undefined;
  const jobOpts = jobOptions(opts);
  const files = expandTracePaths(paths);
  const dropped: ReasonCounts = {};
  const notes: ReasonCounts = {};
  const kept: PaiJob[] = [];
  // Kept tasks still running at the end of the trace, with their launch times (s).
  const censored: PaiJob[] = [];
  const censoredStartSec: number[] = [];
  let rows = 0;
  let latestSec = 0;
  await forEachLine(files, (line, lineNo, file) => {
    if (line.trim() === "") return;
    const id = ++rows;
    const row = issues.guard(file, lineNo, () => paiTaskRow(splitCsvLine(line)));
    if (!row) return;
    latestSec = Math.max(latestSec, row.startSec, row.endSec);
    const skip = droppedReason(row, opts);
    if (skip !== undefined) return countReason(dropped, skip);
    let submitSec = row.startSec;
    if (jobs) {
      const jobSec = jobs.submitSec.get(row.jobName);
      if (jobSec === undefined)
        countReason(notes, "tasks without a pai_job_table row (submit = task start_time)");
      // A submission after the launch would be a clock glitch; the launch bounds it.
      else submitSec = Math.min(jobSec, row.startSec);
    }
    const submitUs = Math.round(submitSec * 1e6);
    if (submitUs < window.fromUs || submitUs >= window.toUs) return;
    const job = paiJob(row, id, submitUs - window.fromUs, jobOpts);
    kept.push(job);
    if (row.status === "Failed") countReason(notes, "failed tasks kept (run time as recorded)");
    if (row.status === "Running" || row.endSec <= 0) {
      countReason(notes, "tasks censored at the window's end (Running, or no end_time)");
      censored.push(job);
      censoredStartSec.push(row.startSec);
    } else job.durationUs = durationUs(row.startSec, row.endSec);
  });
  const horizonSec = censorSec(window, latestSec);
  censored.forEach((job, i) => {
    const startSec = censoredStartSec[i] as number;
    job.durationUs = durationUs(startSec, Math.max(horizonSec, startSec));
  });
  const result: TraceReadResult = {
    prefill: [],
    jobs: finishJobs(kept, opts.rateMultiplier),
    files: jobs ? [...jobs.files, ...files] : files,
    rows: rows + (jobs?.rows ?? 0),
    skipped: issues.skipped,
    dropped,
    censoredJobs: censored.map((job) => job.id),
  };
  if (Object.keys(notes).length > 0) result.notes = notes;
  return result;
}

/** Why a well-formed row is not a job, or undefined if it is one. */
function droppedReason(row: PaiTaskRow, opts: AlibabaPaiReadOptions): string | undefined {
  if (row.status === "Waiting" || row.startSec <= 0) return "tasks never launched (Waiting, or start_time 0)";
  if (row.status === "Failed" && opts.failed === "drop") return "failed tasks (failed: drop)";
  return undefined;
}

/**
 * The task's job; its duration is set by the caller (at once, or at the horizon if censored).
 * Each of the three shapes is one object literal: adding `resources` or `gang` to a built object
 * changed its hidden class per job and cost a third of the read (measured on the bench case).
 */
function paiJob(row: PaiTaskRow, id: number, submitUs: number, opts: PaiJobOptions): PaiJob {
  const { tasks, cpusPerTask, memGbPerTask, gpusPerTask } = row;
  const kind = opts.kind;
  if (gpusPerTask <= 0)
    return { id, submitUs, kind, tasks, cpusPerTask, memGbPerTask, durationUs: 0, prefill: false };
  const resources = opts.gpuResources(gpusPerTask);
  // Distributed training: every worker must run for any to make progress.
  if (tasks > 1 && opts.gang)
    return {
      id,
      submitUs,
      kind,
      tasks,
      cpusPerTask,
      memGbPerTask,
      resources,
      gang: true,
      durationUs: 0,
      prefill: false,
    };
  return { id, submitUs, kind, tasks, cpusPerTask, memGbPerTask, resources, durationUs: 0, prefill: false };
}

/** What paiJob needs of the options, resolved once per read. */
interface PaiJobOptions {
  kind: WorkloadKind;
  gang: boolean;
  /** The `{gpus}` object of an amount. */
  gpuResources(gpus: number): Readonly<Record<string, number>>;
}

/**
 * paiJob's options. One frozen `{gpus}` object per amount: the trace asks for few distinct
 * amounts (25, 50, 100, 800 …), so a million tasks share a handful of objects.
 */
function jobOptions(opts: AlibabaPaiReadOptions): PaiJobOptions {
  const shared = new Map<number, Readonly<Record<string, number>>>();
  return {
    kind: opts.kind ?? "batch",
    gang: opts.gang !== false,
    gpuResources: (gpus) => {
      let r = shared.get(gpus);
      if (r === undefined) shared.set(gpus, (r = Object.freeze({ gpus })));
      return r;
    },
  };
}

/** Where a still-running task is cut: the window's end, else the latest time in the task table. */
function censorSec(window: TimeWindow, latestSec: number): number {
  return Number.isFinite(window.toUs) ? window.toUs / 1e6 : latestSec;
}

/** A run from `startSec` to `endSec`, µs, never below 1 µs (a job must end after it starts). */
function durationUs(startSec: number, endSec: number): number {
  return Math.max(1, Math.round((endSec - startSec) * 1e6));
}
