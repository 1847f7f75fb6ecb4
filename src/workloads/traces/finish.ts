import type { JobSpec, WorkloadKind } from "../../cluster/job.js";
import type { SimTime } from "../../engine/time.js";
import { InputError } from "../../engine/errors.js";
import type { TraceReadOptions } from "../native-csv.js";
import type { TaskDurationRule } from "./types.js";

/**
 * Steps every reader shares once rows became jobs: the submit window, the per-kind rate
 * multiplier, the (submitUs, id) order, and collapsing per-task durations into one.
 */

/** The window [fromUs, toUs) with defaults filled in, checked. */
export interface TimeWindow {
  fromUs: SimTime;
  toUs: SimTime;
}

/** Reads the window options (to defaults to +∞). */
export function windowOf(opts: TraceReadOptions): TimeWindow {
  const fromUs = opts.fromUs ?? 0;
  const toUs = opts.toUs ?? Number.POSITIVE_INFINITY;
  if (!(fromUs >= 0) || !(toUs > fromUs)) throw new InputError(`trace window: need 0 ≤ from < to`);
  return { fromUs, toUs };
}

/** The submitted job shifted into the window (submit − from), or undefined if outside it. */
export function inWindow(job: JobSpec, w: TimeWindow): JobSpec | undefined {
  if (job.submitUs < w.fromUs || job.submitUs >= w.toUs) return undefined;
  return w.fromUs === 0 ? job : { ...job, submitUs: job.submitUs - w.fromUs };
}

/**
 * Applies the rate multiplier r per kind (`round(submitUs / r)`; r = 0 drops the kind's
 * submitted jobs, prefill is untouched) and sorts by (submitUs, id), in place.
 */
export function finishJobs(jobs: JobSpec[], rate: TraceReadOptions["rateMultiplier"]): JobSpec[] {
  const multiplier = (kind: WorkloadKind): number => rate?.[kind] ?? 1;
  for (const kind of ["batch", "service"] as const) {
    const r = multiplier(kind);
    if (!Number.isFinite(r) || r < 0)
      throw new InputError(`workload.rateMultiplier.${kind}: expected a number ≥ 0, got ${r}`);
  }
  const out: JobSpec[] = [];
  for (const job of jobs) {
    const r = multiplier(job.kind);
    if (r === 0) continue;
    out.push(r === 1 ? job : { ...job, submitUs: Math.round(job.submitUs / r) });
  }
  return out.sort((a, b) => a.submitUs - b.submitUs || a.id - b.id);
}

/**
 * One duration for a job's tasks (the job model has identical tasks). `mean` keeps the job's
 * total task-seconds, hence its CPU- and memory-seconds and the cell's load; `median` ignores
 * stragglers; `max` keeps the job's span. Never below 1 µs (a job must end after it starts).
 */
export function collapseDurations(durationsUs: number[], rule: TaskDurationRule): SimTime {
  if (durationsUs.length === 0) throw new Error("collapseDurations: no durations");
  let value: number;
  if (rule === "max") value = durationsUs.reduce((a, b) => Math.max(a, b), 0);
  else if (rule === "mean") value = durationsUs.reduce((a, b) => a + b, 0) / durationsUs.length;
  else {
    const sorted = [...durationsUs].sort((a, b) => a - b);
    const mid = (sorted.length - 1) / 2;
    value = ((sorted[Math.floor(mid)] as number) + (sorted[Math.ceil(mid)] as number)) / 2;
  }
  return Math.max(1, Math.round(value));
}
