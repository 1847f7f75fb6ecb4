import { z } from "zod";
import type { JobSpec } from "../../cluster/job.js";
import type { Finding } from "../../plugins/define.js";
import { positiveDuration } from "../../experiment/schema-parts.js";
import { defineFramework, type FrameworkContext } from "../types.js";
import { countSchema, drawCount, poissonArrivals } from "../draws.js";
import { sparkApplication, type SparkApp } from "./application.js";

/**
 * Spark (Zaharia et al., NSDI 2012; on Mesos: Hindman et al., NSDI 2011;
 * docs/frameworks/spark.md): applications of iterative stages arriving as a Poisson process, with
 * coarse-grained executors (holding CPUs and memory for the application's life) or fine-grained
 * ones (holding memory; CPUs taken per task).
 */
const schema = z.strictObject({
  /** Mean time between application submissions (Poisson arrivals). */
  interArrival: positiveDuration.default(60e6),
  /** At most this many applications (default: until the horizon). */
  apps: z.number().int().min(1).optional(),
  /** Stages per application, run one after another. */
  iterations: z.number().int().min(1).default(10),
  /** Tasks per stage: fixed or `{ exponential: { mean } }` (drawn once per application). */
  tasksPerStage: countSchema.default(8),
  /** Run time of each task of every stage. */
  taskDuration: positiveDuration.default(10e6),
  /** Executors per application. */
  executors: z.number().int().min(1).default(2),
  /** Tasks one executor runs at once (its task slots). */
  coresPerExecutor: z.number().int().min(1).default(4),
  /** CPUs per task (a coarse executor holds `coresPerExecutor` × this). */
  cpus: z.number().positive().default(1),
  /** Memory per task slot, GB (an executor holds `coresPerExecutor` × this in both modes). */
  memGb: z.number().positive().default(2),
  /** Coarse-grained (executors hold CPUs and memory) or fine-grained (CPUs per task). */
  mode: z.enum(["coarse", "fine"]).default("fine"),
});

/** The `spark` block's fields, parsed. */
export type SparkSpec = z.output<typeof schema>;

/** The instance's applications: each `iterations + 1` jobs (see `sparkApplication`). */
function sparkJobs(spec: SparkSpec, ctx: FrameworkContext): () => JobSpec | undefined {
  const stream = (what: string) => ctx.rng.stream(`frameworks:${ctx.name}:${what}`);
  const arrivals = poissonArrivals(stream("arrivals"), spec.interArrival, ctx.horizonUs, spec.apps);
  const sizes = stream("tasks");
  const queue: JobSpec[] = [];
  let app = 0;
  return () => {
    if (queue.length === 0) {
      const submitUs = arrivals();
      if (submitUs === undefined) return undefined;
      const shape: SparkApp = { app, submitUs, tasksPerStage: drawCount(spec.tasksPerStage, sizes) };
      queue.push(...sparkApplication(spec, ctx, shape));
      app++;
    }
    return queue.shift();
  };
}

/** The block against the cell: an executor must fit on one machine. */
function sparkCheck(spec: SparkSpec, facts: { cluster: FrameworkContext["cluster"] }): Finding[] {
  const { cpus, memGb } = facts.cluster;
  const executorCpus = spec.cpus * spec.coresPerExecutor;
  const executorMemGb = spec.memGb * spec.coresPerExecutor;
  if (executorCpus <= cpus && executorMemGb <= memGb) return [];
  return [
    {
      level: "error",
      path: [executorCpus > cpus ? "coresPerExecutor" : "memGb"],
      message: `an executor (${executorCpus} CPUs, ${executorMemGb} GB) does not fit on a machine (${cpus} CPUs, ${memGb} GB)`,
    },
  ];
}

/** The `spark` framework behaviour. */
export const SPARK = defineFramework<SparkSpec>({
  type: "spark",
  description:
    "Iterative applications (Poisson arrivals): a chain of stages; coarse-grained executors hold CPUs and memory, fine-grained ones memory only",
  example: {
    interArrival: "3m",
    iterations: 5,
    tasksPerStage: 8,
    taskDuration: "10s",
    executors: 2,
    mode: "coarse",
  },
  schema,
  jobs: sparkJobs,
  check: sparkCheck,
});
