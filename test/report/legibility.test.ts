import { describe, expect, it } from "vitest";
import type { ResultsFile } from "../../src/experiment/results-types.js";
import { buildFigures } from "../../src/report/figures.js";
import { REPORT_CSS } from "../../src/report/html-style.js";
import { buildReportHtml } from "../../src/report/html.js";
import { renderSvg } from "../../src/report/render.js";
import { renderFigures } from "../../src/report/index.js";
import type { FigureSpec } from "../../src/report/types.js";
import { makeArchResults, VARIANT_LABELS } from "./arch-fixture.js";
import { makeManifest, makeResults } from "./fixture.js";
import { makeRateByCountResults } from "./omega-fixture.js";
import { findAll } from "../helpers/spec-search.js";

/**
 * What a newcomer tripped over in real reports, each pinned by a test: invisible error bars,
 * overplotted utilization lines, identical panels, a one-tick all-zero axis, heatmaps showing
 * unnamed runs, cramped panels and wide tables.
 */

function figure(name: string, results: ResultsFile = makeArchResults()): FigureSpec {
  const [fig] = buildFigures(results, [name]);
  if (!fig) throw new Error(`no figure ${name}`);
  return fig;
}

/** Tick-label counts of every axis in a rendered SVG. */
function axisLabelCounts(svg: string): number[] {
  const groups = svg.split('class="mark-text role-axis-label"').slice(1);
  return groups.map((g) => (g.slice(0, g.indexOf("</g>")).match(/<text/g) ?? []).length);
}

function withSchedulers(results: ResultsFile, edit: (s: Record<string, number>) => void): ResultsFile {
  const copy = structuredClone(results);
  for (const run of copy.runs)
    for (const s of run.summary.schedulers) edit(s as unknown as Record<string, number>);
  return copy;
}

describe("report legibility", () => {
  it("says when every error bar is narrower than a pixel, and not otherwise", () => {
    expect(figure("busyness-vs-decision-time").caption).not.toContain("narrower than a pixel");
    const thin = withSchedulers(makeArchResults(), (s) => (s.busynessDailyMad = 0.0004));
    expect(figure("busyness-vs-decision-time", thin).caption).toContain(
      "The ± MAD intervals are all narrower than a pixel at this scale (the largest is ± 0.0004)",
    );
  });

  it("utilization over time: a row of CPU and memory panels per run (shared axes), no overplotting", () => {
    const fig = figure("utilization-over-time");
    const spec = fig.vegaLiteSpec as { facet?: { field: string; sort: string[] }; columns?: number };
    expect(spec.facet?.field).toBe("panel");
    expect(spec.facet?.sort).toHaveLength(18);
    expect(spec.columns).toBe(2);
    expect(findAll(spec, "color").map((c) => (c as { field: string }).field)).toEqual(["resource"]);
    const rows = findAll(spec, "values").flat() as {
      panel: string;
      resource: string;
      measure: string;
      hours: number;
    }[];
    // Within a panel, one resource and one line per measure: nothing is drawn twice.
    const keys = rows.map((r) => JSON.stringify([r.panel, r.measure, r.hours]));
    expect(new Set(keys).size).toBe(keys.length);
    expect(rows.every((r) => r.panel.endsWith(r.resource))).toBe(true);
  });

  it("draws identical panels once and says so; different panels stay small multiples", () => {
    const results = makeArchResults();
    const first = results.runs.filter((r) => r.runId.startsWith("00"));
    const same = structuredClone(results);
    for (const run of same.runs) {
      const twin = first.find(
        (f) =>
          f.params["architecture.decisionTime.service.perJob"] ===
            run.params["architecture.decisionTime.service.perJob"] && f.seed === run.seed,
      );
      run.summary = structuredClone(twin!.summary);
    }
    const fig = figure("wait-vs-decision-time", same);
    expect((fig.vegaLiteSpec as { facet?: unknown }).facet).toBeUndefined();
    expect(fig.caption).toContain(`All ${VARIANT_LABELS.length} architecture panels`);
    expect(fig.caption).toContain("show the same values, so one chart is drawn");
    const differing = figure("wait-vs-decision-time");
    expect((differing.vegaLiteSpec as { facet?: { sort: string[] } }).facet?.sort).toEqual(VARIANT_LABELS);
  });

  it("an all-zero chart keeps a 0–1 axis with several ticks and says the values are 0", async () => {
    const quiet = structuredClone(makeArchResults());
    for (const run of quiet.runs) for (const w of Object.values(run.summary.workloads)) w.abandoned = 0;
    const fig = figure("abandoned-vs-decision-time", quiet);
    expect(fig.caption).toContain("All values are 0");
    const y = findAll(fig.vegaLiteSpec, "y")[0] as {
      scale: { domain: number[] };
      axis: { values: number[] };
    };
    expect(y.scale.domain).toEqual([0, 1]);
    const counts = axisLabelCounts(await renderSvg(fig.vegaLiteSpec));
    expect(counts.length).toBeGreaterThan(0);
    expect(Math.min(...counts)).toBeGreaterThan(1);
  });

  it("no axis of any figure of the fixtures ends up with a single tick", async () => {
    const names = [
      "wait-vs-decision-time",
      "busyness-vs-decision-time",
      "conflict-fraction-vs-decision-time",
      "abandoned-vs-decision-time",
      "utilization-over-time",
    ];
    for (const fig of buildFigures(makeArchResults(), names)) {
      const counts = axisLabelCounts(await renderSvg(fig.vegaLiteSpec));
      expect(Math.min(...counts), fig.name).toBeGreaterThan(1);
    }
  });

  it("fig 9 by rate: no single-tick axis, one chart, and an all-zero conflict chart says so", async () => {
    const results = makeRateByCountResults();
    const names = ["batch-conflict-fraction-vs-arrival-rate", "batch-busyness-vs-arrival-rate"];
    for (const fig of buildFigures(results, names)) {
      expect((fig.vegaLiteSpec as { facet?: unknown }).facet, fig.name).toBeUndefined();
      const counts = axisLabelCounts(await renderSvg(fig.vegaLiteSpec));
      expect(Math.min(...counts), fig.name).toBeGreaterThan(1);
    }
    // One batch scheduler alone never conflicts with another batch scheduler.
    const single = {
      ...results,
      runs: results.runs.filter((r) => r.params["architecture.schedulers.batch"] === 1),
    };
    const [quiet] = buildFigures(single, ["batch-conflict-fraction-vs-arrival-rate"]);
    expect(quiet!.caption).toContain("All values are 0");
    const counts = axisLabelCounts(await renderSvg(quiet!.vegaLiteSpec));
    expect(Math.min(...counts)).toBeGreaterThan(1);
  });

  it("panels are at least 260 px wide and wrap at most three to a row", () => {
    const names = [
      "wait-vs-decision-time",
      "busyness-vs-decision-time",
      "conflict-fraction-vs-decision-time",
      "abandoned-vs-decision-time",
      "utilization-over-time",
    ];
    for (const fig of buildFigures(makeArchResults(), names)) {
      const spec = fig.vegaLiteSpec as { facet?: unknown; columns?: number; spec?: { width: number } };
      expect(spec.facet, fig.name).toBeDefined();
      expect(spec.spec?.width, fig.name).toBeGreaterThanOrEqual(260);
      expect(spec.columns, fig.name).toBeLessThanOrEqual(3);
    }
  });

  it("the machine heatmap names the runs it shows and why, or the run the entry chose", () => {
    const results = makeResults();
    for (const run of results.runs) {
      run.summary.cell.machineSeries = {
        periodSec: 3600,
        machines: [0, 1],
        cpuUtilization: [
          [0.5, 0.6],
          [0.1, 0.2],
        ],
      };
    }
    const [chosen] = buildFigures(results, ["machine-utilization-heatmap"]);
    expect(chosen!.caption).toMatch(
      /Runs shown: 000-s1, .* of the 12 sampled runs, first seed, spread across the sweep/,
    );
    const [one] = buildFigures(results, [{ kind: "machine-utilization-heatmap", run: "003-s2" }]);
    expect(one!.caption).toContain("Run shown: 003-s2 (chosen in the experiment's figure entry).");
  });

  it("wide tables scroll inside their own container instead of running off the page", async () => {
    const results = makeResults();
    const html = buildReportHtml({
      results,
      manifest: makeManifest(),
      figures: await renderFigures(results),
      interactive: false,
    });
    const tables = html.split("<table").length - 1;
    expect(tables).toBeGreaterThan(1);
    expect(html.split('<div class="table-wrap"><table').length - 1).toBe(tables);
    expect(REPORT_CSS).toMatch(/\.table-wrap \{ overflow-x: auto;/);
  });
});
