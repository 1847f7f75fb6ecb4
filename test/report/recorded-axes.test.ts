import { describe, expect, it } from "vitest";
import type { FigureAxes } from "../../src/plugins/figure-axes.js";
import { buildFigures } from "../../src/report/figures.js";
import { DT_PATH, makeResults, PRESET_PATH } from "./fixture.js";

/**
 * The report draws each figure on the axes results.json records (resolved once by the plan);
 * results written before the axes were recorded still render, on each kind's default axes.
 */

const KIND = "wait-vs-decision-time";
const axes = (over: Partial<FigureAxes> = {}): FigureAxes => ({
  kind: KIND,
  x: DT_PATH,
  y: null,
  series: [PRESET_PATH],
  facet: null,
  run: null,
  ...over,
});

describe("recorded figure axes", () => {
  it("old results without figureAxes render exactly as with their default axes recorded", () => {
    const old = makeResults();
    const recorded = { ...old, experiment: { ...old.experiment, figures: [KIND], figureAxes: [axes()] } };
    const legacy = { ...old, experiment: { ...old.experiment, figures: [KIND] } };
    expect(buildFigures(legacy)).toEqual(buildFigures(recorded));
  });

  it("draws the recorded facet: one panel per preset instead of a colour per preset", () => {
    const r = makeResults();
    const faceted = axes({ series: [], facet: PRESET_PATH });
    const [fig] = buildFigures({
      ...r,
      experiment: { ...r.experiment, figures: [KIND], figureAxes: [faceted] },
    });
    const spec = fig!.vegaLiteSpec as { facet?: { field: string }; columns?: number };
    expect(spec.facet?.field).toBe("facet");
    expect(fig!.table.columns[0]).toBe("cluster.preset,workload.preset".split(".").at(-1));
    expect(fig!.caption).toMatch(/One panel per/);
  });

  it("a kind drawn twice gets distinct figure names", () => {
    const r = makeResults();
    const figs = buildFigures({
      ...r,
      experiment: {
        ...r.experiment,
        figures: [KIND, KIND],
        figureAxes: [axes(), axes({ facet: PRESET_PATH, series: [] })],
      },
    });
    expect(figs.map((f) => f.name)).toEqual([KIND, `${KIND}-2`]);
  });
});
