/**
 * Omega fig 7c style: jobs abandoned (given up after the attempt limit) per workload kind against
 * the swept decision time; solid batch, dashed service.
 */
import type { FigureAxes } from "../../plugins/figure-axes.js";
import type { ResultsFile } from "../../experiment/results-types.js";
import type { FigureSpec } from "../types.js";
import { allZeroSentence } from "./zero-axis.js";
import { decisionTimeAxis } from "./decision-axis.js";
import { linearLinesSpec, quietSentence, rowLookup, splitQuietPanels } from "./linear-lines.js";
import { groupedRows, layoutSentence, leadingColumns, seedsSentence } from "./series.js";

const NAME = "abandoned-vs-decision-time";

/** Builds the abandoned-jobs figure; throws InputError when no decision time is swept. */
export function buildAbandonedVsDecisionTime(results: ResultsFile, axes: FigureAxes): FigureSpec {
  const axis = decisionTimeAxis(results, axes);
  const table = groupedRows(results, axes, axis, {
    per: "workload",
    value: (run, kind) => run.summary.workloads[kind]?.abandoned,
  });
  // Submitted jobs put the counts in proportion without a second axis.
  const submitted = rowLookup(
    groupedRows(results, axes, axis, {
      per: "workload",
      value: (run, kind) => run.summary.workloads[kind]?.submitted,
    }).rows,
  );
  const split = splitQuietPanels(table);
  const lead = leadingColumns(table, axis.title);
  return {
    name: NAME,
    title: `Abandoned jobs vs ${axis.label}`,
    caption: [
      `Jobs abandoned after reaching the scheduling-attempt limit, against ${axis.path} (log x).`,
      seedsSentence(results),
      "Solid lines: batch; dashed: service.",
      layoutSentence(table),
      quietSentence(split, "no jobs abandoned"),
      allZeroSentence(split.drawn.map((r) => r.value)),
    ]
      .filter((s) => s !== "")
      .join(" "),
    vegaLiteSpec: linearLinesSpec(axis, table, split.drawn, {
      title: "Abandoned jobs",
      seriesTitle: "workload",
    }),
    table: {
      columns: [...lead.columns, "workload", "seeds", "abandoned", "submitted"],
      rows: table.rows.map((r) => [...lead.cells(r), r.series, r.seeds, r.value, submitted(r)]),
    },
  };
}
