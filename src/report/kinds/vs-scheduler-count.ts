/**
 * Omega fig 9: conflict fraction and busyness against the number of batch schedulers (log2 x),
 * one colour per relative batch arrival rate, solid batch / dashed service. Values are means over
 * the schedulers of a role — "per-scheduler busyness" is what must fall as schedulers are added.
 */
import type { TopLevelSpec } from "vega-lite";
import type { FigureAxes } from "../../plugins/figure-axes.js";
import type { ResultsFile } from "../../experiment/results-types.js";
import { panelSpec } from "../facet.js";
import type { FigureSpec } from "../types.js";
import { rowLookup } from "./linear-lines.js";
import {
  COUNT_TITLE,
  countValue,
  countX,
  pooledConflicts,
  roleMean,
  schedulerCountAxis,
  withRateTitle,
} from "./scheduler-count-axis.js";
import { plotHeight, subPixelBarsNote } from "./error-bars.js";
import { allZeroSentence, zeroBasedY } from "./zero-axis.js";
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

const ROLE_SENTENCE =
  "One line per scheduler role, the mean over the schedulers of that role (solid batch, dashed service).";

/** Builds fig 9a; throws InputError when no batch-scheduler count is swept. */
export function buildConflictFractionVsSchedulerCount(results: ResultsFile, axes: FigureAxes): FigureSpec {
  const axis = schedulerCountAxis(results, axes);
  const rows = (pick: "daily" | "pooled") =>
    groupedRows(results, axes, axis, {
      per: "workload",
      x: countValue,
      value: (run, role) =>
        pick === "daily"
          ? roleMean(run, role, (s) => s.conflictFractionDailyMedian)
          : pooledConflicts(run, role),
    });
  const table = withRateTitle(results, rows("daily"), axis);
  const pooled = rowLookup(rows("pooled").rows);
  const lead = leadingColumns(table, COUNT_TITLE);
  return {
    name: "conflict-fraction-vs-scheduler-count",
    title: "Conflict fraction vs number of batch schedulers",
    caption: [
      "Conflict fraction (conflicted ÷ committed transactions; median of daily values) against",
      `${axis.path} (log2 x). ${seedsSentence(results)} ${ROLE_SENTENCE}`,
      layoutSentence(table),
      "The table adds the whole-run value pooled over the role's schedulers.",
      allZeroSentence(table.rows.map((r) => r.value)),
    ]
      .filter((s) => s !== "")
      .join(" "),
    vegaLiteSpec: countSpec(table, { title: "Conflict fraction", errorBars: false }),
    table: {
      columns: [
        ...lead.columns,
        "scheduler role",
        "seeds",
        "conflictFractionDailyMedian (mean per scheduler)",
        "conflictFraction (pooled)",
      ],
      rows: table.rows.map((r) => [...lead.cells(r), r.series, r.seeds, r.value, pooled(r)]),
    },
  };
}

/** Builds fig 9b; throws InputError when no batch-scheduler count is swept. */
export function buildBusynessVsSchedulerCount(results: ResultsFile, axes: FigureAxes): FigureSpec {
  const axis = schedulerCountAxis(results, axes);
  const table = withRateTitle(
    results,
    groupedRows(results, axes, axis, {
      per: "workload",
      x: countValue,
      value: (run, role) => roleMean(run, role, (s) => s.busynessDailyMedian),
      spread: (run, role) => roleMean(run, role, (s) => s.busynessDailyMad),
    }),
    axis,
  );
  const lead = leadingColumns(table, COUNT_TITLE);
  return {
    name: "busyness-vs-scheduler-count",
    title: "Per-scheduler busyness vs number of batch schedulers",
    caption: [
      "Scheduler busyness (median of daily values, error bars ± MAD) per scheduler against",
      `${axis.path} (log2 x). ${seedsSentence(results)} ${ROLE_SENTENCE}`,
      layoutSentence(table),
      subPixelBarsNote(
        table.rows,
        Math.max(0, ...table.rows.map((r) => r.value + r.spread)),
        plotHeight(table.facet !== undefined),
        "± MAD",
      ),
    ]
      .filter((s) => s !== "")
      .join(" "),
    vegaLiteSpec: countSpec(table, { title: "Busyness per scheduler", errorBars: true }),
    table: {
      columns: [
        ...lead.columns,
        "scheduler role",
        "seeds",
        "busynessDailyMedian (mean per scheduler)",
        "busynessDailyMad",
      ],
      rows: table.rows.map((r) => [...lead.cells(r), r.series, r.seeds, r.value, r.spread]),
    },
  };
}

/** Lines per (colour group, role) over log2 x, optionally with ± spread error bars. */
function countSpec(table: SeriesTable, y: { title: string; errorBars: boolean }): TopLevelSpec {
  const values = table.rows.map((r) => ({
    x: r.xSec,
    facet: r.facet,
    group: r.group,
    series: r.series,
    value: r.value,
    low: Math.max(0, r.value - r.spread),
    high: r.value + r.spread,
  }));
  const colour = colourEncoding(table, "scheduler role");
  const x = countX(table.rows.map((r) => r.xSec));
  const yEnc = zeroBasedY(
    "value",
    y.title,
    table.rows.map((r) => r.value),
  );
  const layer: Record<string, unknown>[] = [
    {
      mark: { type: "line", point: true },
      encoding: { ...colour, x, y: yEnc, strokeDash: dashEncoding(table, "scheduler role") },
    },
  ];
  if (y.errorBars) {
    const bars = { ...colour, x, y: { field: "low", type: "quantitative" }, y2: { field: "high" } };
    layer.push({ mark: { type: "rule", strokeWidth: 1.25 }, encoding: bars });
  }
  return panelSpec({ values, layer, panels: panelsOf(table) });
}
