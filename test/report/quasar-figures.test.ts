import { beforeAll, describe, expect, it } from "vitest";
import { planAnyFromJson } from "../../src/experiment/plan.js";
import type { QuasarResultsFile } from "../../src/experiment/results-types.js";
import { runQuasarConfig } from "../../src/experiment/run-quasar.js";
import { buildFigures } from "../../src/report/figures.js";
import { buildReportHtml } from "../../src/report/html.js";
import { renderSvg } from "../../src/report/render.js";

const KINDS = [
  "perf-vs-target-sorted",
  "cpu-used-allocated-reserved",
  "machine-utilization-heatmap",
  "classification-error-and-admission",
];
const POLICIES = ["reservation+least-loaded", "reservation+paragon", "quasar"];

/** Results of the three policies on a quarter of the batch scenario, seed 1. */
function quasarResults(): QuasarResultsFile {
  const json = {
    name: "q",
    cluster: { preset: "quasar-batch", scale: 0.25 },
    sweep: {
      architecture: [
        { type: "reservation", assignment: "least-loaded" },
        { type: "reservation", assignment: "paragon" },
        { type: "quasar" },
      ],
    },
    figures: KINDS,
  };
  const plan = planAnyFromJson(json, "q.json");
  if (plan.model !== "quasar") throw new Error("expected a Quasar plan");
  return {
    experiment: {
      name: "q",
      description: "",
      figures: KINDS,
      sweepPaths: plan.sweepPaths,
      horizonSec: plan.horizonSec,
    },
    runs: plan.runs.map((r) => ({
      runId: r.runId,
      seed: r.seed,
      params: r.params,
      summary: runQuasarConfig(r.config, r.seed),
    })),
  };
}

describe("Quasar figure kinds", () => {
  let results: QuasarResultsFile;
  beforeAll(() => {
    results = quasarResults();
  });

  it("draw one series per policy, labelled by the policy", () => {
    const [perf, cpu, heat, table] = buildFigures(results, KINDS);
    expect([...new Set(perf?.table.rows.map((r) => r[0]))]).toEqual(POLICIES);
    expect(perf?.table.rows.every((r) => (r[2] as number) >= 0 && (r[2] as number) <= 1)).toBe(true);
    expect(new Set(cpu?.table.rows.map((r) => r[2]))).toEqual(
      new Set(["used", "allocated", "reserved", "capacity"]),
    );
    expect([...new Set(heat?.table.rows.map((r) => r[0]))]).toEqual(POLICIES);
    expect(table?.table.rows.map((r) => r[0])).toEqual(POLICIES);
    // Least-loaded classifies nothing; Quasar has all four axes.
    expect(table?.table.rows[0]?.[2]).toBe("–");
    expect(typeof table?.table.rows[2]?.[2]).toBe("number");
  });

  it("render non-empty, byte-identical SVGs", async () => {
    for (const figure of buildFigures(results, KINDS)) {
      const svg = await renderSvg(figure.vegaLiteSpec);
      expect(svg.startsWith("<svg")).toBe(true);
      expect(svg.length).toBeGreaterThan(2000);
      expect(await renderSvg(buildFigures(results, [figure.name])[0]!.vegaLiteSpec)).toBe(svg);
    }
  }, 20_000);

  it("refuse cell-model figures, and the report shows a per-policy overview", () => {
    expect(() => buildFigures(results, ["utilization-over-time"])).toThrow(/cell-model runs only/);
    const html = buildReportHtml({ results, manifest: {}, figures: [] });
    expect(html).toContain("Overview of the policies (3 sweep points)");
    expect(html).toContain("reservation+paragon");
  });
});
