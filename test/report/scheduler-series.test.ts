import { describe, expect, it } from "vitest";
import { planFromJson } from "../../src/experiment/plan.js";
import type { ResultsFile } from "../../src/experiment/results-types.js";
import { runOne } from "../../src/experiment/run-one.js";
import { buildFigures } from "../../src/report/figures.js";
import { renderSvg } from "../../src/report/render.js";

/** The scheduler-series figure and the opt-in per-scheduler series behind it. */

function experiment(metrics: Record<string, unknown>): Record<string, unknown> {
  return {
    name: "series",
    horizon: "20m",
    seeds: [1],
    cluster: { machines: 20, cpus: 4, memGb: 16 },
    workload: { preset: "google-c" },
    architecture: {
      type: "shared-state",
      schedulers: { batch: 2, service: 1 },
      decisionTime: { perJob: "0.1s", perTask: "5ms" },
    },
    metrics,
    figures: ["scheduler-series"],
  };
}

async function resultsOf(json: Record<string, unknown>): Promise<ResultsFile> {
  const plan = planFromJson(json, "series.json");
  const runs = await Promise.all(
    plan.runs.map(async (r) => ({ ...r, summary: await runOne(r.config, r.seed) })),
  );
  return {
    experiment: {
      name: plan.name,
      description: plan.description,
      figures: plan.figures,
      sweepPaths: plan.sweepPaths,
      horizonSec: plan.horizonSec,
    },
    runs: runs.map(({ runId, seed, params, summary }) => ({ runId, seed, params, summary })),
  };
}

describe("scheduler-series figure", () => {
  it("draws a row per scheduler from the run's windows, and renders", async () => {
    const results = await resultsOf(experiment({ schedulerSeries: "2m" }));
    const series = results.runs[0]!.summary.schedulerSeries!;
    expect(series.schedulers.map((s) => s.name)).toHaveLength(3);
    const [figure] = buildFigures(results, ["scheduler-series"]);
    expect(figure!.name).toBe("scheduler-series");
    expect(figure!.caption).toContain("run 000-s1");
    expect(figure!.caption).toContain("windows of 120 s");
    // 10 windows of 2 min per scheduler, unmerged: the table holds the run's numbers.
    expect(figure!.table.rows).toHaveLength(3 * 10);
    const first = series.schedulers[0]!;
    expect(figure!.table.rows.slice(0, 10).map((r) => r[4])).toEqual(first.queueLengthMax);
    const svg = await renderSvg(figure!.vegaLiteSpec);
    expect(svg).toContain("<svg");
    for (const s of series.schedulers) expect(svg).toContain(s.name);
  });

  it("merges many windows into at most 240 steps: exact means, the largest maximum", async () => {
    const results = await resultsOf(experiment({ schedulerSeries: "1s" }));
    const s = results.runs[0]!.summary.schedulerSeries!.schedulers[0]!;
    expect(s.queueLengthMean).toHaveLength(1200);
    const [figure] = buildFigures(results, ["scheduler-series"]);
    const rows = figure!.table.rows.filter((r) => r[0] === s.name);
    // 1,200 windows of 1 s, 5 at a time.
    expect(rows).toHaveLength(240);
    expect(rows[1]!.slice(1, 3)).toEqual([5, 10]);
    expect(rows[1]![4]).toBe(Math.max(...s.queueLengthMax.slice(5, 10)));
    const mean = s.busynessUseful.slice(5, 10).reduce((a, b) => a + b, 0) / 5;
    expect(rows[1]![5]).toBeCloseTo(mean, 5);
  });

  it("says in its caption when no run recorded series, and still renders", async () => {
    const results = await resultsOf(experiment({}));
    expect(results.runs[0]!.summary.schedulerSeries).toBeUndefined();
    const [figure] = buildFigures(results, ["scheduler-series"]);
    expect(figure!.caption).toMatch(/^Not recorded: .*metrics.*schedulerSeries/);
    expect(figure!.table.rows).toEqual([]);
    expect(await renderSvg(figure!.vegaLiteSpec)).toContain("<svg");
  });
});
