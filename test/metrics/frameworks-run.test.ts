import { describe, expect, it } from "vitest";
import type { FrameworkJob, JobSpec } from "../../src/cluster/job.js";
import { RngFactory } from "../../src/engine/rng.js";
import type { RunConfig } from "../../src/experiment/config.js";
import { frameworksCsv } from "../../src/experiment/framework-table.js";
import type { ResultsFile, RunRecord } from "../../src/experiment/results-types.js";
import { buildFigures } from "../../src/report/figures.js";
import { renderSvg } from "../../src/report/render.js";
import { simulateWorkload } from "../../src/experiment/run-one.js";
import { cellConfig } from "../../src/testing/busy-cell.js";
import { workloadFromList } from "../../src/workloads/source.js";
import { job } from "../helpers/configs.js";

/**
 * The `frameworks` section of a run summary on a hand-worked timeline. Cell: 2 machines × 4 CPUs
 * × 16 GB (8 CPUs, 32 GB). Monolithic, first-fit, 1 s per job decision, FIFO; samples every 10 s,
 * horizon 100 s. Three frameworks, every job submitted at 0:
 *
 *   a, app 0: job 0, 2 tasks × 10 s (1 CPU, 1 GB), blocks on machines [0] and [1], remote ×2.
 *   b, app 1: job 1, 2 tasks × 10 s (1 CPU, 8 GB); job 2 after job 1, 1 task × 10 s (1 CPU, 16 GB).
 *   c, app 2: job 3, 1 task, must start by 1.5 s; job 4 after job 3.
 *
 *   0–1 s   job 0's attempt. 1 s: both tasks on machine 0 (first fit): task 0 local (1–11 s),
 *           task 1 remote (its block is on machine 1), 20 s (1–21 s). App 0 ends at 21 s.
 *   1–2 s   job 1's attempt. 2 s: one task on machine 0 (2 CPUs, 14 GB free → 6 GB left), the
 *           other on machine 1; both 2–12 s.
 *   1.5 s   job 3 has placed nothing: skipped; job 4 cancelled; app 2 fails.
 *  12 s     job 1 completes: job 2 released, attempt 12–13 s; machine 0 has 14 GB free, so its
 *           16 GB task goes to machine 1, 13–23 s. App 1 ends at 23 s.
 *
 * Held at the samples (dominant share = max(cpus/8, mem/32)):
 *   t = 0   nothing held; a, b, c all have a live application → Σx = 0: Jain skipped.
 *   t = 10  a: 2 CPUs, 2 GB → 0.25; b: 2 CPUs, 16 GB → 0.5; c ended → J = 0.75²/(2·0.3125) = 0.9.
 *   t = 20  a: 1 CPU, 1 GB → 0.125; b: 1 CPU, 16 GB → 0.5 → J = 0.625²/(2·0.265625) = 25/34.
 *   t ≥ 30  no live application and nothing held: skipped.
 */

const sec = (s: number) => s * 1e6;

const config: RunConfig = cellConfig(
  { type: "monolithic", decisionTime: { perJob: "1s", perTask: "0s" } },
  {
    horizonUs: sec(100),
    cluster: { machines: 2, cpus: 4, memGb: 16 },
    placement: "first-fit",
    metrics: { samplePeriodUs: sec(10) },
  },
);

function fw(framework: string, app: number, over: Partial<FrameworkJob> = {}): FrameworkJob {
  return { framework, app, appJobs: 1, appSubmitUs: 0, aloneUs: sec(10), ...over };
}

const locality = { replicas: [[0], [1]], remoteFactor: 2, delayUs: 0 };
const pipeline = { appJobs: 2, aloneUs: sec(20) };
const jobs: JobSpec[] = [
  job(0, 0, 2, { fw: fw("a", 0, { locality }) }),
  job(1, 0, 2, { memGbPerTask: 8, fw: fw("b", 1, pipeline) }),
  job(2, 0, 1, { memGbPerTask: 16, fw: fw("b", 1, { ...pipeline, after: [1] }) }),
  job(3, 0, 1, { fw: fw("c", 2, { appJobs: 2, startByUs: sec(1.5) }) }),
  job(4, 0, 1, { fw: fw("c", 2, { appJobs: 2, after: [3] }) }),
];

function run(list: JobSpec[], frameworks?: string[]) {
  const groups: [number, number[], number, number][] = [];
  const workload = { ...workloadFromList([], list), ...(frameworks ? { frameworks } : {}) };
  const summary = simulateWorkload(config, workload, new RngFactory(1), {
    checkInvariants: true,
    hooks: {
      tasksStarted: (s: JobSpec, machines: readonly number[], startUs: number, endUs: number) =>
        groups.push([s.id, [...machines], startUs / 1e6, endUs / 1e6]),
    },
  });
  return { summary, groups };
}

describe("the frameworks section of a run summary", () => {
  const { summary, groups } = run(jobs, ["a", "b", "c"]);
  const section = summary.frameworks;
  const byName = (name: string) => section?.byFramework.find((f) => f.name === name);

  it("follows the hand-worked timeline", () => {
    expect(groups).toEqual([
      [0, [0], 1, 11],
      [0, [0], 1, 21],
      [1, [0, 1], 2, 12],
      [2, [1], 13, 23],
    ]);
  });

  it("counts applications and jobs per framework", () => {
    expect(section?.byFramework.map((f) => f.name)).toEqual(["a", "b", "c"]);
    const counts = (name: string) => {
      const f = byName(name);
      return [
        f?.appsSubmitted,
        f?.appsCompleted,
        f?.appsFailed,
        f?.appsUnfinished,
        f?.jobsSkipped,
        f?.jobsCancelled,
      ];
    };
    expect(counts("a")).toEqual([1, 1, 0, 0, 0, 0]);
    expect(counts("b")).toEqual([1, 1, 0, 0, 0, 0]);
    expect(counts("c")).toEqual([1, 0, 1, 0, 1, 1]);
  });

  it("measures completion time, slowdown and pipeline makespan", () => {
    // a: 21 s, 21/10 = 2.1; b: 23 s, 23/20 = 1.15 (a pipeline of 2 jobs); c: none completed.
    expect(byName("a")?.completionSec).toEqual({ count: 1, mean: 21, p50: 21, p90: 21 });
    expect(byName("a")?.slowdown?.mean).toBeCloseTo(2.1, 12);
    expect(byName("a")?.pipelineMakespanSec).toBeNull();
    expect(byName("a")?.completionCdf).toEqual({ sec: [21], fraction: [1] });
    expect(byName("b")?.completionSec?.p90).toBe(23);
    expect(byName("b")?.slowdown?.p50).toBeCloseTo(1.15, 12);
    expect(byName("b")?.pipelineMakespanSec).toEqual({ count: 1, mean: 23, p50: 23, p90: 23 });
    expect(byName("c")?.completionSec).toBeNull();
    expect(byName("c")?.slowdown).toBeNull();
    expect(byName("c")?.completionCdf).toEqual({ sec: [], fraction: [] });
  });

  it("measures data locality where tasks have blocks, null elsewhere", () => {
    expect([byName("a")?.localTasks, byName("a")?.remoteTasks, byName("a")?.locality]).toEqual([1, 1, 0.5]);
    expect(byName("b")?.locality).toBeNull();
  });

  it("samples dominant shares and Jain's index", () => {
    expect(section?.sampleSec).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
    const zeros = [0, 0, 0, 0, 0, 0, 0];
    expect(byName("a")?.dominantShare).toEqual([0, 0.25, 0.125, ...zeros]);
    expect(byName("b")?.dominantShare).toEqual([0, 0.5, 0.5, ...zeros]);
    expect(byName("c")?.dominantShare).toEqual([0, 0, 0, ...zeros]);
    // Time means over [0, 100 s), each sample standing for 10 s: a (0.25 + 0.125)/10, b 1/10.
    expect(byName("a")?.dominantShareMean).toBeCloseTo(0.0375, 12);
    expect(byName("b")?.dominantShareMean).toBeCloseTo(0.1, 12);
    expect(byName("c")?.dominantShareMean).toBe(0);
    const jain = section?.jainIndex ?? [];
    expect(jain[0]).toBeNull();
    expect(jain[1]).toBeCloseTo(0.9, 12);
    expect(jain[2]).toBeCloseTo(25 / 34, 12);
    expect(jain.slice(3)).toEqual([null, null, null, null, null, null, null]);
    // Only the samples at 10 s and 20 s count, 10 s each.
    expect(section?.jainIndexMean).toBeCloseTo((0.9 + 25 / 34) / 2, 12);
  });

  it("is absent from runs without framework jobs", () => {
    const plain = jobs.slice(0, 2).map(({ fw: _fw, ...spec }) => spec);
    expect(run(plain).summary).not.toHaveProperty("frameworks");
  });

  it("writes one frameworks.csv row per run × framework (empty cells where no value exists)", () => {
    const record = (runId: string, delay: string, summary = run(jobs, ["a", "b", "c"]).summary) =>
      ({ runId, seed: 1, params: { delay }, summary }) as RunRecord;
    const csv = frameworksCsv([record("000-s1", "1s"), record("001-s1", "5s")], ["delay"]);
    const lines = csv?.trimEnd().split("\n") ?? [];
    expect(lines[0]).toBe(
      "runId,seed,delay_sec,framework,appsSubmitted,appsCompleted,appsFailed,appsUnfinished,jobsSkipped,jobsCancelled," +
        "completionSec_count,completionSec_mean,completionSec_p50,completionSec_p90," +
        "slowdown_count,slowdown_mean,slowdown_p50,slowdown_p90," +
        "pipelineMakespanSec_count,pipelineMakespanSec_mean,pipelineMakespanSec_p50,pipelineMakespanSec_p90," +
        "localTasks,remoteTasks,locality,dominantShareMean,jainIndexMean",
    );
    expect(lines).toHaveLength(7);
    const jain = (0.9 + 25 / 34) / 2;
    const cells = (line: string | undefined) =>
      line?.split(",").map((c) => (c === "" || Number.isNaN(Number(c)) ? c : Number(c)));
    expect(cells(lines[3])?.slice(0, 4)).toEqual(["000-s1", 1, 1, "c"]);
    expect(cells(lines[3])?.slice(4)).toEqual([1, 0, 1, 0, 1, 1, ...Array(12).fill(""), 0, 0, "", 0, jain]);
    expect(cells(lines[4])?.slice(2, 14)).toEqual([5, "a", 1, 1, 0, 0, 0, 0, 1, 21, 21, 21]);
    expect(
      frameworksCsv([record("000-s1", "1s", run(jobs.slice(0, 2).map(({ fw: _f, ...x }) => x)).summary)], []),
    ).toBeNull();
  });
});

describe("the framework figures", () => {
  const summary = run(jobs, ["a", "b", "c"]).summary;
  const path = "workload.frameworks.*.delay";
  // Two runs of a delay sweep; the second's locality is set by hand to 3 local of 4 tasks.
  const second = structuredClone(summary);
  const a = second.frameworks?.byFramework[0];
  if (a) [a.localTasks, a.remoteTasks] = [3, 1];
  const results = (figures: string[], sweepPaths = [path]): ResultsFile => ({
    experiment: { name: "t", description: "", figures, sweepPaths, horizonSec: 100 },
    runs: [
      { runId: "000-s1", seed: 1, params: { [path]: "1s" }, summary },
      { runId: "001-s1", seed: 1, params: { [path]: "5s" }, summary: second },
    ],
  });

  it("draws each framework's completion-time CDF, a panel per swept delay", () => {
    const [cdf] = buildFigures(results(["framework-completion-cdf"]));
    expect(cdf?.table.rows.filter((r) => r[0] === "1s")).toEqual([
      ["1s", "a", 21, 1],
      ["1s", "b", 23, 1],
    ]);
    expect(cdf?.caption).toContain("No completed application: c.");
  });

  it("draws dominant shares and Jain's index over time, in seconds for a 100 s run", () => {
    // The entry names one run: it is drawn alone, without a panel column (11 samples: no binning).
    const [shares] = buildFigures(results([]), [{ kind: "framework-shares-over-time", run: "000-s1" }]);
    const rows = shares?.table.rows ?? [];
    expect(rows.filter((r) => r[0] === "b").slice(0, 3)).toEqual([
      ["b", 0, 0],
      ["b", 10, 0.5],
      ["b", 20, 0.5],
    ]);
    // Only the samples at 10 s and 20 s have an index: 0.9 and 25/34 = 0.735294 (6 digits).
    expect(rows.filter((r) => r[0] === "Jain's index")).toEqual([
      ["Jain's index", 10, 0.9],
      ["Jain's index", 20, 0.735294],
    ]);
  });

  it("draws locality against the swept delay (1/2 at 1 s, 3/4 at 5 s), else a bar per run", async () => {
    const [byDelay] = buildFigures(results(["locality-vs-delay"]));
    expect(byDelay?.table.rows).toEqual([
      ["all runs", 1, 0.5, 1],
      ["all runs", 5, 0.75, 1],
    ]);
    // No delay swept (the machines are): the x axis falls back to the run.
    const base = results(["locality-vs-delay"], ["cluster.machines"]);
    const other = {
      ...base,
      runs: base.runs.map((r, i) => ({ ...r, params: { "cluster.machines": 2 + i } })),
    };
    const [byRun] = buildFigures(other);
    expect(byRun?.table.rows).toEqual([
      ["000-s1 · 2", 0.5],
      ["001-s1 · 3", 0.75],
    ]);
    const svg = await renderSvg(byDelay?.vegaLiteSpec as never);
    expect(svg).toContain("<svg");
    expect(await renderSvg(byDelay?.vegaLiteSpec as never)).toBe(svg);
  });

  it("render to SVG", async () => {
    for (const fig of buildFigures(results(["framework-completion-cdf", "framework-shares-over-time"])))
      expect(await renderSvg(fig.vegaLiteSpec)).toContain("<svg");
  });
});
