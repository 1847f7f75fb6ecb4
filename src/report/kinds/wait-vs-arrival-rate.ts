/**
 * Omega fig 8 (wait): mean job wait against the batch arrival-rate multiplier, linear x, log y from
 * 10 ms to 1 day with the 30 s SLO rule; solid batch, dashed service, one colour per cluster; a
 * vertical rule where each scheduler saturates, its value printed beside it and in the caption.
 */
import type { TopLevelSpec } from "vega-lite";
import type { FigureAxes } from "../../plugins/figure-axes.js";
import type { ResultsFile } from "../../experiment/results-types.js";
import { WAIT_AXIS_MAX_SEC, WAIT_AXIS_MIN_SEC } from "../chart-style.js";
import { panelSpec, withAnchors } from "../facet.js";
import type { FigureSpec } from "../types.js";
import { RATE_X_TITLE, rateAxis, rateValue, rateX } from "./rate-axis.js";
import {
  findSaturation,
  saturationLayer,
  saturationRows,
  saturationSentence,
  type Saturation,
} from "./saturation.js";
import {
  colourEncoding,
  dashEncoding,
  groupedRows,
  layoutSentence,
  leadingColumns,
  panelsOf,
  seedsSentence,
  type SeriesTable,
} from "./series.js";
import { clampNote, clampWait, sloRule, waitY } from "./wait-vs-decision-time.js";

const NAME = "wait-vs-arrival-rate";

/** Builds the fig-8 wait figure; throws InputError when no rate multiplier is swept. */
export function buildWaitVsArrivalRate(results: ResultsFile, axes: FigureAxes): FigureSpec {
  const axis = rateAxis(results, axes);
  const table = groupedRows(results, axes, axis, {
    per: "workload",
    x: rateValue,
    value: (run, kind) => run.summary.workloads[kind]?.waitFirstSec.mean,
  });
  const sat = findSaturation(results, axes, axis, rateValue);
  const lead = leadingColumns(table, RATE_X_TITLE);
  const low = table.rows.filter((r) => r.value < WAIT_AXIS_MIN_SEC).length;
  const high = table.rows.filter((r) => r.value > WAIT_AXIS_MAX_SEC).length;
  return {
    name: NAME,
    title: "Job wait time vs relative batch arrival rate",
    caption: [
      `Mean job wait time (submission → first scheduling attempt) against ${axis.path} (linear x, log y).`,
      seedsSentence(results),
      "Solid lines: batch; dashed: service.",
      layoutSentence(table),
      "The red rule marks the 30 s wait SLO.",
      saturationSentence(sat, "×"),
      clampNote(low, high),
    ]
      .filter((s) => s !== "")
      .join(" "),
    vegaLiteSpec: waitRateSpec(table, sat),
    table: {
      columns: [...lead.columns, "workload", "seeds", "mean waitFirstSec (s)"],
      rows: table.rows.map((r) => [...lead.cells(r), r.series, r.seeds, r.value]),
    },
  };
}

function waitRateSpec(table: SeriesTable, sat: Saturation): TopLevelSpec {
  const lines = withAnchors(table.rows).map((r) => ({
    kind: "point",
    x: r.xSec,
    facet: r.facet,
    anchor: r.anchor,
    group: r.group,
    series: r.series,
    waitSec: clampWait(r.value),
  }));
  // The wait lines are per workload kind, so each scheduler's rule takes the dash of its kind.
  const rules = saturationRows(sat, "role");
  const colour = colourEncoding(table, "workload");
  const dash = dashEncoding(table, "workload");
  const x = rateX(table.rows.map((r) => r.xSec));
  const encoding = { x, y: waitY(), ...colour, strokeDash: dash };
  const layer = [
    { transform: [{ filter: "datum.kind === 'point'" }], mark: { type: "line", point: true }, encoding },
    sloRule(),
    saturationLayer(colour, dash),
  ];
  return panelSpec({ values: [...lines, ...rules], layer, panels: panelsOf(table) });
}
