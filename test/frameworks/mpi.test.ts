import { describe, expect, it } from "vitest";
import type { JobSpec } from "../../src/cluster/job.js";
import { RngFactory } from "../../src/engine/rng.js";
import type { ArchitectureBlock, RunConfig } from "../../src/experiment/config.js";
import { MPI } from "../../src/frameworks/mpi/index.js";
import type { FrameworkContext } from "../../src/frameworks/types.js";
import { job } from "../helpers/configs.js";
import { drain, groupsOf, runJobs, sec, timelineConfig } from "./timeline.js";

/**
 * The `mpi` behaviour: Poisson-arriving rigid gangs, and hand-worked timelines of a gang that
 * waits until all its slots are free, under a single scheduler and under optimistic concurrency
 * (where a stale placement must not start half a gang). First-fit, retry after 1 s.
 */

const CELL = { machines: 2, cpus: 4, memGb: 16 };

function ctx(seed = 1, horizonSec = 36_000): FrameworkContext {
  return { name: "mpi", rng: new RngFactory(seed), horizonUs: sec(horizonSec), cluster: CELL };
}

/** The behaviour's first gang, moved to time 0 (its shape and `fw` as the behaviour made them). */
function firstGang(fields: Record<string, unknown>): JobSpec {
  const gang = drain(MPI.jobs(fields, ctx()))[0] as JobSpec;
  return { ...gang, id: 1, submitUs: 0, fw: { ...gang.fw!, app: 1, appSubmitUs: 0 } };
}

function config(architecture: ArchitectureBlock, horizonSec: number): RunConfig {
  return timelineConfig(CELL.machines, horizonSec, { architecture });
}

/** Runs the jobs; returns the summary and every task group started: [jobId, tasks, startSec, endSec]. */
function run(cfg: RunConfig, jobs: JobSpec[]) {
  const { summary, started } = runJobs(cfg, jobs);
  return { summary, groups: groupsOf(started) };
}

describe("the mpi behaviour", () => {
  it("makes batch gangs with Poisson arrivals, fixed ranks and aloneUs = duration", () => {
    const jobs = drain(MPI.jobs({ interArrival: "10m", ranks: 6, cpusPerRank: 0.5, duration: "1h" }, ctx()));
    // 10 h at one job per 10 min on average: about 60 jobs.
    expect(jobs.length).toBeGreaterThan(40);
    expect(jobs.length).toBeLessThan(80);
    jobs.forEach((j, i) => {
      expect(j).toMatchObject({ id: i, kind: "batch", tasks: 6, cpusPerTask: 0.5, memGbPerTask: 1 });
      expect(j.fw).toEqual({
        framework: "mpi",
        app: i,
        appJobs: 1,
        appSubmitUs: j.submitUs,
        aloneUs: sec(3600),
        gang: true,
      });
      if (i > 0) expect(j.submitUs).toBeGreaterThanOrEqual((jobs[i - 1] as JobSpec).submitUs);
    });
    expect((jobs.at(-1) as JobSpec).submitUs).toBeLessThan(sec(36_000));
  });

  it("draws exponential ranks rounded up, at least 1 and at most what the cell holds", () => {
    // 2 machines × 4 CPUs hold 8 ranks of 1 CPU: draws above 8 are clamped to 8.
    const jobs = drain(
      MPI.jobs({ interArrival: "1m", ranks: { exponential: { mean: 4 } }, duration: "1m" }, ctx()),
    );
    const ranks = jobs.map((j) => j.tasks);
    expect(Math.min(...ranks)).toBe(1);
    expect(Math.max(...ranks)).toBe(8);
    expect(ranks.every(Number.isInteger)).toBe(true);
  });

  it("is a pure function of the seed", () => {
    const fields = { interArrival: "1m", ranks: { exponential: { mean: 4 } }, duration: "1m" };
    expect(drain(MPI.jobs(fields, ctx(7)))).toEqual(drain(MPI.jobs(fields, ctx(7))));
    expect(drain(MPI.jobs(fields, ctx(7)))).not.toEqual(drain(MPI.jobs(fields, ctx(8))));
  });

  it("refuses a fixed gang larger than the empty cell, naming ranks", () => {
    const facts = { cluster: CELL, kindsWithJobs: ["batch" as const], kindsKnown: false };
    const fields = { interArrival: "1m", ranks: 4, cpusPerRank: 2, memGbPerRank: 1, duration: "1m" };
    expect(MPI.check(fields, facts)).toEqual([]);
    expect(MPI.check({ ...fields, ranks: 3, memGbPerRank: 10 }, facts)).toEqual([
      {
        level: "error",
        path: ["ranks"],
        message:
          "a gang of 3 ranks is larger than the empty cell: at most 2 ranks of 2 CPUs and 10 GB fit (1 per machine × 2 machines)",
      },
    ]);
    expect(MPI.check({ ...fields, cpusPerRank: 5 }, facts)).toMatchObject([{ path: ["cpusPerRank"] }]);
  });
});

describe("an MPI gang waits until all its slots are free", () => {
  // Cell: 2 machines × 4 CPUs. Job 0 (plain): 6 tasks × 1 CPU × 10 s; job 1: the MPI gang, 4 ranks
  // × 1 CPU × 5 s; both at 0. Monolithic, 1 s per job decision.
  //   0–1 s  job 0's attempt: first-fit puts 4 tasks on machine 0, 2 on machine 1, until 11 s.
  //   1–2 s  the gang's attempt: 2 CPUs free (machine 1), 4 needed: nothing starts (an elastic job
  //          would start 2 ranks here). Retries at 3, 5, 7, 9, 11 (think 1 s, retry 1 s later).
  //  11 s    job 0 ends; the attempt starting at 11 s decides at 12 s: all 4 ranks start on
  //          machine 0 (first-fit) and end at 17 s. Attempts: 6.
  it("starts every rank at once, never a part", () => {
    const gang = firstGang({ interArrival: "1m", ranks: 4, duration: "5s" });
    const jobs = [job(0, 0, 6), gang];
    const { summary, groups } = run(
      config({ type: "monolithic", decisionTime: { perJob: "1s", perTask: "0s" } }, 60),
      jobs,
    );
    expect(groups).toEqual([
      [0, 6, 1, 11],
      [1, 4, 12, 17],
    ]);
    expect(summary.jobs?.attempts).toEqual([1, 6]);
  });

  // Shared state, 2 batch schedulers dealt round-robin, fine conflicts, incremental transactions;
  // think time 1 s per job + 1 s per task. Job 0 (plain): 1 task × 4 CPUs × 20 s; job 1: the gang,
  // 2 ranks × 4 CPUs × 5 s; both at 0, both attempts snapshot the empty cell at 0.
  //   0–2 s  omega-batch-0 places job 0 on machine 0; commits at 2 s (runs to 22 s).
  //   0–3 s  omega-batch-1 places the gang on its stale snapshot: machine 0 and machine 1. At 3 s
  //          the claim on machine 0 conflicts. An incremental commit would keep machine 1 and
  //          start half the gang; a gang commits all or nothing: nothing starts.
  //   Retries at 4, 8, 12, 16, 20 (attempts of 3 s, retry 1 s after): each sees machine 0 full.
  //  22 s    job 0 ends; the attempt from 24 s decides at 27 s: both ranks start, end at 32 s.
  it("commits nothing of a gang when part of its stale placement conflicts", () => {
    const gang = firstGang({ interArrival: "1m", ranks: 2, cpusPerRank: 4, duration: "5s" });
    const jobs = [job(0, 0, 1, { cpusPerTask: 4, durationUs: sec(20) }), gang];
    const omega: ArchitectureBlock = {
      type: "shared-state",
      decisionTime: { perJob: "1s", perTask: "1s" },
      schedulers: { batch: 2, service: 1 },
      conflictMode: "fine",
      transactionMode: "incremental",
    };
    const { summary, groups } = run(config(omega, 60), jobs);
    expect(groups).toEqual([
      [0, 1, 2, 22],
      [1, 2, 27, 32],
    ]);
    expect(summary.jobs?.attempts).toEqual([1, 7]);
  });
});
