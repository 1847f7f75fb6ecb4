/**
 * Omega fig 6 style: scheduler busyness (median of daily values, error bars ± MAD) against the
 * swept decision time, one line per scheduler (dashed when it serves only service jobs), colour
 * per any other swept value, one panel per swept architecture variant.
 */
import type { TopLevelSpec } from "vega-lite";
import type { FigureAxes } from "../../plugins/figure-axes.js";
import type { ResultsFile } from "../../experiment/results-types.js";
import { panelSpec } from "../facet.js";
import type { FigureSpec } from "../types.js";
import { decisionTimeAxis, decisionTimeX, type DecisionAxis } from "./decision-axis.js";
import { plotHeight, subPixelBarsNote } from "./error-bars.js";
import {
  colourEncoding,
  dashEncoding,
  groupedRows,
  layoutSentence,
  leadingColumns,
  panelsOf,
  schedulerOf,
  seedsSentence,
  type SeriesTable,
} from "./series.js";

const NAME = "busyness-vs-decision-time";

/** Builds the busyness figure; throws InputError when no decision time is swept. */
export function buildBusynessVsDecisionTime(results: ResultsFile, axes: FigureAxes): FigureSpec {
  const axis = decisionTimeAxis(results, axes);
  const table = groupedRows(results, axes, axis, {
    per: "scheduler",
    value: (run, name) => schedulerOf(run, name)?.busynessDailyMedian,
    spread: (run, name) => schedulerOf(run, name)?.busynessDailyMad,
  });
  const lead = leadingColumns(table, axis.title);
  return {
    name: NAME,
    title: `Scheduler busyness vs ${axis.label}`,
    caption: [
      `Scheduler busyness (fraction of time spent deciding): median of daily values, error bars ± median`,
      `absolute deviation, against ${axis.path} (log x). ${seedsSentence(results)}`,
      "One line per scheduler; schedulers serving only service jobs are dashed.",
      layoutSentence(table),
      subPixelBarsNote(table.rows, 1, plotHeight(table.facet !== undefined), "± MAD"),
    ]
      .filter((s) => s !== "")
      .join(" "),
    vegaLiteSpec: busynessSpec(axis, { ...table, rows: table.rows.filter((r) => r.xSec > 0) }),
    table: {
      columns: [...lead.columns, "scheduler", "seeds", "busynessDailyMedian", "busynessDailyMad"],
      rows: table.rows.map((r) => [...lead.cells(r), r.series, r.seeds, r.value, r.spread]),
    },
  };
}

/** Lines through the medians plus a vertical rule from median − MAD to median + MAD (within 0–1). */
function busynessSpec(axis: DecisionAxis, table: SeriesTable): TopLevelSpec {
  const values = table.rows.map((r) => ({
    decisionTimeSec: r.xSec,
    facet: r.facet,
    group: r.group,
    series: r.series,
    busyness: r.value,
    low: Math.max(0, r.value - r.spread),
    high: Math.min(1, r.value + r.spread),
  }));
  const colour = colourEncoding(table, "scheduler");
  const x = decisionTimeX(
    axis,
    table.rows.map((r) => r.xSec),
  );
  const y = {
    field: "busyness",
    type: "quantitative",
    title: "Scheduler busyness",
    scale: { domain: [0, 1] },
  };
  const lines = { ...colour, x, y, strokeDash: dashEncoding(table, "scheduler") };
  const bars = { ...colour, x, y: { field: "low", type: "quantitative" }, y2: { field: "high" } };
  return panelSpec({
    values,
    layer: [
      { mark: { type: "line", point: true }, encoding: lines },
      { mark: { type: "rule", strokeWidth: 1.25 }, encoding: bars },
    ],
    panels: panelsOf(table),
  });
}
