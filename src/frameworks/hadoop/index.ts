import { z } from "zod";
import type { FrameworkJob, JobSpec } from "../../cluster/job.js";
import type { RandomStream } from "../../engine/rng.js";
import type { SimTime } from "../../engine/time.js";
import { duration, positiveDuration } from "../../experiment/schema-parts.js";
import type { Finding } from "../../plugins/define.js";
import { defineFramework, type FrameworkContext } from "../types.js";
import { cellSlots, countSchema, drawCount, poissonArrivals } from "../draws.js";

/**
 * Hadoop (Dean & Ghemawat, OSDI 2004; docs/frameworks/hadoop.md): MapReduce jobs arriving as a
 * Poisson process. A job is two cellsim jobs of one application: its map tasks, then its reduce
 * tasks behind a barrier. Map tasks read HDFS blocks stored on `replicas` machines (data
 * locality) and wait up to `delay` for a machine holding theirs (delay scheduling).
 */
const schema = z.strictObject({
  /** Mean time between job submissions (Poisson arrivals). */
  interArrival: positiveDuration.default(30e6),
  /** At most this many jobs (default: until the horizon). */
  jobs: z.number().int().min(1).optional(),
  /** Map tasks per job: fixed or `{ exponential: { mean } }`. */
  maps: countSchema.default(10),
  /** Reduce tasks per job: fixed or `{ exponential: { mean } }`. */
  reduces: countSchema.default(2),
  /** Run time of a local map task. */
  mapDuration: positiveDuration.default(20e6),
  /** Run time of a reduce task. */
  reduceDuration: positiveDuration.default(30e6),
  /** CPUs per task. */
  cpus: z.number().positive().default(1),
  /** Memory per task, GB. */
  memGb: z.number().positive().default(2),
  /** Machines holding each input block (HDFS replication). */
  replicas: z.number().int().min(1).default(3),
  /** Run-time factor of a map task placed away from its block. */
  remoteFactor: z.number().min(1).default(1.5),
  /** Delay scheduling: how long a job waits for a local slot before running remotely. */
  delay: duration.refine((us) => us >= 0, "must not be negative").default(0),
});

/** The `hadoop` block's fields, parsed. */
export type HadoopSpec = z.output<typeof schema>;

/**
 * The time a job of `maps` and `reduces` tasks takes alone on the whole empty cell, every map
 * local and no scheduling delay: its maps run in waves of the cell's slots, then its reduces.
 */
export function hadoopAloneUs(
  spec: HadoopSpec,
  ctx: FrameworkContext,
  maps: number,
  reduces: number,
): SimTime {
  const slots = cellSlots(ctx.cluster, spec.cpus, spec.memGb);
  return spec.mapDuration * Math.ceil(maps / slots) + spec.reduceDuration * Math.ceil(reduces / slots);
}

/** `count` distinct machines of `machines`, uniformly (HDFS places a block's replicas apart). */
function replicaMachines(stream: RandomStream, machines: number, count: number): number[] {
  const chosen: number[] = [];
  while (chosen.length < count) {
    const m = Math.floor(stream.next() * machines);
    if (!chosen.includes(m)) chosen.push(m);
  }
  return chosen;
}

/** The instance's jobs: per arrival a map job (id 2k) and its reduce job (id 2k + 1, after it). */
function hadoopJobs(spec: HadoopSpec, ctx: FrameworkContext): () => JobSpec | undefined {
  const stream = (what: string) => ctx.rng.stream(`frameworks:${ctx.name}:${what}`);
  const arrivals = poissonArrivals(stream("arrivals"), spec.interArrival, ctx.horizonUs, spec.jobs);
  const sizes = stream("tasks");
  const blocks = stream("blocks");
  let app = 0;
  let reduce: JobSpec | undefined;
  return () => {
    if (reduce !== undefined) {
      const next = reduce;
      reduce = undefined;
      return next;
    }
    const submitUs = arrivals();
    if (submitUs === undefined) return undefined;
    const maps = drawCount(spec.maps, sizes);
    const reduces = drawCount(spec.reduces, sizes);
    const replicas = Array.from({ length: maps }, () =>
      replicaMachines(blocks, ctx.cluster.machines, spec.replicas),
    );
    const fw: FrameworkJob = {
      framework: ctx.name,
      app,
      appJobs: 2,
      appSubmitUs: submitUs,
      aloneUs: hadoopAloneUs(spec, ctx, maps, reduces),
    };
    const task = {
      submitUs,
      kind: "batch",
      cpusPerTask: spec.cpus,
      memGbPerTask: spec.memGb,
      prefill: false,
    } as const;
    const mapId = 2 * app;
    const locality = { replicas, remoteFactor: spec.remoteFactor, delayUs: spec.delay };
    reduce = {
      ...task,
      id: mapId + 1,
      tasks: reduces,
      durationUs: spec.reduceDuration,
      fw: { ...fw, after: [mapId] },
    };
    app++;
    return { ...task, id: mapId, tasks: maps, durationUs: spec.mapDuration, fw: { ...fw, locality } };
  };
}

/** The block against the cell: replicas must fit on distinct machines, tasks on one machine. */
function hadoopCheck(spec: HadoopSpec, facts: { cluster: FrameworkContext["cluster"] }): Finding[] {
  const { machines, cpus, memGb } = facts.cluster;
  const findings: Finding[] = [];
  if (spec.replicas > machines)
    findings.push({
      level: "error",
      path: ["replicas"],
      message: `${spec.replicas} replicas of each block need as many machines; the cell has ${machines}`,
    });
  if (spec.cpus > cpus || spec.memGb > memGb)
    findings.push({
      level: "error",
      path: [spec.cpus > cpus ? "cpus" : "memGb"],
      message: `a task (${spec.cpus} CPUs, ${spec.memGb} GB) does not fit on a machine (${cpus} CPUs, ${memGb} GB)`,
    });
  return findings;
}

/** The `hadoop` framework behaviour. */
export const HADOOP = defineFramework<HadoopSpec>({
  type: "hadoop",
  description:
    "MapReduce jobs (Poisson arrivals): map tasks then reduce tasks behind a barrier; map tasks read 3-replica blocks, with delay scheduling",
  example: {
    interArrival: "1m",
    maps: { exponential: { mean: 20 } },
    reduces: 2,
    mapDuration: "20s",
    reduceDuration: "30s",
    delay: "5s",
  },
  schema,
  jobs: hadoopJobs,
  check: hadoopCheck,
});
