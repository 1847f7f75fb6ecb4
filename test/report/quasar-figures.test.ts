import { beforeAll, describe, expect, it } from "vitest";
import { planFromJson } from "../../src/experiment/plan.js";
import type { ResultsFile } from "../../src/experiment/results-types.js";
import { runOne } from "../../src/experiment/run-one.js";
import { buildFigures } from "../../src/report/figures.js";
import { buildReportHtml } from "../../src/report/html.js";
import {
  binsPerColumn,
  MAX_COLUMNS,
  MAX_ROWS,
  quasarHeatCells,
} from "../../src/report/kinds/quasar-heatmap.js";
import { renderSvg } from "../../src/report/render.js";
import { BATCH_QUARTER, studyExperiment } from "../quasar/helpers.js";

const KINDS = [
  "perf-vs-target-sorted",
  "cpu-used-allocated-reserved",
  "machine-utilization-heatmap",
  "classification-error-and-admission",
];
const POLICIES = ["reservation+least-loaded", "reservation+paragon", "quasar"];

/** Results of the three policies (allocation × placement) on a quarter of the batch cell, seed 1. */
async function quasarResults(): Promise<ResultsFile> {
  const plan = planFromJson(studyExperiment(BATCH_QUARTER, { seeds: [1], figures: KINDS }), "q.json");
  return {
    experiment: {
      name: "q",
      description: "",
      figures: KINDS,
      sweepPaths: plan.sweepPaths,
      horizonSec: plan.horizonSec,
    },
    runs: await Promise.all(
      plan.runs.map(async (r) => ({
        runId: r.runId,
        seed: r.seed,
        params: r.params,
        summary: await runOne(r.config, r.seed),
      })),
    ),
  };
}

/** The same results without their performance part (what a cell-model experiment writes). */
function withoutPerformance(results: ResultsFile): ResultsFile {
  return {
    ...results,
    runs: results.runs.map((r) => {
      const { performance: _p, ...summary } = r.summary;
      return { ...r, summary };
    }),
  };
}

describe("Quasar figure kinds", () => {
  let results: ResultsFile;
  beforeAll(async () => {
    results = await quasarResults();
  });

  it("draw one series per policy, labelled by the policy", () => {
    const [perf, cpu, heat, table] = buildFigures(results, KINDS);
    expect([...new Set(perf?.table.rows.map((r) => r[0]))]).toEqual(POLICIES);
    expect(perf?.table.rows.every((r) => (r[2] as number) >= 0 && (r[2] as number) <= 1)).toBe(true);
    expect(cpu?.table.columns).toEqual(["policy", "minute", "used", "allocated", "reserved", "capacity"]);
    expect(cpu?.table.rows.every((r) => (r[2] as number) <= (r[3] as number) + 1e-6)).toBe(true);
    expect([...new Set(heat?.table.rows.map((r) => r[0]))]).toEqual(POLICIES);
    expect(table?.table.rows.map((r) => r[0])).toEqual(POLICIES);
    // Least-loaded classifies nothing; Quasar has all four axes.
    expect(table?.table.rows[0]?.[2]).toBe("–");
    expect(typeof table?.table.rows[2]?.[2]).toBe("number");
  });

  it("label a swept workload object by the run's scenario, which names the mix and its load", () => {
    const swept: ResultsFile = {
      ...results,
      experiment: { ...results.experiment, sweepPaths: ["workload", ...results.experiment.sweepPaths] },
      runs: results.runs.map((r) => ({
        ...r,
        params: { ...r.params, workload: { source: "quasar", mix: "quasar-batch" } },
      })),
    };
    const scenario = results.runs[0]?.summary.performance?.scenario;
    expect(scenario).toMatch(/^quasar-batch/);
    const [perf] = buildFigures(swept, ["perf-vs-target-sorted"]);
    expect([...new Set(perf?.table.rows.map((r) => r[0]))]).toEqual(
      POLICIES.map((p) => `${scenario} · ${p}`),
    );
  });

  it("render non-empty, byte-identical SVGs", async () => {
    for (const figure of buildFigures(results, KINDS)) {
      const svg = await renderSvg(figure.vegaLiteSpec);
      expect(svg.startsWith("<svg")).toBe(true);
      expect(svg.length).toBeGreaterThan(2000);
      expect(await renderSvg(buildFigures(results, [figure.name])[0]!.vegaLiteSpec)).toBe(svg);
    }
  }, 20_000);

  it("heatmap: ≤ MAX_COLUMNS shared-width columns, each cell the exact mean of its machines × bins", () => {
    const runs = results.runs.filter((r) => r.seed === 1);
    const colBins = binsPerColumn(runs);
    const longest = Math.max(...runs.map((r) => r.summary.performance!.heatmap.utilization[0]?.length ?? 0));
    expect(Math.ceil(longest / colBins)).toBeLessThanOrEqual(MAX_COLUMNS);
    // The narrowest width that fits: one bin less per column would need more than MAX_COLUMNS.
    expect(colBins === 1 || Math.ceil(longest / (colBins - 1)) > MAX_COLUMNS).toBe(true);
    const run = runs[2]!;
    const h = run.summary.performance!.heatmap;
    const cells = quasarHeatCells(run, "quasar", 2);
    expect(Math.max(...cells.map((c) => c.row)) + 1).toBeLessThanOrEqual(MAX_ROWS);
    // The run's machines sorted by type, then index; with ≤ MAX_ROWS machines a row is one machine.
    const order = h.machineTypes
      .map((t, i) => ({ t, i }))
      .sort((a, b) => (a.t < b.t ? -1 : a.t > b.t ? 1 : a.i - b.i))
      .map((x) => x.i);
    expect(order.length).toBeLessThanOrEqual(MAX_ROWS);
    const series = h.utilization[order[3]!]!;
    const cell = cells.find((c) => c.row === 3 && c.col === 1)!;
    expect(cell.utilization).toBeCloseTo((series[2]! + series[3]!) / 2, 3);
  });

  it("heatmap caption names the runs shown and why; a figure entry may choose the run", () => {
    const [heat] = buildFigures(results, ["machine-utilization-heatmap"]);
    const firsts = results.runs.filter((r) => r.seed === results.runs[0]!.seed).map((r) => r.runId);
    expect(heat!.caption).toContain(`the first seed's run of each policy`);
    for (const id of firsts) expect(heat!.caption).toContain(id);
    const last = results.runs.at(-1)!.runId;
    const [one] = buildFigures(results, [{ kind: "machine-utilization-heatmap", run: last }]);
    expect(one!.caption).toContain(`${last} (chosen in the experiment's figure entry)`);
    expect((one!.vegaLiteSpec as { facet: { row: { sort: string[] } } }).facet.row.sort).toHaveLength(1);
  });

  it("heatmap SVG: whole-pixel rects without labels, a wide data table", async () => {
    const [heat] = buildFigures(results, ["machine-utilization-heatmap"]);
    const svg = await renderSvg(heat!.vegaLiteSpec);
    const rects = svg.match(/<path d="M[^"]*" fill="rgb\([^"]*\)"\/>/g) ?? [];
    const cells = heat!.table.rows.reduce((n, r) => n + r.slice(2).filter((x) => x !== "").length, 0);
    expect(rects.length).toBe(cells);
    expect(rects.every((p) => /d="M\d+,\d+h\d+v\d+h-\d+Z"/.test(p))).toBe(true);
    expect(svg).not.toContain("CPU utilization: ");
    expect(heat!.table.columns.length - 2).toBeLessThanOrEqual(MAX_COLUMNS);
  });

  it("need performance data (the cell's own figures draw these runs too), and the report shows a per-policy overview", () => {
    for (const kind of [
      "perf-vs-target-sorted",
      "cpu-used-allocated-reserved",
      "classification-error-and-admission",
    ]) {
      expect(() => buildFigures(withoutPerformance(results), [kind])).toThrow(
        new RegExp(`^figure ${kind} draws jobs with a performance model only`),
      );
    }
    // Study runs are cluster-model runs: a cell figure draws them (it used to refuse them).
    expect(buildFigures(results, ["utilization-over-time"]).length).toBeGreaterThan(0);
    const html = buildReportHtml({ results, manifest: {}, figures: [] });
    expect(html).toContain("Overview of the policies (3 sweep points)");
    expect(html).toContain("reservation+paragon");
  });
});
