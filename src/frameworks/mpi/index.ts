import { z } from "zod";
import type { JobSpec } from "../../cluster/job.js";
import { positiveDuration } from "../../experiment/schema-parts.js";
import { chosen } from "../../experiment/zod-issues.js";
import type { Finding } from "../../plugins/define.js";
import { defineFramework, type FrameworkContext } from "../types.js";

/**
 * MPI / Torque (docs/frameworks/mpi.md): rigid parallel jobs. Each job is a gang of `ranks`
 * identical processes that all start together or not at all, arriving as a Poisson stream.
 */

/** Ranks per job: a fixed count, or exponential with a mean (rounded up, at least 1). */
export type RanksSpec = number | { readonly exponential: { readonly mean: number } };

/** The `mpi` block, validated (durations in µs). */
export interface MpiSpec {
  /** Mean time between job submissions (Poisson arrivals), µs. */
  readonly interArrivalUs: number;
  readonly ranks: RanksSpec;
  readonly cpusPerRank: number;
  readonly memGbPerRank: number;
  /** How long every rank runs once the gang has started, µs. */
  readonly durationUs: number;
}

const ranks = chosen<RanksSpec>((value) =>
  typeof value === "number"
    ? z.int().min(1)
    : z.strictObject({ exponential: z.strictObject({ mean: z.number().min(1) }) }),
);

const schema: z.ZodType<MpiSpec, unknown> = z
  .strictObject({
    interArrival: positiveDuration,
    ranks,
    cpusPerRank: z.number().positive().default(1),
    memGbPerRank: z.number().min(0).default(1),
    duration: positiveDuration,
  })
  .transform((b): MpiSpec => ({
    interArrivalUs: b.interArrival,
    ranks: b.ranks,
    cpusPerRank: b.cpusPerRank,
    memGbPerRank: b.memGbPerRank,
    durationUs: b.duration,
  }));

// Rank sizes like 0.1 CPU would otherwise lose one rank per machine to rounding (4 / 0.1 < 40).
const FIT_SLACK = 1e-9;

/** How many ranks of this shape fit one empty machine of the cell. */
export function ranksPerMachine(
  cluster: { readonly cpus: number; readonly memGb: number },
  cpusPerRank: number,
  memGbPerRank: number,
): number {
  const byCpu = Math.floor(cluster.cpus / cpusPerRank + FIT_SLACK);
  const byMem = memGbPerRank > 0 ? Math.floor(cluster.memGb / memGbPerRank + FIT_SLACK) : byCpu;
  return Math.max(0, Math.min(byCpu, byMem));
}

/** The largest gang of this shape the empty cell holds (ranks may share machines). */
function cellRanks(spec: MpiSpec, cluster: FrameworkContext["cluster"]): number {
  return ranksPerMachine(cluster, spec.cpusPerRank, spec.memGbPerRank) * cluster.machines;
}

function jobs(spec: MpiSpec, ctx: FrameworkContext): () => JobSpec | undefined {
  const arrivals = ctx.rng.stream(`frameworks:${ctx.name}:arrivals`);
  const rankDraws = ctx.rng.stream(`frameworks:${ctx.name}:ranks`);
  // Torque refuses a job larger than its resources at submission; drawn gangs are clamped to the
  // cell instead, so that every job can run (check() refuses a fixed count that cannot).
  const most = Math.max(1, cellRanks(spec, ctx.cluster));
  const drawRanks =
    typeof spec.ranks === "number"
      ? () => spec.ranks as number
      : () => {
          const mean = (spec.ranks as { exponential: { mean: number } }).exponential.mean;
          return Math.min(most, Math.max(1, Math.ceil(mean * -Math.log1p(-rankDraws.next()))));
        };
  let clockUs = 0;
  let id = 0;
  return () => {
    clockUs += spec.interArrivalUs * -Math.log1p(-arrivals.next());
    const submitUs = Math.round(clockUs);
    if (submitUs >= ctx.horizonUs) return undefined;
    const app = id++;
    return {
      id: app,
      submitUs,
      kind: "batch",
      tasks: drawRanks(),
      cpusPerTask: spec.cpusPerRank,
      memGbPerTask: spec.memGbPerRank,
      durationUs: spec.durationUs,
      prefill: false,
      fw: {
        framework: ctx.name,
        app,
        appJobs: 1,
        appSubmitUs: submitUs,
        // Every gang fits the empty cell (checked, or clamped): alone it starts at once.
        aloneUs: spec.durationUs,
        gang: true,
      },
    };
  };
}

function check(spec: MpiSpec, facts: { cluster: FrameworkContext["cluster"] }): Finding[] {
  const { cluster } = facts;
  const perMachine = ranksPerMachine(cluster, spec.cpusPerRank, spec.memGbPerRank);
  if (perMachine === 0) {
    const cpuShort = spec.cpusPerRank > cluster.cpus;
    return [
      {
        level: "error",
        path: [cpuShort ? "cpusPerRank" : "memGbPerRank"],
        message: cpuShort
          ? `a rank of ${spec.cpusPerRank} CPUs fits no machine (${cluster.cpus} CPUs each)`
          : `a rank of ${spec.memGbPerRank} GB fits no machine (${cluster.memGb} GB each)`,
      },
    ];
  }
  const most = perMachine * cluster.machines;
  if (typeof spec.ranks !== "number" || spec.ranks <= most) return [];
  return [
    {
      level: "error",
      path: ["ranks"],
      message:
        `a gang of ${spec.ranks} ranks is larger than the empty cell: at most ${most} ranks of ` +
        `${spec.cpusPerRank} CPUs and ${spec.memGbPerRank} GB fit (${perMachine} per machine × ${cluster.machines} machines)`,
    },
  ];
}

/** The `mpi` framework behaviour: Poisson-arriving rigid gangs. */
export const MPI = defineFramework<MpiSpec>({
  type: "mpi",
  description: "MPI / Torque: rigid gang jobs (Poisson arrivals) that start all their ranks at once or wait",
  example: {
    interArrival: "2m",
    ranks: { exponential: { mean: 12 } },
    cpusPerRank: 1,
    memGbPerRank: 2,
    duration: "5m",
  },
  schema,
  jobs,
  check,
});
