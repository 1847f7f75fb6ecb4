/**
 * Omega fig 7c as the paper scales it: the fraction of each workload kind's submitted jobs not
 * fully scheduled by the horizon (abandoned at the attempt limit, or still waiting), against the
 * swept decision time; solid batch, dashed service. The count of abandoned jobs alone
 * (`abandoned-vs-decision-time`) hides starvation: a framework that never gets an offer abandons
 * nothing, because its jobs are never attempted.
 */
import type { FigureAxes } from "../../plugins/figure-axes.js";
import type { ResultsFile } from "../../experiment/results-types.js";
import type { FigureSpec } from "../types.js";
import { allZeroSentence } from "./zero-axis.js";
import { decisionTimeAxis } from "./decision-axis.js";
import { linearLinesSpec, quietSentence, rowLookup, splitQuietPanels } from "./linear-lines.js";
import { groupedRows, layoutSentence, leadingColumns, seedsSentence } from "./series.js";

const NAME = "unscheduled-fraction-vs-decision-time";

/** Builds the unscheduled-fraction figure; throws InputError when no decision time is swept. */
export function buildUnscheduledFractionVsDecisionTime(results: ResultsFile, axes: FigureAxes): FigureSpec {
  const axis = decisionTimeAxis(results, axes);
  const table = groupedRows(results, axes, axis, {
    per: "workload",
    value: (run, kind) => {
      const w = run.summary.workloads[kind];
      return w && w.submitted > 0 ? (w.submitted - w.fullyScheduled) / w.submitted : undefined;
    },
  });
  const abandoned = rowLookup(
    groupedRows(results, axes, axis, {
      per: "workload",
      value: (run, kind) => run.summary.workloads[kind]?.abandoned,
    }).rows,
  );
  const split = splitQuietPanels(table);
  const lead = leadingColumns(table, axis.title);
  return {
    name: NAME,
    title: `Unscheduled jobs vs ${axis.label}`,
    caption: [
      `Fraction of submitted jobs not fully scheduled by the horizon (abandoned at the attempt limit, or still waiting), against ${axis.path} (log x).`,
      seedsSentence(results),
      "Solid lines: batch; dashed: service. The table adds the abandoned jobs.",
      layoutSentence(table),
      quietSentence(split, "every job fully scheduled"),
      allZeroSentence(split.drawn.map((r) => r.value)),
    ]
      .filter((s) => s !== "")
      .join(" "),
    vegaLiteSpec: linearLinesSpec(axis, table, split.drawn, {
      title: "Fraction of jobs unscheduled",
      seriesTitle: "workload",
    }),
    table: {
      columns: [...lead.columns, "workload", "seeds", "unscheduled fraction", "abandoned"],
      rows: table.rows.map((r) => [...lead.cells(r), r.series, r.seeds, r.value, abandoned(r)]),
    },
  };
}
