import { describe, expect, it } from "vitest";
import { planAnyFromJson, planFromJson } from "../../src/experiment/plan.js";
import { resultsCsv } from "../../src/experiment/results-csv.js";
import type { QuasarRunRecord } from "../../src/experiment/results-types.js";
import { runQuasarConfig } from "../../src/experiment/run-quasar.js";
import { quasarExperiment, smallExperiment } from "./helpers.js";

function errorOf(json: Record<string, unknown>): string {
  try {
    planAnyFromJson(json, "q.json");
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("expected an input error");
}

describe("Quasar-study experiment files", () => {
  it("plan the swept policies × seeds, mapping architecture.type onto the core's kind", () => {
    const plan = planAnyFromJson(quasarExperiment(), "q.json");
    expect(plan.model).toBe("quasar");
    if (plan.model !== "quasar") return;
    expect(plan.runs.map((r) => r.runId)).toEqual([
      "000-s1",
      "000-s2",
      "001-s1",
      "001-s2",
      "002-s1",
      "002-s2",
    ]);
    expect(plan.runs[0]?.config).toEqual({
      model: "quasar",
      horizonUs: 7 * 86_400e6,
      cluster: { preset: "quasar-batch", scale: 0.25 },
      policy: {
        kind: "reservation",
        assignment: "least-loaded",
        entriesPerRow: 2,
        profilingRunSec: 5,
        decisionMs: 10,
      },
    });
    expect(plan.runs[4]?.config.policy).toMatchObject({ kind: "quasar", decisionMs: 50, headroom: 1.05 });
  });

  it("name the file and field path in every error", () => {
    const bad = (architecture: unknown) => errorOf(quasarExperiment({ sweep: undefined, architecture }));
    expect(bad({ type: "reservation", assignment: "random" })).toMatch(
      /^q\.json: architecture\.assignment: /,
    );
    expect(bad({ type: "quasar", entriesPerRo: 2 })).toBe("q.json: architecture.entriesPerRo: unknown field");
    expect(bad({ type: "quasar", entriesPerRow: 0 })).toBe(
      "q.json: architecture.entriesPerRow: must be ≥ 1, got number 0",
    );
    expect(errorOf(quasarExperiment({ cluster: { preset: "google-c" } }))).toContain(
      'q.json: cluster.preset: unknown Quasar-study preset "google-c": expected one of quasar-large|quasar-batch',
    );
    expect(errorOf(quasarExperiment({ cluster: { preset: "quasar-large", scale: 2 } }))).toContain(
      "q.json: cluster.scale: must be ≤ 1, got number 2",
    );
  });

  it("reject mixing the Quasar study with cell-model clusters, workloads and architectures", () => {
    expect(errorOf(quasarExperiment({ workload: { preset: "google-c" } }))).toMatch(
      /^q\.json: workload: does not apply to a Quasar-study architecture/,
    );
    expect(errorOf(quasarExperiment({ cluster: { machines: 10, cpus: 4, memGb: 16 } }))).toMatch(
      /^q\.json: cluster: a Quasar-study architecture runs on a preset cell/,
    );
    const cell = { ...smallExperiment(), cluster: { preset: "quasar-large" }, sweep: undefined };
    expect(errorOf(cell)).toBe(
      'q.json: cluster.preset: "quasar-large" is a Quasar-study cluster: it needs architecture type quasar|reservation (got monolithic)',
    );
    const mixed = quasarExperiment({ sweep: { architecture: [{ type: "quasar" }, { type: "monolithic" }] } });
    expect(errorOf(mixed)).toContain("sweep point 1");
  });

  it("check figure kinds against the experiment's model", () => {
    expect(errorOf(quasarExperiment({ figures: ["wait-vs-decision-time"] }))).toBe(
      "q.json: figures[0]: figure wait-vs-decision-time draws cell-model runs only, not Quasar-study ones",
    );
    expect(errorOf({ ...smallExperiment(), figures: ["perf-vs-target-sorted"] })).toMatch(
      /figures\[0\]: figure perf-vs-target-sorted draws Quasar-study runs/,
    );
    expect(errorOf(quasarExperiment({ figures: ["pie-chart"] }))).toMatch(
      /^q\.json: figures\[0\]: unknown figure kind "pie-chart": expected one of [a-z-]+\|/,
    );
    const ok = planAnyFromJson(quasarExperiment({ figures: ["machine-utilization-heatmap"] }), "q.json");
    expect(ok.figures).toEqual(["machine-utilization-heatmap"]);
  });

  it("keep planFromJson (the cell-model API) for cell experiments", () => {
    expect(() => planFromJson(quasarExperiment(), "q.json")).toThrow(/Quasar-study experiment/);
    expect(planFromJson(smallExperiment(), "s.json").model).toBe("cell");
  });

  it("write a run row and a row per job kind to results.csv", () => {
    const plan = planAnyFromJson(quasarExperiment({ seeds: [1] }), "q.json");
    if (plan.model !== "quasar") throw new Error("expected a Quasar plan");
    const run = plan.runs[2];
    if (!run) throw new Error("no quasar run");
    const record: QuasarRunRecord = { ...run, summary: runQuasarConfig(run.config, 1) };
    const lines = resultsCsv([record], plan.sweepPaths).trim().split("\n");
    const header = lines[0]?.split(",") ?? [];
    expect(header).toEqual(
      expect.arrayContaining([
        "policy",
        "perfVsTarget.mean",
        "cpu.meanGapFraction",
        "classification.axes.scaleUp.mean",
        "executionSec.p90",
      ]),
    );
    expect(lines.length).toBe(1 + 1 + 3);
    expect(lines[1]).toContain("quasar");
  });
});
