/**
 * Omega fig 7c style: jobs abandoned (given up after the attempt limit) per workload kind against
 * the swept decision time; solid batch, dashed service.
 */
import type { FigureAxes } from "../../plugins/figure-axes.js";
import type { ResultsFile } from "../../experiment/results-types.js";
import type { FigureSpec } from "../types.js";
import { buildDecisionLines } from "./decision-lines.js";
import { seedsSentence } from "./series.js";

/** Builds the abandoned-jobs figure; throws InputError when no decision time is swept. */
export function buildAbandonedVsDecisionTime(results: ResultsFile, axes: FigureAxes): FigureSpec {
  return buildDecisionLines(results, axes, {
    name: "abandoned-vs-decision-time",
    title: "Abandoned jobs",
    per: "workload",
    value: (run, kind) => run.summary.workloads[kind]?.abandoned,
    valueColumn: "abandoned",
    // Submitted jobs put the counts in proportion without a second axis.
    companion: (run, kind) => run.summary.workloads[kind]?.submitted,
    companionColumn: "submitted",
    caption: (axis) => [
      `Jobs abandoned after reaching the scheduling-attempt limit, against ${axis.path} (log x).`,
      seedsSentence(results),
      "Solid lines: batch; dashed: service.",
    ],
    quiet: "no jobs abandoned",
    yTitle: "Abandoned jobs",
  });
}
