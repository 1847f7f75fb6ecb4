import type { FrameworkJob, JobSpec } from "../../cluster/job.js";
import type { SimTime } from "../../engine/time.js";
import type { FrameworkContext } from "../types.js";
import type { SparkSpec } from "./index.js";

/** What one application draws: its index, submission and stage width. */
export interface SparkApp {
  readonly app: number;
  readonly submitUs: SimTime;
  readonly tasksPerStage: number;
}

/** Task slots of an application's executors (tasks its coarse executors run at once). */
function executorSlots(spec: SparkSpec): number {
  return spec.executors * spec.coresPerExecutor;
}

/**
 * Tasks the application runs at once alone on the whole empty cell: its executors' slots when
 * coarse-grained; when fine-grained, every CPU of the cell that can take a task.
 */
function parallelism(spec: SparkSpec, ctx: FrameworkContext): number {
  if (spec.mode === "coarse") return executorSlots(spec);
  return ctx.cluster.machines * Math.floor(ctx.cluster.cpus / spec.cpus + 1e-9);
}

/**
 * The application's time alone on the whole empty cell, no scheduling delay: each of its
 * `iterations` stages runs its tasks in waves of `parallelism` tasks.
 */
export function sparkAloneUs(spec: SparkSpec, ctx: FrameworkContext, tasksPerStage: number): SimTime {
  return spec.iterations * spec.taskDuration * Math.ceil(tasksPerStage / parallelism(spec, ctx));
}

/**
 * One application's jobs (instance-own ids from `app × (iterations + 1)`): first its executor
 * job, then its stages as a chain (stage k after stage k − 1). The executor job holds, per
 * executor, `coresPerExecutor × memGb` GB — and, coarse-grained, `coresPerExecutor × cpus` CPUs —
 * until the last stage completes (`endsWith`). Fine-grained stage tasks take `cpus` each and no
 * memory (it is the executor's); coarse-grained stage tasks take nothing (they run inside the
 * executors' held CPUs): at most one per executor slot, each running its share of the stage's
 * tasks one after another.
 */
export function sparkApplication(spec: SparkSpec, ctx: FrameworkContext, shape: SparkApp): JobSpec[] {
  const { app, submitUs, tasksPerStage } = shape;
  const base = app * (spec.iterations + 1);
  const fw: FrameworkJob = {
    framework: ctx.name,
    app,
    appJobs: spec.iterations + 1,
    appSubmitUs: submitUs,
    aloneUs: sparkAloneUs(spec, ctx, tasksPerStage),
  };
  const coarse = spec.mode === "coarse";
  const common = { submitUs, kind: "batch", prefill: false } as const;
  const executors: JobSpec = {
    ...common,
    id: base,
    tasks: spec.executors,
    cpusPerTask: coarse ? spec.cpus * spec.coresPerExecutor : 0,
    memGbPerTask: spec.memGb * spec.coresPerExecutor,
    // Outlasts the application: its last stage's completion ends it.
    durationUs: Math.max(1, ctx.horizonUs - submitUs),
    fw: { ...fw, endsWith: base + spec.iterations },
  };
  const slots = executorSlots(spec);
  const stage = (k: number): JobSpec => ({
    ...common,
    id: base + k,
    tasks: coarse ? Math.min(tasksPerStage, slots) : tasksPerStage,
    cpusPerTask: coarse ? 0 : spec.cpus,
    memGbPerTask: 0,
    durationUs: coarse ? spec.taskDuration * Math.ceil(tasksPerStage / slots) : spec.taskDuration,
    fw: k === 1 ? fw : { ...fw, after: [base + k - 1] },
  });
  return [executors, ...Array.from({ length: spec.iterations }, (_, i) => stage(i + 1))];
}
