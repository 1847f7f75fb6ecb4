/**
 * Omega figs 9/14 style: conflict fraction (conflicted per committed transaction, median of daily
 * values) per scheduler against the swept decision time; solid batch / dashed service schedulers.
 */
import type { FigureAxes } from "../../plugins/figure-axes.js";
import type { ResultsFile } from "../../experiment/results-types.js";
import type { FigureSpec } from "../types.js";
import { buildDecisionLines } from "./decision-lines.js";
import { schedulerOf, seedsSentence } from "./series.js";

/** Builds the conflict-fraction figure; throws InputError when no decision time is swept. */
export function buildConflictFractionVsDecisionTime(results: ResultsFile, axes: FigureAxes): FigureSpec {
  return buildDecisionLines(results, axes, {
    name: "conflict-fraction-vs-decision-time",
    title: "Conflict fraction",
    per: "scheduler",
    value: (run, name) => schedulerOf(run, name)?.conflictFractionDailyMedian,
    valueColumn: "conflictFractionDailyMedian",
    // The whole-run value weights busy days more; the table gives it next to the daily median.
    companion: (run, name) => schedulerOf(run, name)?.conflictFraction,
    companionColumn: "conflictFraction",
    caption: (axis) => [
      "Conflict fraction per scheduler (conflicted ÷ committed transactions; 1 means one conflict per",
      `successful commit): median of daily values, against ${axis.path} (log x). ${seedsSentence(results)}`,
      "One line per scheduler; schedulers serving only service jobs are dashed.",
    ],
    quiet: "no conflicts",
    yTitle: "Conflict fraction",
  });
}
