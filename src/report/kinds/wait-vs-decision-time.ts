/**
 * Omega fig 5 style: mean job wait (submission → first scheduling attempt) against the swept
 * decision time, log–log, one line per workload kind (solid batch, dashed service) and colour per
 * any other swept value, with the 30 s SLO as a horizontal rule.
 */
import type { TopLevelSpec } from "vega-lite";
import type { FigureAxes } from "../../plugins/figure-axes.js";
import type { ResultsFile } from "../../experiment/results-types.js";
import { WAIT_AXIS_MAX_SEC, WAIT_AXIS_MIN_SEC, WAIT_SLO_SEC, waitAxisTicks } from "../chart-style.js";
import { panelSpec, withAnchors } from "../facet.js";
import type { FigureSpec } from "../types.js";
import { decisionTimeAxis, decisionTimeX, type DecisionAxis } from "./decision-axis.js";
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

const NAME = "wait-vs-decision-time";

/** Builds the wait-time figure; throws InputError when no decision time is swept. */
export function buildWaitVsDecisionTime(results: ResultsFile, axes: FigureAxes): FigureSpec {
  const axis = decisionTimeAxis(results, axes);
  const table = groupedRows(results, axes, axis, {
    per: "workload",
    value: (run, kind) => run.summary.workloads[kind]?.waitFirstSec.mean,
  });
  const { rows } = table;
  const lead = leadingColumns(table, axis.title);
  const plotted = rows.filter((r) => r.xSec > 0);
  const clampedLow = plotted.filter((r) => r.value < WAIT_AXIS_MIN_SEC).length;
  const clampedHigh = plotted.filter((r) => r.value > WAIT_AXIS_MAX_SEC).length;
  return {
    name: NAME,
    title: `Job wait time vs ${axis.label}`,
    caption: [
      `Mean job wait time (submission → first scheduling attempt) against ${axis.path}, log–log.`,
      seedsSentence(results),
      "Solid lines: batch; dashed: service.",
      layoutSentence(table),
      `The red rule marks the ${WAIT_SLO_SEC} s wait SLO.`,
      clampNote(clampedLow, clampedHigh),
      rows.length > plotted.length ? "Zero decision times cannot sit on a log axis; see the table." : "",
    ]
      .filter((s) => s !== "")
      .join(" "),
    vegaLiteSpec: waitSpec(axis, { ...table, rows: plotted }),
    table: {
      columns: [...lead.columns, "workload", "seeds", "mean waitFirstSec (s)"],
      rows: rows.map((r) => [...lead.cells(r), r.series, r.seeds, r.value]),
    },
  };
}

/** Caption words for points drawn at the axis floor or ceiling ("" when none were clamped). */
export function clampNote(low: number, high: number): string {
  const parts: string[] = [];
  if (low > 0) parts.push(`${low} point(s) below 10 ms (e.g. zero waits) are drawn at the 10 ms axis floor`);
  if (high > 0) parts.push(`${high} point(s) above 1 day are drawn at the 1 day ceiling`);
  return parts.length > 0 ? `${parts.join("; ")}; the table gives exact values.` : "";
}

function waitSpec(axis: DecisionAxis, table: SeriesTable): TopLevelSpec {
  const values = withAnchors(table.rows).map((r) => ({
    decisionTimeSec: r.xSec,
    facet: r.facet,
    anchor: r.anchor,
    group: r.group,
    series: r.series,
    waitSec: clampWait(r.value),
  }));
  const encoding = {
    x: decisionTimeX(
      axis,
      table.rows.map((r) => r.xSec),
    ),
    y: waitY(),
    ...colourEncoding(table, "workload"),
    strokeDash: dashEncoding(table, "workload"),
  };
  const layer = [{ mark: { type: "line", point: true }, encoding }, sloRule()];
  return panelSpec({ values, layer, panels: panelsOf(table) });
}

/** Log wait axis from 10 ms to 1 day (Omega fig 5), labelled in readable units. */
export function waitY(): Record<string, unknown> {
  const ticks = waitAxisTicks();
  return {
    field: "waitSec",
    type: "quantitative",
    title: "Mean job wait time",
    scale: { type: "log", domain: [WAIT_AXIS_MIN_SEC, WAIT_AXIS_MAX_SEC], clamp: true, nice: false },
    axis: { values: ticks.values, labelExpr: ticks.labelExpr },
  };
}

/** Clamps a wait into the drawn 10 ms – 1 day range (the table keeps the exact value). */
export function clampWait(v: number): number {
  return Math.min(WAIT_AXIS_MAX_SEC, Math.max(WAIT_AXIS_MIN_SEC, v));
}

/** The 30 s SLO, drawn from each panel's anchor row so exactly one rule and label appear per panel. */
export function sloRule(): Record<string, unknown> {
  const at = { y: { datum: WAIT_SLO_SEC } };
  return {
    transform: [{ filter: "datum.anchor" }],
    layer: [
      { mark: { type: "rule", color: "#c0392b", strokeDash: [4, 3], strokeWidth: 1.25 }, encoding: at },
      {
        mark: { type: "text", text: `${WAIT_SLO_SEC} s SLO`, color: "#c0392b", align: "left", dy: -6 },
        encoding: { ...at, x: { value: 4 } },
      },
    ],
  };
}
