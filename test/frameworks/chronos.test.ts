import { describe, expect, it } from "vitest";
import type { FrameworkJob, JobSpec } from "../../src/cluster/job.js";
import { RngFactory } from "../../src/engine/rng.js";
import type { RunConfig } from "../../src/experiment/config.js";
import { dagProblems } from "../../src/frameworks/chronos/dag.js";
import { CHRONOS } from "../../src/frameworks/chronos/index.js";
import type { FrameworkContext } from "../../src/frameworks/types.js";
import { job } from "../helpers/configs.js";
import { drain, groupsOf, runJobs, sec, timelineConfig } from "./timeline.js";

/**
 * The `chronos` behaviour: ISO 8601 repeating schedules, epsilon, dependency graphs, and
 * hand-worked timelines of a skipped slot and of a child released by its last parent.
 * Monolithic, first-fit, 1 s per job decision, nothing per task, retry after 1 s.
 */

function ctx(horizonSec: number): FrameworkContext {
  return {
    name: "chronos",
    rng: new RngFactory(1),
    horizonUs: sec(horizonSec),
    cluster: { machines: 1, cpus: 4, memGb: 16 },
  };
}

/** The behaviour's jobs with ids (and the ids they name) moved up by `by`, beside other jobs. */
function jobsOf(fields: unknown, horizonSec: number, by = 0): JobSpec[] {
  return drain(CHRONOS.jobs(fields, ctx(horizonSec))).map((j) => {
    const fw = j.fw as FrameworkJob;
    const after = fw.after?.map((id) => id + by);
    return { ...j, id: j.id + by, fw: { ...fw, app: fw.app + by, ...(after ? { after } : {}) } };
  });
}

function config(horizonSec: number): RunConfig {
  return timelineConfig(1, horizonSec);
}

/** Runs the jobs; returns the summary and every task group started: [jobId, tasks, startSec, endSec]. */
function run(cfg: RunConfig, jobs: JobSpec[]) {
  const { summary, started } = runJobs(cfg, jobs);
  return { summary, groups: groupsOf(started) };
}

const ONE = [{ name: "etl", duration: "10s" }];

describe("ISO 8601 repeating schedules", () => {
  const slots = (fields: Record<string, unknown>, horizonSec = 10 * 86_400) =>
    jobsOf({ jobs: ONE, ...fields }, horizonSec).map((j) => j.submitUs / 1e6);

  it("runs Rn slots from the start, the epoch defaulting to the start", () => {
    expect(slots({ schedule: "R3/2013-03-15T11:44:03Z/PT24H" })).toEqual([0, 86_400, 172_800]);
    // R: forever, up to the horizon (3 days: slots at 0, 1 and 2 days).
    expect(slots({ schedule: "R/2013-03-15T11:44:03Z/PT24H" }, 3 * 86_400)).toEqual([0, 86_400, 172_800]);
  });

  it("does not run the slots before the epoch, which still count as repetitions", () => {
    const fields = { schedule: "R3/2013-03-15T11:44:03Z/PT24H", epoch: "2013-03-16T00:00:00Z" };
    // Slots at 11:44:03 on the 15th (before), 16th and 17th: 42,243 s and 128,643 s after midnight.
    expect(slots(fields)).toEqual([42_243, 128_643]);
  });

  it("adds calendar periods one at a time, and reads instants without an offset as UTC", () => {
    // Jan 31 + P1M = Feb 28 (28 days), + P1M = Mar 28 (28 more).
    expect(slots({ schedule: "R3/2013-01-31T00:00:00/P1M" }, 100 * 86_400)).toEqual([
      0,
      28 * 86_400,
      56 * 86_400,
    ]);
  });

  it("sets the roots' start deadline to slot + epsilon (ISO or cellsim durations)", () => {
    const [first] = jobsOf({ schedule: "R1/2013-03-15T00:00:00Z/PT1H", epsilon: "PT90S", jobs: ONE }, 3600);
    expect(first?.fw?.startByUs).toBe(sec(90));
    const [dflt] = jobsOf({ schedule: "R1/2013-03-15T00:00:00Z/PT1H", jobs: ONE }, 3600);
    expect(dflt?.fw?.startByUs).toBe(sec(60));
  });
});

describe("dependency graphs", () => {
  const node = (name: string, ...parents: string[]) => ({ name, parents });

  it("names a cycle, an unknown parent and a duplicate name", () => {
    expect(dagProblems([node("a", "c"), node("b", "a"), node("c", "b"), node("d")])).toEqual([
      { path: [0, "parents"], message: "dependency cycle a → b → c → a: a pipeline must be a DAG" },
    ]);
    expect(dagProblems([node("a"), node("b", "a", "x")])).toEqual([
      { path: [1, "parents", 1], message: 'unknown parent "x": expected one of a|b' },
    ]);
    expect(dagProblems([node("a"), node("a")])).toEqual([
      { path: [1, "name"], message: 'job name "a" is used twice' },
    ]);
  });

  it("submits a run's jobs parents first, with aloneUs the critical path", () => {
    const jobs = [
      { name: "report", duration: "5s", parents: ["load", "extract"] },
      { name: "load", duration: "20s", parents: ["extract"] },
      { name: "extract", duration: "10s", tasks: 8 },
    ];
    const run0 = jobsOf({ schedule: "R1/2013-03-15T00:00:00Z/PT1H", jobs }, 3600);
    expect(run0.map((j) => [j.id, j.tasks, j.fw?.after])).toEqual([
      [0, 8, undefined],
      [1, 1, [0]],
      [2, 1, [1, 0]],
    ]);
    // extract: 8 tasks, 4 fit the cell at once → 2 waves of 10 s; then load 20 s, report 5 s.
    expect(run0.every((j) => j.fw?.aloneUs === sec(45) && j.fw.appJobs === 3)).toBe(true);
  });
});

describe("a Chronos slot skipped past epsilon", () => {
  // Cell: 1 machine × 4 CPUs. Job 0 (plain): 4 tasks × 1 CPU × 100 s at 0 s: runs 1–101 s.
  // Chronos: one job (1 task × 10 s), slots 10 s and 110 s after the epoch, epsilon 5 s.
  //  10 s   slot 1 (job 1, start by 15 s): attempts 10–11, 12–13, 14–15 find the cell full; the
  //         decision at 15 s comes before the deadline at 15 s, and places nothing: skipped.
  // 110 s   slot 2 (job 2, start by 115 s): attempt 110–111 s, starts at 111 s, ends at 121 s.
  it("skips the run that cannot start by slot + epsilon and runs the next", () => {
    const chronos = jobsOf(
      {
        schedule: "R2/2013-03-15T00:00:10Z/PT100S",
        epoch: "2013-03-15T00:00:00Z",
        epsilon: "5s",
        jobs: ONE,
      },
      200,
      1,
    );
    const { summary, groups } = run(config(200), [job(0, 0, 4, { durationUs: sec(100) }), ...chronos]);
    expect(groups).toEqual([
      [0, 4, 1, 101],
      [2, 1, 111, 121],
    ]);
    expect(summary.jobs?.outcome).toEqual(["fully-scheduled", "skipped", "fully-scheduled"]);
    expect(summary.jobs?.attempts).toEqual([1, 3, 1]);
  });
});

describe("a DAG child starts when its last parent ends", () => {
  // Pipeline: a (10 s), b (20 s), c after a and b (5 s); one slot at 0 s; 1 task × 1 CPU each.
  //   0–1 s  a's attempt: a runs 1–11 s.    1–2 s  b's attempt: b runs 2–22 s.
  //  11 s    a completes: c still waits for b.
  //  22 s    b completes: c is released (submitted now); attempt 22–23 s; c runs 23–28 s.
  it("releases the child at its last parent's end", () => {
    const jobs = [
      { name: "a", duration: "10s" },
      { name: "b", duration: "20s" },
      { name: "c", duration: "5s", parents: ["a", "b"] },
    ];
    const pipeline = jobsOf({ schedule: "R1/2013-03-15T00:00:00Z/PT1H", jobs }, 100);
    const { groups } = run(config(100), pipeline);
    expect(groups).toEqual([
      [0, 1, 1, 11],
      [1, 1, 2, 22],
      [2, 1, 23, 28],
    ]);
  });
});
