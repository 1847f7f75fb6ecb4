/**
 * The shape shared by the figures that draw one value per workload kind or per scheduler against
 * the swept decision time (log x), with a companion value beside it in the data table: abandoned
 * jobs, the unscheduled fraction, the conflict fraction.
 */
import type { FigureAxes } from "../../plugins/figure-axes.js";
import type { ResultsFile } from "../../experiment/results-types.js";
import type { FigureSpec } from "../types.js";
import { allZeroSentence } from "./zero-axis.js";
import { decisionTimeAxis, type DecisionAxis } from "./decision-axis.js";
import { linearLinesSpec, quietSentence, rowLookup, splitQuietPanels } from "./linear-lines.js";
import { groupedRows, layoutSentence, leadingColumns, type RunMetric } from "./series.js";

/** What one such figure draws and says. */
export interface DecisionLinesFigure {
  name: string;
  /** Title before "vs <axis>". */
  title: string;
  per: "workload" | "scheduler";
  /** The value drawn, and its table column. */
  value: RunMetric;
  valueColumn: string;
  /** The value the table adds beside it, and its column. */
  companion: RunMetric;
  companionColumn: string;
  /** The caption's own sentences (the layout, quiet-panel and all-zero sentences follow). */
  caption(axis: DecisionAxis): string[];
  /** What a panel with nothing to draw shows (quietSentence). */
  quiet: string;
  yTitle: string;
}

/** Builds the figure; throws InputError when no decision time is swept. */
export function buildDecisionLines(
  results: ResultsFile,
  axes: FigureAxes,
  f: DecisionLinesFigure,
): FigureSpec {
  const axis = decisionTimeAxis(results, axes);
  const table = groupedRows(results, axes, axis, { per: f.per, value: f.value });
  const companion = rowLookup(groupedRows(results, axes, axis, { per: f.per, value: f.companion }).rows);
  const split = splitQuietPanels(table);
  const lead = leadingColumns(table, axis.title);
  return {
    name: f.name,
    title: `${f.title} vs ${axis.label}`,
    caption: [
      ...f.caption(axis),
      layoutSentence(table),
      quietSentence(split, f.quiet),
      allZeroSentence(split.drawn.map((r) => r.value)),
    ]
      .filter((s) => s !== "")
      .join(" "),
    vegaLiteSpec: linearLinesSpec(axis, table, split.drawn, { title: f.yTitle, seriesTitle: f.per }),
    table: {
      columns: [...lead.columns, f.per, "seeds", f.valueColumn, f.companionColumn],
      rows: table.rows.map((r) => [...lead.cells(r), r.series, r.seeds, r.value, companion(r)]),
    },
  };
}
