/**
 * Data locality across the runs of a sweep (docs/metrics.md#frameworks). With a swept delay-
 * scheduling delay (a swept path ending in `delay`, e.g. a Hadoop instance's), the fraction of
 * local tasks against that delay, seeds averaged, one line per combination of the other swept
 * values (the Mesos paper's delay-scheduling experiment, Hindman et al. NSDI 2011 fig. 7). Without
 * one, a bar per run, labelled by its run id and swept values. A run's locality pools its
 * frameworks with blocks: Σ local / Σ (local + remote) tasks.
 */
import type { TopLevelSpec } from "vega-lite";
import { InputError } from "../../engine/errors.js";
import type { ResultsFile, RunRecord } from "../../experiment/results-types.js";
import type { FigureAxes, SweptAxisRule } from "../../plugins/figure-axes.js";
import { CHART_CONFIG, CHART_HEIGHT, CHART_WIDTH } from "../chart-style.js";
import { mean, otherParamsLabel, otherParamsTitle, roundSig, sweepPoints, sweptAxis } from "../sweep.js";
import type { FigureSpec, TableCell } from "../types.js";

const NAME = "locality-vs-delay";
const DELAY_RE = /(^|\.)delay$/;

/** The x axis: a swept delay; without one, the figure draws a bar per run. */
export const DELAY_X: SweptAxisRule = {
  needs: "a swept path ending in delay (a delay-scheduling delay)",
  accepts: [DELAY_RE],
  orInnermost: true,
};

/** A run's pooled locality over its frameworks with blocks; undefined when none has any. */
export function runLocality(run: RunRecord): number | undefined {
  let local = 0;
  let total = 0;
  for (const f of run.summary.frameworks?.byFramework ?? []) {
    local += f.localTasks;
    total += f.localTasks + f.remoteTasks;
  }
  return total > 0 ? local / total : undefined;
}

/** Builds the figure; an InputError when no run has a task with an input block. */
export function buildLocalityVsDelay(results: ResultsFile, axes: FigureAxes): FigureSpec {
  if (!results.runs.some((r) => runLocality(r) !== undefined))
    throw new InputError(`figure ${NAME} needs framework tasks with input blocks (e.g. a hadoop instance)`);
  const axis = axes.x === null ? undefined : sweptAxis(results, axes.x);
  return axis && DELAY_RE.test(axis.path) ? byDelay(results, axis) : byRun(results);
}

function byDelay(results: ResultsFile, axis: ReturnType<typeof sweptAxis>): FigureSpec {
  const rows: TableCell[][] = [];
  for (const point of sweepPoints(results, axis)) {
    const values = point.runs.map(runLocality).filter((x): x is number => x !== undefined);
    if (values.length > 0)
      rows.push([point.group || "all runs", point.xSec, roundSig(mean(values)), values.length]);
  }
  const groupTitle = otherParamsTitle(results, axis.key) ?? "runs";
  const values = rows.map(([group, delaySec, locality]) => ({ group, delaySec, locality }));
  const spec = {
    config: CHART_CONFIG,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    data: { values },
    mark: { type: "line", point: true },
    encoding: {
      x: { field: "delaySec", type: "quantitative", title: `${axis.path} (s)` },
      y: {
        field: "locality",
        type: "quantitative",
        title: "Local tasks",
        scale: { domain: [0, 1] },
        axis: { format: "%" },
      },
      color: { field: "group", type: "nominal", title: groupTitle },
    },
  };
  return {
    name: NAME,
    title: `Data locality vs ${axis.path}`,
    caption: [
      `Fraction of tasks with an input block that started on a machine holding it, against the swept ${axis.path}`,
      "(pooled over each run's frameworks with blocks), mean over seeds; one line per value of the other swept keys.",
    ].join(" "),
    vegaLiteSpec: spec as unknown as TopLevelSpec,
    table: { columns: [groupTitle, `${axis.path} (s)`, "locality", "seeds"], rows },
  };
}

function byRun(results: ResultsFile): FigureSpec {
  const rows: TableCell[][] = results.runs.flatMap((run) => {
    const locality = runLocality(run);
    if (locality === undefined) return [];
    const label = [run.runId, otherParamsLabel(results, run)].filter((s) => s !== "").join(" · ");
    return [[label, roundSig(locality)]];
  });
  const values = rows.map(([run, locality]) => ({ run, locality }));
  const spec = {
    config: CHART_CONFIG,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    data: { values },
    mark: { type: "bar", color: "#4c78a8" },
    encoding: {
      x: { field: "run", type: "nominal", title: "Run", sort: null, axis: { labelAngle: -45 } },
      y: {
        field: "locality",
        type: "quantitative",
        title: "Local tasks",
        scale: { domain: [0, 1] },
        axis: { format: "%" },
      },
    },
  };
  return {
    name: NAME,
    title: "Data locality per run",
    caption: [
      "Fraction of tasks with an input block that started on a machine holding it, pooled over each run's",
      "frameworks with blocks; a bar per run (no delay is swept, so there is no delay axis).",
    ].join(" "),
    vegaLiteSpec: spec as unknown as TopLevelSpec,
    table: { columns: ["run", "locality"], rows },
  };
}
