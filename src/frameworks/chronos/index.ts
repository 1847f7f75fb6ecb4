import type { DateTime } from "luxon";
import { z } from "zod";
import type { JobSpec } from "../../cluster/job.js";
import { duration, positiveDuration } from "../../experiment/schema-parts.js";
import type { Finding } from "../../plugins/define.js";
import { defineFramework, type FrameworkContext } from "../types.js";
import { criticalPathUs, dagProblems, topologicalOrder } from "./dag.js";
import {
  parseInstant,
  parseIsoDuration,
  parseSchedule,
  slotTimes,
  type RepeatingSchedule,
} from "./schedule.js";

/**
 * Chronos (docs/frameworks/chronos.md): a pipeline of jobs (a dependency graph) run on an ISO 8601
 * repeating schedule. Each slot submits one run of the whole pipeline: its root jobs must start
 * within `epsilon` of the slot or the run is skipped; every other job starts when its parents
 * have all finished.
 */

/** One job of the pipeline, validated. */
export interface ChronosJob {
  readonly name: string;
  readonly tasks: number;
  readonly cpus: number;
  readonly memGb: number;
  readonly durationUs: number;
  readonly parents: readonly string[];
}

/** The `chronos` block, validated. */
export interface ChronosSpec {
  readonly schedule: RepeatingSchedule;
  /** The instant that is simulated time 0 (default: the schedule's start). */
  readonly epoch: DateTime;
  /** How late after its slot a run's root jobs may still start, µs. */
  readonly epsilonUs: number;
  readonly jobs: readonly ChronosJob[];
}

/** A string parsed by `parse` (a value or a message). */
function parsed<T>(parse: (text: string) => T | string) {
  return z.string().transform((text, ctx): T => {
    const value = parse(text);
    if (typeof value !== "string") return value;
    ctx.addIssue({ code: "custom", message: value });
    return z.NEVER;
  });
}

/** Chronos' own ISO 8601 durations (`"PT60S"`) or cellsim's (`"60s"`, `60`); never negative. */
const epsilon = z.unknown().transform((value, ctx): number => {
  const negative =
    (typeof value === "number" && value < 0) || (typeof value === "string" && value.startsWith("-"));
  if (negative) {
    ctx.addIssue({ code: "custom", message: `must be 0 or longer (got ${JSON.stringify(value)})` });
    return z.NEVER;
  }
  if (typeof value === "string" && value.startsWith("P")) {
    const d = parseIsoDuration(value);
    if (typeof d !== "string") return Math.round(d.toMillis() * 1000);
    ctx.addIssue({ code: "custom", message: d });
    return z.NEVER;
  }
  const r = duration.safeParse(value);
  if (r.success) return r.data;
  for (const issue of r.error.issues) ctx.addIssue({ code: "custom", message: issue.message });
  return z.NEVER;
});

const job = z.strictObject({
  name: z.string().min(1),
  tasks: z.int().min(1).default(1),
  cpus: z.number().positive().default(1),
  memGb: z.number().min(0).default(1),
  duration: positiveDuration,
  parents: z.array(z.string()).default([]),
});

const schema: z.ZodType<ChronosSpec, unknown> = z
  .strictObject({
    schedule: parsed(parseSchedule),
    epoch: parsed(parseInstant).optional(),
    epsilon: epsilon.default(60e6),
    jobs: z.array(job).min(1, "expected at least one job"),
  })
  .superRefine((b, ctx) => {
    for (const p of dagProblems(b.jobs))
      ctx.addIssue({ code: "custom", path: ["jobs", ...p.path], message: p.message });
  })
  .transform((b): ChronosSpec => ({
    schedule: b.schedule,
    epoch: b.epoch ?? b.schedule.start,
    epsilonUs: b.epsilon,
    jobs: b.jobs.map((j) => ({ ...j, durationUs: j.duration })),
  }));

/** Tasks of this shape that fit the empty cell at once. */
function cellFit(cluster: FrameworkContext["cluster"], j: ChronosJob): number {
  const byCpu = Math.floor(cluster.cpus / j.cpus + 1e-9);
  const byMem = j.memGb > 0 ? Math.floor(cluster.memGb / j.memGb + 1e-9) : byCpu;
  return Math.min(byCpu, byMem) * cluster.machines;
}

/**
 * A run's time alone on the empty cell: the critical path, each job taking its duration times
 * the waves its tasks need (one wave when they all fit at once).
 */
function aloneUs(spec: ChronosSpec, cluster: FrameworkContext["cluster"]): number {
  const times = spec.jobs.map((j) => Math.ceil(j.tasks / Math.max(1, cellFit(cluster, j))) * j.durationUs);
  return criticalPathUs(spec.jobs, times);
}

function jobs(spec: ChronosSpec, ctx: FrameworkContext): () => JobSpec | undefined {
  const order = topologicalOrder(spec.jobs);
  // Position of each job (by declared index) in a run, so `after` can name run-local ids.
  const position = new Map(order.map((i, k) => [(spec.jobs[i] as ChronosJob).name, k]));
  const perRun = order.length;
  const alone = aloneUs(spec, ctx.cluster);
  const nextSlot = slotTimes(spec.schedule, spec.epoch, ctx.horizonUs);
  let run = -1;
  let slotUs = 0;
  let k = perRun;
  return () => {
    if (k === perRun) {
      const next = nextSlot();
      if (next === undefined) return undefined;
      slotUs = next;
      run++;
      k = 0;
    }
    const j = spec.jobs[order[k] as number] as ChronosJob;
    const base = run * perRun;
    const id = base + k++;
    const roots = j.parents.length === 0;
    return {
      id,
      submitUs: slotUs,
      kind: "batch",
      tasks: j.tasks,
      cpusPerTask: j.cpus,
      memGbPerTask: j.memGb,
      durationUs: j.durationUs,
      prefill: false,
      fw: {
        framework: ctx.name,
        app: run,
        appJobs: perRun,
        appSubmitUs: slotUs,
        aloneUs: alone,
        ...(roots
          ? { startByUs: slotUs + spec.epsilonUs }
          : { after: j.parents.map((p) => base + (position.get(p) as number)) }),
      },
    };
  };
}

function check(spec: ChronosSpec, facts: { cluster: FrameworkContext["cluster"] }): Finding[] {
  const { cluster } = facts;
  const findings: Finding[] = [];
  spec.jobs.forEach((j, i) => {
    if (j.cpus > cluster.cpus)
      findings.push({
        level: "error",
        path: ["jobs", i, "cpus"],
        message: `a task of ${j.cpus} CPUs fits no machine (${cluster.cpus} CPUs each)`,
      });
    else if (j.memGb > cluster.memGb)
      findings.push({
        level: "error",
        path: ["jobs", i, "memGb"],
        message: `a task of ${j.memGb} GB fits no machine (${cluster.memGb} GB each)`,
      });
  });
  return findings;
}

/** The `chronos` framework behaviour: pipelines on ISO 8601 repeating schedules. */
export const CHRONOS = defineFramework<ChronosSpec>({
  type: "chronos",
  description:
    "Chronos: pipelines (dependency graphs) run on ISO 8601 repeating schedules; a run not started within epsilon is skipped",
  example: {
    schedule: "R/2013-03-15T00:00:00Z/PT10M",
    epsilon: "30s",
    jobs: [
      { name: "extract", tasks: 4, duration: "2m" },
      { name: "transform", tasks: 8, duration: "3m", parents: ["extract"] },
      { name: "load", tasks: 2, duration: "1m", parents: ["transform"] },
    ],
  },
  schema,
  jobs,
  check,
});
