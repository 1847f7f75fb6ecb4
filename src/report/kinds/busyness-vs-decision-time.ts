/**
 * Omega fig 6 style: scheduler busyness (median of daily values, error bars ± MAD) against the
 * swept decision time, one line per scheduler, colour per any other swept value.
 */
import type { TopLevelSpec } from "vega-lite";
import type { ResultsFile, RunRecord } from "../../experiment/results-types.js";
import { layeredSpec } from "../chart-style.js";
import type { FigureSpec } from "../types.js";
import { decisionTimeAxis, decisionTimeX, type DecisionAxis } from "./decision-axis.js";
import {
  colourEncoding,
  dashEncoding,
  groupedRows,
  seedsSentence,
  type SeriesRow,
  type SeriesTable,
} from "./series.js";

const NAME = "busyness-vs-decision-time";

function scheduler(run: RunRecord, name: string) {
  return run.summary.schedulers.find((s) => s.name === name);
}

/** Builds the busyness figure; throws InputError when no decision time is swept. */
export function buildBusynessVsDecisionTime(results: ResultsFile): FigureSpec {
  const axis = decisionTimeAxis(results, NAME);
  const table = groupedRows(results, axis, {
    per: "scheduler",
    value: (run, name) => scheduler(run, name)?.busynessDailyMedian,
    spread: (run, name) => scheduler(run, name)?.busynessDailyMad,
  });
  const { groupTitle } = table;
  const group = (r: SeriesRow): string[] => (groupTitle ? [r.group] : []);
  return {
    name: NAME,
    title: `Scheduler busyness vs ${axis.label}`,
    caption: [
      `Scheduler busyness (fraction of time spent deciding): median of daily values, error bars ± median`,
      `absolute deviation, against ${axis.path} (log x). ${seedsSentence(results)}`,
      "One line per scheduler; schedulers serving only service jobs are dashed.",
      groupTitle ? `Colour: ${groupTitle}.` : "",
    ]
      .filter((s) => s !== "")
      .join(" "),
    vegaLiteSpec: busynessSpec(axis, { ...table, rows: table.rows.filter((r) => r.xSec > 0) }),
    table: {
      columns: [axis.title, ...(groupTitle ? [groupTitle] : []), "scheduler", "seeds"].concat(
        "busynessDailyMedian",
        "busynessDailyMad",
      ),
      rows: table.rows.map((r) => [r.xSec, ...group(r), r.series, r.seeds, r.value, r.spread]),
    },
  };
}

/** Lines through the medians plus a vertical rule from median − MAD to median + MAD (within 0–1). */
function busynessSpec(axis: DecisionAxis, table: SeriesTable): TopLevelSpec {
  const values = table.rows.map((r) => ({
    decisionTimeSec: r.xSec,
    group: r.group,
    series: r.series,
    busyness: r.value,
    low: Math.max(0, r.value - r.spread),
    high: Math.min(1, r.value + r.spread),
  }));
  const colour = colourEncoding(table);
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
  return layeredSpec([
    { data: { values }, mark: { type: "line", point: true }, encoding: lines },
    { data: { values }, mark: { type: "rule", strokeWidth: 1.25 }, encoding: bars },
  ]);
}
