/**
 * Omega figs 9/14 style: conflict fraction (conflicted per committed transaction, median of daily
 * values) per scheduler against the swept decision time; solid batch / dashed service schedulers.
 */
import type { FigureAxes } from "../../plugins/figure-axes.js";
import type { ResultsFile } from "../../experiment/results-types.js";
import type { FigureSpec } from "../types.js";
import { allZeroSentence } from "./zero-axis.js";
import { decisionTimeAxis } from "./decision-axis.js";
import { linearLinesSpec, quietSentence, rowLookup, splitQuietPanels } from "./linear-lines.js";
import { groupedRows, layoutSentence, leadingColumns, schedulerOf, seedsSentence } from "./series.js";

const NAME = "conflict-fraction-vs-decision-time";

/** Builds the conflict-fraction figure; throws InputError when no decision time is swept. */
export function buildConflictFractionVsDecisionTime(results: ResultsFile, axes: FigureAxes): FigureSpec {
  const axis = decisionTimeAxis(results, axes);
  const table = groupedRows(results, axes, axis, {
    per: "scheduler",
    value: (run, name) => schedulerOf(run, name)?.conflictFractionDailyMedian,
  });
  // The whole-run value weights busy days more; the table gives it next to the daily median.
  const overall = rowLookup(
    groupedRows(results, axes, axis, {
      per: "scheduler",
      value: (run, name) => schedulerOf(run, name)?.conflictFraction,
    }).rows,
  );
  const split = splitQuietPanels(table);
  const lead = leadingColumns(table, axis.title);
  return {
    name: NAME,
    title: `Conflict fraction vs ${axis.label}`,
    caption: [
      "Conflict fraction per scheduler (conflicted ÷ committed transactions; 1 means one conflict per",
      `successful commit): median of daily values, against ${axis.path} (log x). ${seedsSentence(results)}`,
      "One line per scheduler; schedulers serving only service jobs are dashed.",
      layoutSentence(table),
      quietSentence(split, "no conflicts"),
      allZeroSentence(split.drawn.map((r) => r.value)),
    ]
      .filter((s) => s !== "")
      .join(" "),
    vegaLiteSpec: linearLinesSpec(axis, table, split.drawn, {
      title: "Conflict fraction",
      seriesTitle: "scheduler",
    }),
    table: {
      columns: [...lead.columns, "scheduler", "seeds", "conflictFractionDailyMedian", "conflictFraction"],
      rows: table.rows.map((r) => [...lead.cells(r), r.series, r.seeds, r.value, overall(r)]),
    },
  };
}
