import { describe, expect, it } from "vitest";
import { InputError } from "../../src/engine/errors.js";
import type { ResultsFile } from "../../src/experiment/results-types.js";
import { buildFigures, figureKind, figureKindNames, FIGURE_KINDS } from "../../src/report/figures.js";
import type { FigureSpec } from "../../src/report/types.js";
import {
  batchWait,
  busyness,
  DECISION_TIMES,
  DT_PATH,
  makeResults,
  PRESETS,
  PRESET_PATH,
  SEEDS,
  serviceWait,
} from "./fixture.js";
import { findAll } from "../helpers/spec-search.js";

function figure(name: string, results: ResultsFile = makeResults()): FigureSpec {
  const [fig] = buildFigures(results, [name]);
  if (!fig) throw new Error(`no figure ${name}`);
  return fig;
}

const meanOverSeeds = (f: (seed: number) => number): number =>
  SEEDS.map(f).reduce((a, b) => a + b) / SEEDS.length;

describe("figure registry", () => {
  it("builds every kind the fixture asks for, in order", () => {
    const figs = buildFigures(makeResults(), makeResults().experiment.figures);
    expect(figs.map((f) => f.name)).toEqual([
      "wait-vs-decision-time",
      "busyness-vs-decision-time",
      "utilization-over-time",
    ]);
    for (const f of figs) {
      expect(f.title).not.toBe("");
      expect(f.caption).not.toBe("");
      expect(f.table.rows.every((r) => r.length === f.table.columns.length)).toBe(true);
    }
  });

  it("rejects an unknown figure name, listing the valid ones", () => {
    expect(() => figureKind("pie-chart")).toThrow(InputError);
    expect(() => buildFigures(makeResults(), ["pie-chart"])).toThrow(
      /unknown figure kind "pie-chart".*wait-vs-decision-time\|busyness-vs-decision-time/,
    );
    expect(figureKindNames()).toEqual(Object.keys(FIGURE_KINDS));
  });
});

describe("wait-vs-decision-time", () => {
  it("table rows are the seed means of each (preset, workload, decision time)", () => {
    const fig = figure("wait-vs-decision-time");
    expect(fig.table.columns).toEqual([
      "Decision time t_job (s)",
      "preset",
      "workload",
      "seeds",
      "mean waitFirstSec (s)",
    ]);
    const expected = PRESETS.flatMap(([preset], p) =>
      (["batch", "service"] as const).flatMap((kind) =>
        DECISION_TIMES.map((dt) => {
          const sec = Number.parseFloat(dt);
          const wait = kind === "batch" ? batchWait : serviceWait;
          return [sec, preset, kind, 2, meanOverSeeds((seed) => wait(sec, p, seed))];
        }),
      ),
    );
    expect(fig.table.rows).toHaveLength(expected.length);
    fig.table.rows.forEach((row, i) => {
      const want = expected[i] as (string | number)[];
      expect(row.slice(0, 4)).toEqual(want.slice(0, 4));
      expect(row[4]).toBeCloseTo(want[4] as number, 6);
    });
  });

  it("uses log x and log y from 10 ms to 1 day, with a 30 s rule", () => {
    const spec = figure("wait-vs-decision-time").vegaLiteSpec;
    const scales = findAll(spec, "scale") as { type?: string; domain?: unknown }[];
    expect(scales.filter((s) => s.type === "log")).toHaveLength(2);
    expect(scales).toContainEqual(expect.objectContaining({ type: "log", domain: [0.01, 86_400] }));
    const marks = findAll(spec, "mark") as { type?: string }[];
    expect(marks.some((m) => m.type === "rule")).toBe(true);
    expect(findAll(spec, "y")).toContainEqual({ datum: 30 });
    expect(findAll(spec, "strokeDash")).toContainEqual(
      expect.objectContaining({
        scale: {
          domain: ["batch", "service"],
          range: [
            [1, 0],
            [6, 4],
          ],
        },
      }),
    );
  });

  it("clamps zero waits to the axis floor and says so", () => {
    const fig = figure("wait-vs-decision-time");
    const values = findAll(fig.vegaLiteSpec, "values").flat() as { waitSec?: number }[];
    const waits = values.flatMap((v) => (v.waitSec === undefined ? [] : [v.waitSec]));
    expect(Math.min(...waits)).toBe(0.01);
    expect(fig.caption).toMatch(/1 point\(s\) below 10 ms .* axis floor/);
    expect(fig.table.rows.some((r) => r[4] === 0)).toBe(true); // the table keeps the exact value
  });

  it("reads perTask sweeps and comma-joined sweep keys", () => {
    const results = makeResults();
    const joined = "architecture.decisionTime.batch.perTask,architecture.decisionTime.service.perTask";
    results.experiment.sweepPaths = [joined, PRESET_PATH];
    for (const run of results.runs) {
      const dt = run.params[DT_PATH];
      run.params = { [joined]: [dt, dt], [PRESET_PATH]: run.params[PRESET_PATH] };
    }
    const fig = figure("wait-vs-decision-time", results);
    expect(fig.table.columns[0]).toBe("Decision time t_task(batch) (s)");
    expect(fig.table.rows.map((r) => r[0])).toContain(100);
  });

  it("fails clearly when no decision time is swept", () => {
    const results = makeResults();
    results.experiment.sweepPaths = [PRESET_PATH];
    expect(() => figure("wait-vs-decision-time", results)).toThrow(InputError);
    expect(() => figure("wait-vs-decision-time", results)).toThrow(
      /needs a swept architecture\.decisionTime/,
    );
  });

  it("omits the colour legend when nothing else is swept", () => {
    const results = makeResults();
    results.experiment.sweepPaths = [DT_PATH];
    results.runs = results.runs.filter((r) => JSON.stringify(r.params[PRESET_PATH]).includes("google-a"));
    const fig = figure("wait-vs-decision-time", results);
    expect(fig.table.columns).toEqual([
      "Decision time t_job (s)",
      "workload",
      "seeds",
      "mean waitFirstSec (s)",
    ]);
    expect(findAll(fig.vegaLiteSpec, "color").filter((c) => typeof c === "object")).toEqual([]);
  });
});

describe("busyness-vs-decision-time", () => {
  it("table rows are seed means of daily median and MAD per scheduler", () => {
    const fig = figure("busyness-vs-decision-time");
    expect(fig.table.columns.slice(2)).toEqual([
      "scheduler",
      "seeds",
      "busynessDailyMedian",
      "busynessDailyMad",
    ]);
    const first = fig.table.rows[0] as (string | number)[];
    expect(first.slice(0, 4)).toEqual([0.01, "google-a", "batch", 2]);
    expect(first[4]).toBeCloseTo(
      meanOverSeeds((s) => busyness(0.01, 0, s)),
      6,
    );
    expect(first[5]).toBe(0.02);
    const marks = findAll(fig.vegaLiteSpec, "mark") as { type?: string }[];
    expect(marks.map((m) => m.type)).toEqual(["line", "rule"]);
    expect(findAll(fig.vegaLiteSpec, "y2")).toContainEqual({ field: "high" });
  });
});

describe("utilization-over-time", () => {
  it("draws first, middle and last decision time of each preset, first seed only, and says so", () => {
    const fig = figure("utilization-over-time");
    expect(fig.caption).toContain("6 of the 6 runs with seed 1");
    expect(fig.caption).toContain("first, middle and last swept value of architecture.decisionTime.*.perJob");
    const panels = (findAll(fig.vegaLiteSpec, "values").flat() as { panel: string }[]).map((v) => v.panel);
    const runs = new Set(panels.map((p) => p.replace(/ · (CPU|Memory)$/, "")));
    const expected = PRESETS.flatMap(([preset]) => DECISION_TIMES.map((dt) => `${preset} · ${dt}`));
    expect(runs.size).toBe(expected.length);
    expect([...runs]).toEqual(expect.arrayContaining(expected));
    expect(fig.table.columns.slice(1).every((c) => String(c).includes("-s1"))).toBe(true);
    expect(fig.table.rows).toHaveLength(24);
    expect(fig.table.columns).not.toContainEqual(expect.stringContaining("locked")); // all zero here
    expect(fig.caption).not.toContain("censored");
  });

  it("says so when a trace replay had censored jobs (the cliff at the window's end)", () => {
    const results = makeResults();
    for (const r of results.runs) r.summary = { ...r.summary, trace: { censoredJobs: 148 } };
    const [fig] = buildFigures(results, ["utilization-over-time"]);
    expect(fig?.caption).toContain(
      "Trace replay with censored jobs: 148 of the trace's jobs were still running at the trace window's end",
    );
    const first = results.runs[0];
    if (first) first.summary = { ...first.summary, trace: { censoredJobs: 2057 } };
    const [mixed] = buildFigures(results, ["utilization-over-time"]);
    expect(mixed?.caption).toContain("censored jobs: 148–2057 of the trace's jobs");
  });
});
