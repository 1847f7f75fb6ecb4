import { axisProblem } from "./axes-helpers.js";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/engine/errors.js";
import type { ResultsFile } from "../../src/experiment/results-types.js";
import { findFacet } from "../../src/report/facet.js";
import { buildFigures } from "../../src/report/figures.js";
import { renderSvg } from "../../src/report/render.js";
import type { FigureSpec } from "../../src/report/types.js";
import { makeResults } from "./fixture.js";
import {
  COUNT_PATH,
  JOB_PATH,
  makeCountResults,
  makeGridResults,
  makeRateByCountResults,
  makeRateResults,
  PRESET_PATH,
  RATE_PATH,
  TASK_PATH,
} from "./omega-fixture.js";
import { findAll } from "../helpers/spec-search.js";

const OMEGA_KINDS = [
  "wait-vs-arrival-rate",
  "busyness-vs-arrival-rate",
  "batch-conflict-fraction-vs-arrival-rate",
  "batch-busyness-vs-arrival-rate",
  "conflict-fraction-vs-scheduler-count",
  "busyness-vs-scheduler-count",
  "busyness-grid",
] as const;

function figure(name: string, results: ResultsFile): FigureSpec {
  const [fig] = buildFigures(results, [name]);
  if (!fig) throw new Error(`no figure ${name}`);
  return fig;
}

function dataValues(fig: FigureSpec): Record<string, unknown>[] {
  return (fig.vegaLiteSpec as { data: { values: Record<string, unknown>[] } }).data.values;
}

describe("registry checks of the Omega kinds", () => {
  const needs: Record<(typeof OMEGA_KINDS)[number], string[]> = {
    "wait-vs-arrival-rate": [RATE_PATH],
    "busyness-vs-arrival-rate": ["workload.rateMultiplier"],
    "batch-conflict-fraction-vs-arrival-rate": [RATE_PATH, COUNT_PATH],
    "batch-busyness-vs-arrival-rate": [RATE_PATH, COUNT_PATH],
    "conflict-fraction-vs-scheduler-count": [COUNT_PATH],
    "busyness-vs-scheduler-count": [RATE_PATH, COUNT_PATH],
    "busyness-grid": [JOB_PATH, TASK_PATH],
  };
  for (const name of OMEGA_KINDS) {
    it(`${name} accepts its sweep and explains what it needs otherwise`, () => {
      const check = (keys: string[]) => axisProblem(name, keys);
      expect(check(needs[name])).toBeUndefined();
      expect(check([PRESET_PATH])).toMatch(/^needs .*sweeps cluster.preset/);
    });
  }

  it("the grid needs both t_job and t_task swept", () => {
    expect(axisProblem("busyness-grid", [JOB_PATH])).toMatch(/perTask/);
  });

  it("building without the sweep fails with an InputError naming the figure", () => {
    expect(() => figure("wait-vs-arrival-rate", makeGridResults())).toThrow(InputError);
    expect(() => figure("busyness-grid", makeRateResults())).toThrow(/busyness-grid/);
  });
});

describe("wait-vs-arrival-rate (fig 8)", () => {
  const fig = figure("wait-vs-arrival-rate", makeRateResults());

  it("tables seed means per cluster, workload and multiplier", () => {
    expect(fig.table.columns).toEqual([
      "Relative batch arrival rate (×)",
      "preset",
      "workload",
      "seeds",
      "mean waitFirstSec (s)",
    ]);
    expect(fig.table.rows[0]).toEqual([1, "google-a", "batch", 2, 1.5]);
    expect(fig.table.rows).toHaveLength(2 * 2 * 4);
  });

  it("uses a linear x, the log wait axis with the SLO rule, and one colour per cluster", () => {
    const scales = findAll(fig.vegaLiteSpec, "scale") as {
      type?: string;
      domain?: unknown;
      range?: unknown;
    }[];
    expect(scales.filter((s) => s?.type === "log")).toHaveLength(1);
    expect(scales).toContainEqual(expect.objectContaining({ domain: [0, 4.2], zero: true }));
    expect(findAll(fig.vegaLiteSpec, "y")).toContainEqual({ datum: 30 });
    expect(scales).toContainEqual({ domain: ["google-a", "google-c"], range: ["#1f77b4", "#2ca02c"] });
  });

  it("marks saturation by busyness (A at 3×) and by a growing queue (C at 4×), and says so", () => {
    const rules = dataValues(fig).filter((v) => v.kind === "saturation");
    expect(rules.map((r) => [r.group, r.series, r.x, r.label])).toEqual([
      ["google-a", "batch", 3, "3×"],
      ["google-c", "batch", 4, "4×"],
    ]);
    expect(fig.caption).toContain("google-a: omega-batch-0 at 3×, omega-service-0 not within the sweep");
    expect(fig.caption).toContain("google-c: omega-batch-0 at 4×");
  });
});

describe("busyness-vs-arrival-rate (fig 8)", () => {
  const fig = figure("busyness-vs-arrival-rate", makeRateResults());

  it("tables daily median, MAD and the saturated share of seeds", () => {
    expect(fig.table.columns.slice(-3)).toEqual([
      "busynessDailyMedian",
      "busynessDailyMad",
      "saturated (share of seeds)",
    ]);
    const a3 = fig.table.rows.find((r) => r[0] === 3 && r[1] === "google-a" && r[2] === "omega-batch-0");
    expect(a3?.slice(4)).toEqual([0.96, 0.02, 1]);
  });

  it("draws MAD error bars, the 0.95 reference and one rule per saturated scheduler", () => {
    expect(findAll(fig.vegaLiteSpec, "y2")).toContainEqual({ field: "high" });
    expect(findAll(fig.vegaLiteSpec, "y")).toContainEqual({ datum: 0.95 });
    const rules = dataValues(fig).filter((v) => v.kind === "saturation");
    expect(rules.map((r) => r.series)).toEqual(["omega-batch-0", "omega-batch-0"]);
    // Both rules share the one panel, so their labels stack rather than overprint.
    expect(rules.map((r) => r.labelPx)).toEqual([2, 14]);
  });
});

describe("…-vs-scheduler-count (fig 9)", () => {
  const results = makeCountResults();

  it("plots the per-scheduler mean on a log2 axis, coloured by relative batch rate", () => {
    const fig = figure("busyness-vs-scheduler-count", results);
    const scales = findAll(fig.vegaLiteSpec, "scale") as { type?: string; base?: number }[];
    expect(scales).toContainEqual(expect.objectContaining({ type: "log", base: 2 }));
    expect(fig.table.columns.slice(0, 3)).toEqual(["Batch schedulers", "batch rate (×)", "scheduler role"]);
    const batch = fig.table.rows.filter((r) => r[1] === "2" && r[2] === "batch").map((r) => [r[0], r[4]]);
    expect(batch).toEqual([
      [1, 0.8],
      [2, 0.4],
      [4, 0.2],
    ]);
  });

  it("conflict fraction rises with the count; the pooled whole-run value is in the table", () => {
    const fig = figure("conflict-fraction-vs-scheduler-count", results);
    const batch = fig.table.rows
      .filter((r) => r[1] === "1" && r[2] === "batch")
      .map((r) => [r[0], r[4], r[5]]);
    expect(batch).toEqual([
      [1, 0.1, 0.1],
      [2, 0.2, 0.2],
      [4, 0.4, 0.4],
    ]);
  });
});

describe("batch-…-vs-arrival-rate (fig 9 as the paper draws it)", () => {
  const results = makeRateByCountResults();
  const busy = figure("batch-busyness-vs-arrival-rate", results);
  const conflicts = figure("batch-conflict-fraction-vs-arrival-rate", results);

  it("x is the relative batch rate on a linear axis from 0; one line per batch-scheduler count", () => {
    for (const fig of [busy, conflicts]) {
      expect(fig.table.columns.slice(0, 3)).toEqual([
        "Relative batch arrival rate (×)",
        "batch schedulers",
        "seeds",
      ]);
      const scales = findAll(fig.vegaLiteSpec, "scale") as { type?: string; domain?: unknown }[];
      expect(scales.filter((sc) => sc?.type === "log")).toHaveLength(0);
      expect(scales).toContainEqual(expect.objectContaining({ domain: [0, 4.2], zero: true }));
      const colours = findAll(fig.vegaLiteSpec, "color") as {
        field?: string;
        title?: string;
        scale?: { domain?: unknown };
      }[];
      // Every layer (lines, error bars, saturation rules) colours by the same one legend.
      const legends = new Set(
        colours
          .filter((c) => typeof c === "object")
          .map((c) => JSON.stringify([c.field, c.title, c.scale?.domain])),
      );
      expect([...legends]).toEqual([JSON.stringify(["group", "batch schedulers", ["1", "2"]])]);
      // An ordered palette, so counts are not read as the categorical colours of rates or clusters.
      expect(colours).toContainEqual(expect.objectContaining({ type: "ordinal" }));
      // No dash legend: every line is the batch role.
      expect(findAll(fig.vegaLiteSpec, "strokeDash")).toContainEqual(
        expect.objectContaining({ legend: null }),
      );
    }
  });

  it("busyness is the seed mean of the per-scheduler mean over the batch schedulers", () => {
    const rows = busy.table.rows.map((r) => [r[0], r[1], r[2], r[3]]);
    expect(rows).toEqual([
      [1, "1", 2, 0.25],
      [2, "1", 2, 0.5],
      [4, "1", 2, 0.98],
      [1, "2", 2, 0.125],
      [2, "2", 2, 0.25],
      [4, "2", 2, 0.5],
    ]);
  });

  it("conflict fraction: per-scheduler mean on the chart, the pooled whole-run value in the table", () => {
    const two = conflicts.table.rows.filter((r) => r[1] === "2").map((r) => [r[0], r[3], r[4]]);
    // Pooled: scheduler 0 commits 200, scheduler 1 commits 100 — (4 + 4) / 300 at 1×.
    expect(two).toEqual([
      [1, 0.03, 0.0266667],
      [2, 0.06, 0.0566667],
      [4, 0.12, 0.113333],
    ]);
    expect(conflicts.table.rows.filter((r) => r[1] === "1").map((r) => r[3])).toEqual([0, 0, 0]);
    // A reader looking for the one-scheduler line is told where it is.
    expect(conflicts.caption).toContain("Lines along the x axis");
    expect(conflicts.caption).toMatch(/see the table\): 1 batch scheduler\./);
    expect(busy.caption).not.toContain("Lines along the x axis");
  });

  it("draws the batch role only: the always-busy, always-conflicting service scheduler is absent", () => {
    for (const fig of [busy, conflicts]) {
      const points = dataValues(fig).filter((v) => v.kind === "point");
      expect(new Set(points.map((p) => p.series))).toEqual(new Set(["batch"]));
      expect(points.map((p) => p.value)).not.toContain(0.99);
      expect(points.map((p) => p.value)).not.toContain(0.5 * 2);
      expect(fig.caption).toContain("the service scheduler is not drawn, as in the paper's fig 9");
      expect(fig.caption).toContain("mean over the run's batch schedulers");
    }
  });

  it("marks where each count's batch schedulers saturate (1 at 4×; 2 never), despite the busy service scheduler", () => {
    const rules = dataValues(busy).filter((v) => v.kind === "saturation");
    expect(rules.map((r) => [r.group, r.x, r.label])).toEqual([["1", 4, "4×"]]);
    expect(busy.caption).toContain("1 batch scheduler at 4×; 2 batch schedulers not within the sweep");
    expect(busy.table.rows.map((r) => r[5])).toEqual([0, 0, 1, 0, 0, 0]);
    expect(findAll(busy.vegaLiteSpec, "y")).toContainEqual({ datum: 0.95 });
  });

  it("without a swept count the lines are the other swept values (fig 8's clusters, in their colours)", () => {
    const fig = figure("batch-busyness-vs-arrival-rate", makeRateResults());
    expect(fig.table.columns[1]).toBe("preset");
    expect(findAll(fig.vegaLiteSpec, "scale")).toContainEqual({
      domain: ["google-a", "google-c"],
      range: ["#1f77b4", "#2ca02c"],
    });
  });

  it("refuses results without a scheduler serving only batch jobs", () => {
    const mono = makeRateResults();
    for (const run of mono.runs) {
      run.summary.schedulers = [
        { ...run.summary.schedulers[0]!, name: "mono", workloads: ["batch", "service"] },
      ];
    }
    expect(() => figure("batch-busyness-vs-arrival-rate", mono)).toThrow(/serve only batch jobs/);
  });
});

describe("busyness-grid (fig 10)", () => {
  const fig = figure("busyness-grid", makeGridResults());

  it("tables one cell per architecture × t_job × t_task with the service scheduler's busyness", () => {
    expect(fig.table.rows.map((r) => [r[0], r[1], r[2], r[3], r[5], r[9]])).toEqual([
      ["single-path", 0.1, 0.005, "mono", 0.3, "no"],
      ["single-path", 0.1, 1, "mono", 0.3, "no"],
      ["single-path", 10, 0.005, "mono", 1, "yes"],
      ["single-path", 10, 1, "mono", 1, "yes"],
      ["Omega", 0.1, 0.005, "s", 0.1, "no"],
      ["Omega", 0.1, 1, "s", 0.1, "no"],
      ["Omega", 10, 0.005, "s", 0.6, "no"],
      ["Omega", 10, 1, "s", 0.6, "no"],
    ]);
    expect(fig.caption).toContain("Unscheduled cells per panel: single-path 2, Omega 0 (of 4)");
  });

  it("renders a panel per architecture with red outlines and labels on unscheduled cells", async () => {
    expect((fig.vegaLiteSpec as { facet?: { sort?: unknown } }).facet?.sort).toEqual([
      "single-path",
      "Omega",
    ]);
    const svg = await renderSvg(fig.vegaLiteSpec);
    expect(svg.match(/unsched\./g)).toHaveLength(2);
    expect(svg).toContain("#d62728");
    expect(await renderSvg(fig.vegaLiteSpec)).toBe(svg);
  });
});

describe("paper-style colours and tuple facets", () => {
  it("the wait figure gives each cluster its own fixed colour", () => {
    const fig = figure("wait-vs-decision-time", makeResults());
    expect(findAll(fig.vegaLiteSpec, "scale")).toContainEqual({
      domain: ["google-a", "google-b"],
      range: ["#1f77b4", "#d62728"],
    });
  });

  it("a swept tuple holding an architecture object becomes the panel", () => {
    const results = makeGridResults();
    const key = "architecture,horizon";
    const runs = results.runs.map((r) => ({
      ...r,
      params: { ...r.params, [key]: [r.params.architecture, "1d"] },
    }));
    const facet = findFacet({ ...results, runs, experiment: { ...results.experiment, sweepPaths: [key] } });
    expect(facet?.values).toEqual(["single-path/1d", "Omega/1d"]);
  });
});

describe("every Omega kind renders to a deterministic SVG", () => {
  const cases: [string, ResultsFile][] = [
    ["wait-vs-arrival-rate", makeRateResults()],
    ["busyness-vs-arrival-rate", makeRateResults()],
    ["batch-conflict-fraction-vs-arrival-rate", makeRateByCountResults()],
    ["batch-busyness-vs-arrival-rate", makeRateByCountResults()],
    ["conflict-fraction-vs-scheduler-count", makeCountResults()],
    ["busyness-vs-scheduler-count", makeCountResults()],
    ["busyness-grid", makeGridResults()],
  ];
  for (const [name, results] of cases) {
    it(name, async () => {
      const spec = figure(name, results).vegaLiteSpec;
      const svg = await renderSvg(spec);
      expect(svg.startsWith("<svg")).toBe(true);
      expect(await renderSvg(spec)).toBe(svg);
    });
  }
});
