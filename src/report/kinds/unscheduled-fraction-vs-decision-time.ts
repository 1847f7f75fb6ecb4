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
import { buildDecisionLines } from "./decision-lines.js";
import { seedsSentence } from "./series.js";

/** Builds the unscheduled-fraction figure; throws InputError when no decision time is swept. */
export function buildUnscheduledFractionVsDecisionTime(results: ResultsFile, axes: FigureAxes): FigureSpec {
  return buildDecisionLines(results, axes, {
    name: "unscheduled-fraction-vs-decision-time",
    title: "Unscheduled jobs",
    per: "workload",
    value: (run, kind) => {
      const w = run.summary.workloads[kind];
      return w && w.submitted > 0 ? (w.submitted - w.fullyScheduled) / w.submitted : undefined;
    },
    valueColumn: "unscheduled fraction",
    companion: (run, kind) => run.summary.workloads[kind]?.abandoned,
    companionColumn: "abandoned",
    caption: (axis) => [
      `Fraction of submitted jobs not fully scheduled by the horizon (abandoned at the attempt limit, or still waiting), against ${axis.path} (log x).`,
      seedsSentence(results),
      "Solid lines: batch; dashed: service. The table adds the abandoned jobs.",
    ],
    quiet: "every job fully scheduled",
    yTitle: "Fraction of jobs unscheduled",
  });
}
