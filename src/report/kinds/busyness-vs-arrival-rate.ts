/**
 * Omega fig 8 (busyness): scheduler busyness (median of daily values, error bars ± MAD) against
 * the batch arrival-rate multiplier on a linear x axis; one line per scheduler (dashed when it
 * serves only service jobs), one colour per cluster, a dotted reference at the 0.95 saturation
 * threshold and a vertical rule where each scheduler saturates.
 */
import type { TopLevelSpec } from "vega-lite";
import type { FigureAxes } from "../../plugins/figure-axes.js";
import type { ResultsFile } from "../../experiment/results-types.js";
import { panelSpec, withAnchors } from "../facet.js";
import type { FigureSpec, FigureTable } from "../types.js";
import { RATE_X_TITLE, rateAxis, rateValue, rateX } from "./rate-axis.js";
import {
  findSaturation,
  SATURATION_BUSYNESS,
  saturatedShare,
  saturationLayer,
  saturationRows,
  saturationSentence,
  type Saturation,
} from "./saturation.js";
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

const NAME = "busyness-vs-arrival-rate";

/** Builds the fig-8 busyness figure; throws InputError when no rate multiplier is swept. */
export function buildBusynessVsArrivalRate(results: ResultsFile, axes: FigureAxes): FigureSpec {
  const axis = rateAxis(results, axes);
  const table = groupedRows(results, axes, axis, {
    per: "scheduler",
    x: rateValue,
    value: (run, name) => schedulerOf(run, name)?.busynessDailyMedian,
    spread: (run, name) => schedulerOf(run, name)?.busynessDailyMad,
  });
  const sat = findSaturation(results, axes, axis, rateValue);
  const lead = leadingColumns(table, RATE_X_TITLE);
  return {
    name: NAME,
    title: "Scheduler busyness vs relative batch arrival rate",
    caption: [
      "Scheduler busyness (fraction of time spent deciding): median of daily values, error bars ± median",
      `absolute deviation, against ${axis.path} (linear x). ${seedsSentence(results)}`,
      "One line per scheduler; schedulers serving only service jobs are dashed.",
      layoutSentence(table),
      subPixelBarsNote(table.rows, 1, plotHeight(table.facet !== undefined), "± MAD"),
      `The dotted grey line marks busyness ${SATURATION_BUSYNESS}.`,
      saturationSentence(sat, "×"),
    ]
      .filter((s) => s !== "")
      .join(" "),
    vegaLiteSpec: busyRateSpec(table, sat),
    table: busyTable(table, lead, saturatedShare(sat)),
  };
}

const COLUMNS = [
  "scheduler",
  "seeds",
  "busynessDailyMedian",
  "busynessDailyMad",
  "saturated (share of seeds)",
];

function busyTable(
  table: SeriesTable,
  lead: ReturnType<typeof leadingColumns>,
  share: ReturnType<typeof saturatedShare>,
): FigureTable {
  return {
    columns: [...lead.columns, ...COLUMNS],
    rows: table.rows.map((r) => [
      ...lead.cells(r),
      r.series,
      r.seeds,
      r.value,
      r.spread,
      share(r.facet, r.group, r.series, r.xSec),
    ]),
  };
}

/** The dotted 0.95 busyness reference, drawn once per panel. */
const THRESHOLD_RULE = {
  transform: [{ filter: "datum.anchor" }],
  mark: { type: "rule", color: "#888888", strokeDash: [2, 2] },
  encoding: { y: { datum: SATURATION_BUSYNESS } },
};

function busyRateSpec(table: SeriesTable, sat: Saturation): TopLevelSpec {
  const points = withAnchors(table.rows).map((r) => ({
    kind: "point",
    x: r.xSec,
    facet: r.facet,
    anchor: r.anchor,
    group: r.group,
    series: r.series,
    busyness: r.value,
    low: Math.max(0, r.value - r.spread),
    high: Math.min(1, r.value + r.spread),
  }));
  const colour = colourEncoding(table, "scheduler");
  const dash = dashEncoding(table, "scheduler");
  const x = rateX(table.rows.map((r) => r.xSec));
  const y = {
    field: "busyness",
    type: "quantitative",
    title: "Scheduler busyness",
    scale: { domain: [0, 1] },
  };
  const onPoints = { filter: "datum.kind === 'point'" };
  const layer = [
    {
      transform: [onPoints],
      mark: { type: "line", point: true },
      encoding: { ...colour, x, y, strokeDash: dash },
    },
    {
      transform: [onPoints],
      mark: { type: "rule", strokeWidth: 1.25 },
      encoding: { ...colour, x, y: { field: "low", type: "quantitative" }, y2: { field: "high" } },
    },
    THRESHOLD_RULE,
    saturationLayer(colour, dash),
  ];
  return panelSpec({ values: [...points, ...saturationRows(sat, "series")], layer, panels: panelsOf(table) });
}
