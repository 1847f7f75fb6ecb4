import { describe, expect, it } from "vitest";
import { planFromJson } from "../../src/experiment/plan.js";
import { resultsCsv } from "../../src/experiment/results-csv.js";
import type { RunRecord } from "../../src/experiment/results-types.js";
import { runOne } from "../../src/experiment/run-one.js";
import { BATCH_QUARTER, POLICIES, studyExperiment } from "../quasar/helpers.js";
import { smallExperiment } from "./helpers.js";

/** The three policies on a quarter of the batch cell, seeds 1 and 2, `over` replacing fields. */
const quasarExperiment = (over: Record<string, unknown> = {}) => studyExperiment(BATCH_QUARTER, over);

function errorOf(json: Record<string, unknown>): string {
  try {
    planFromJson(json, "q.json");
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("expected an input error");
}

/** A homogeneous cell with the cell model's own workload. */
const HOMOGENEOUS = { cluster: { machines: 10, cpus: 4, memGb: 16 }, workload: { preset: "google-c" } };

describe("Quasar-study experiment files", () => {
  it("plan the swept allocation × placement policies × seeds on the one cluster model", () => {
    const plan = planFromJson(quasarExperiment(), "q.json");
    expect(plan.sweepPaths).toEqual(["allocation,placement"]);
    expect(plan.runs.map((r) => r.runId)).toEqual([
      "000-s1",
      "000-s2",
      "001-s1",
      "001-s2",
      "002-s1",
      "002-s2",
    ]);
    const { cluster, ...rest } = plan.runs[0]!.config;
    expect(cluster).toMatchObject({ preset: "quasar-batch", machines: 12, cpus: 9 });
    expect(cluster.types?.map((t) => [t.type.name, t.count])).toEqual([
      ["m1.xlarge", 3],
      ["c1.xlarge", 3],
      ["m2.4xlarge", 3],
      ["cc2.8xlarge", 3],
    ]);
    expect(rest).toEqual({
      horizonUs: 7 * 86_400e6,
      workload: { type: "source", name: "quasar", fields: { mix: "quasar-batch" }, baseDir: "." },
      prefill: { cpuFraction: 0, kindShares: {} },
      architecture: { type: "monolithic", decisionTime: { perJob: "0s", perTask: "0s" } },
      placement: "least-loaded",
      allocation: { type: "reservation", decisionMs: 10 },
      retry: {
        retryDelayUs: 1_000_000,
        maxAttempts: 1000,
        maxAttemptsWithoutProgress: 100,
        retryWhen: "freed",
        backfillWindow: 64,
      },
      metrics: { samplePeriodUs: (7 * 86_400e6) / 288 },
    });
    expect(plan.runs.map((r) => [r.config.allocation, r.config.placement])).toEqual(
      POLICIES.flatMap(([, allocation, placement]) => [
        [allocation, placement],
        [allocation, placement],
      ]),
    );
    expect(plan.runs[4]?.params).toEqual({ "allocation,placement": [{ type: "quasar" }, "paragon"] });
  });

  it("name the file and field path in every error", () => {
    const bad = (allocation: unknown) => errorOf(quasarExperiment({ sweep: undefined, allocation }));
    expect(bad({ type: "reservation", profiling: "random" })).toMatch(/^q\.json: allocation\.profiling: /);
    expect(bad({ type: "quasar", entriesPerRo: 2 })).toBe("q.json: allocation.entriesPerRo: unknown field");
    expect(bad({ type: "quasar", entriesPerRow: 0 })).toBe(
      "q.json: allocation.entriesPerRow: must be ≥ 1, got number 0",
    );
    expect(errorOf(quasarExperiment({ cluster: { preset: "quasar-large", scale: 2 } }))).toContain(
      "q.json: cluster.scale: must be ≤ 1, got number 2",
    );
    // A misspelt preset is told the valid names, the typed cells' included.
    expect(errorOf(quasarExperiment({ cluster: { preset: "quasar-lage" } }))).toMatch(
      /^q\.json: cluster\.preset: unknown preset "quasar-lage": expected one of .*quasar-large\|quasar-batch/,
    );
  });

  it("reject a performance-model allocation on a homogeneous cell, naming the run in a sweep", () => {
    const one = errorOf(quasarExperiment({ ...HOMOGENEOUS, sweep: undefined, placement: "least-loaded" }));
    expect(one).toMatch(/^q\.json: allocation\.type: "quasar" sizes jobs from their predicted performance/);
    const sweep = { allocation: [{ type: "reservation" }, { type: "quasar" }] };
    const mixed = errorOf(quasarExperiment({ ...HOMOGENEOUS, sweep, placement: "least-loaded" }));
    expect(mixed).toMatch(/^q\.json: allocation\.type: "quasar" .*\(run 001-s1\)$/);
  });

  it("refuse the quasar workload source on a homogeneous cell at plan time, before anything runs", () => {
    const message = errorOf(
      quasarExperiment({
        sweep: undefined,
        seeds: [1],
        cluster: HOMOGENEOUS.cluster,
        allocation: { type: "reservation" },
        placement: "least-loaded",
      }),
    );
    expect(message).toMatch(
      /^q\.json: workload\.source: "quasar" makes jobs with performance models, which need a cell with machine types/,
    );
  });

  it("check figure kinds against the runs' data", () => {
    expect(errorOf({ ...smallExperiment(), figures: ["perf-vs-target-sorted"] })).toBe(
      'q.json: figures[0]: figure perf-vs-target-sorted draws jobs with a performance model only (a cell with machine types and e.g. workload {"source": "quasar"})',
    );
    expect(errorOf(quasarExperiment({ figures: ["pie-chart"] }))).toMatch(
      /^q\.json: figures\[0\]: unknown figure kind "pie-chart": expected one of [a-z-]+\|/,
    );
    // Per-machine series come with the performance model: no metrics.machines needed.
    const ok = planFromJson(quasarExperiment({ figures: ["machine-utilization-heatmap"] }), "q.json");
    expect(ok.figures).toEqual(["machine-utilization-heatmap"]);
    expect(errorOf({ ...smallExperiment(), figures: ["machine-utilization-heatmap"] })).toMatch(
      /figures\[0\]: figure machine-utilization-heatmap needs per-machine samples/,
    );
    // Study runs are cluster-model runs: the cell's own figures draw them too.
    expect(planFromJson(quasarExperiment({ figures: ["utilization-over-time"] }), "q.json").figures).toEqual([
      "utilization-over-time",
    ]);
  });

  it("plan cell and Quasar-study experiments with the one planFromJson", () => {
    const cell = planFromJson(smallExperiment(), "s.json").runs[0]!.config;
    expect(cell.cluster.types).toBeUndefined();
    expect(cell.allocation).toBeUndefined();
    const study = planFromJson(quasarExperiment(), "q.json").runs[0]!.config;
    expect(study.cluster.types).toHaveLength(4);
    expect(Object.keys(study).sort()).toEqual(Object.keys(cell).concat("allocation").sort());
  });

  it("write a performance row and a row per job kind to results.csv", async () => {
    const plan = planFromJson(quasarExperiment({ seeds: [1] }), "q.json");
    const run = plan.runs[2];
    if (!run) throw new Error("no quasar run");
    expect(run.config.allocation).toEqual({ type: "quasar" });
    const record: RunRecord = { ...run, summary: await runOne(run.config, 1) };
    const lines = resultsCsv([record], plan.sweepPaths).trim().split("\n");
    const header = lines[0]?.split(",") ?? [];
    expect(header).toEqual(
      expect.arrayContaining([
        "allocation",
        "perfVsTarget.mean",
        "cpu.meanGapFraction",
        "classification.axes.scaleUp.mean",
        "executionSec.p90",
      ]),
    );
    const rowCol = header.indexOf("row");
    const rows = lines.slice(1).map((l) => l.split(","));
    expect(rows.filter((r) => r[rowCol] === "performance")).toHaveLength(1);
    expect(rows.filter((r) => r[rowCol] === "performance-kind")).toHaveLength(3);
    // The run row names the policy, as the figures label it.
    expect(header).toContain("policy");
    const perfRow = rows.find((r) => r[rowCol] === "performance")!;
    expect(perfRow[header.indexOf("policy")]).toBe("quasar");
  });
});
