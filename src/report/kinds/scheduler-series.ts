/**
 * Per-scheduler queue length and busyness over time, from the series a run keeps when the
 * experiment sets `metrics.schedulerSeries` (a window length). One run is drawn — the first that
 * recorded series — as small multiples: a row per scheduler, queue length left and busyness right,
 * every row on the same axes so schedulers compare at a glance. Values are constant over a window,
 * so lines are steps. When no run recorded series the figure is empty and its caption says so.
 */
import type { TopLevelSpec } from "vega-lite";
import type { ResultsFile, RunRecord } from "../../experiment/results-types.js";
import { windowSpanSec } from "../../metrics/scheduler-series.js";
import type { SchedulerSeries, SchedulerWindowSeries } from "../../metrics/summary.js";
import { CHART_CONFIG } from "../chart-style.js";
import { roundSig } from "../sweep.js";
import type { FigureSpec, TableCell } from "../types.js";
import { timeUnit } from "./task-timeline.js";

const NAME = "scheduler-series";
/** Steps per line at most; consecutive windows are merged beyond this (exact means, max of maxima). */
const MAX_STEPS = 240;
/** Rows of small multiples at most; a figure with more cannot be read (the CSV has them all). */
export const MAX_SCHEDULER_ROWS = 16;
const BUSY_DOMAIN = ["useful", "wasted (conflict)", "wasted (no fit)"];
const BUSY_RANGE = ["#54a24b", "#e45756", "#f58518"];
const QUEUE_DOMAIN = ["mean", "max"];

/** One drawn step: windows merged into [startSec, endSec). */
interface Step {
  scheduler: string;
  startSec: number;
  endSec: number;
  queueMean: number;
  queueMax: number;
  busy: [number, number, number];
}

/** Builds the figure from the first run with per-scheduler series (empty when none has any). */
export function buildSchedulerSeries(results: ResultsFile): FigureSpec {
  const run = results.runs.find((r) => r.summary.schedulerSeries !== undefined);
  const series = run?.summary.schedulerSeries;
  const horizonSec = run?.summary.simulatedSec ?? results.experiment.horizonSec;
  const drawn = series?.schedulers.slice(0, MAX_SCHEDULER_ROWS) ?? [];
  const steps = run && series ? drawn.flatMap((s) => mergedSteps(s, series.windowSec, horizonSec)) : [];
  const { unit, sec } = timeUnit(horizonSec);
  return {
    name: NAME,
    title: run
      ? `Scheduler queues and busyness over time (run ${run.runId})`
      : "Scheduler queues and busyness over time",
    caption: caption(results, run, series),
    vegaLiteSpec: seriesSpec(
      plotValues(steps, sec),
      drawn.map((s) => s.name),
      unit,
      roundSig(horizonSec / sec),
    ),
    table: {
      columns: [
        ...["scheduler", "windowStartSec", "windowEndSec", "queueLengthMean", "queueLengthMax"],
        ...["busynessUseful", "busynessWastedConflict", "busynessWastedNoFit"],
      ],
      rows: steps.map((s): TableCell[] => [
        s.scheduler,
        s.startSec,
        s.endSec,
        s.queueMean,
        s.queueMax,
        ...s.busy,
      ]),
    },
  };
}

/** Windows merged `f` at a time: means weighted by window length, the largest of the maxima. */
function mergedSteps(s: SchedulerWindowSeries, windowSec: number, horizonSec: number): Step[] {
  const n = s.queueLengthMean.length;
  const f = Math.max(1, Math.ceil(n / MAX_STEPS));
  const steps: Step[] = [];
  for (let first = 0; first < n; first += f) {
    const last = Math.min(first + f, n) - 1;
    const [startSec] = windowSpanSec(windowSec, horizonSec, first);
    const [, endSec] = windowSpanSec(windowSec, horizonSec, last);
    const mean = (xs: number[]): number => {
      let area = 0;
      for (let i = first; i <= last; i++) {
        const [a, b] = windowSpanSec(windowSec, horizonSec, i);
        area += (xs[i] as number) * (b - a);
      }
      return endSec > startSec ? roundSig(area / (endSec - startSec)) : 0;
    };
    steps.push({
      scheduler: s.name,
      startSec,
      endSec,
      queueMean: mean(s.queueLengthMean),
      queueMax: Math.max(...s.queueLengthMax.slice(first, last + 1)),
      busy: [mean(s.busynessUseful), mean(s.busynessWastedConflict), mean(s.busynessWastedNoFit)],
    });
  }
  return steps;
}

function caption(
  results: ResultsFile,
  run: RunRecord | undefined,
  series: SchedulerSeries | undefined,
): string {
  if (!run || !series) {
    return [
      "Not recorded: no run of this experiment kept per-scheduler series, so there is nothing to draw.",
      'Set "metrics": {"schedulerSeries": "1h"} (a window length) in the experiment and run it again.',
    ].join(" ");
  }
  const without = results.runs.filter((r) => r.summary.schedulerSeries === undefined).length;
  const hidden = series.schedulers.length - Math.min(series.schedulers.length, MAX_SCHEDULER_ROWS);
  return [
    `Per scheduler of run ${run.runId} (the first run with per-scheduler series), windows of ${roundSig(series.windowSec)} s:`,
    "left, jobs waiting in its queue (solid: time-weighted mean per window; dashed: the largest length held);",
    "right, the fraction of each window spent thinking, stacked: useful, wasted on conflicts, wasted finding no fit.",
    "One row per scheduler, all on the same axes; steps are windows (merged evenly when there are many).",
    hidden > 0
      ? `Only the first ${MAX_SCHEDULER_ROWS} of its ${series.schedulers.length} schedulers are drawn.`
      : "",
    without > 0 ? `${without} run(s) did not record series.` : "",
    "Every run's windows are in scheduler-series.csv.",
  ]
    .filter((p) => p !== "")
    .join(" ");
}

/** Long-format points: each step drawn from its start, plus its end so the last one shows. */
function plotValues(steps: Step[], unitSec: number): Record<string, string | number>[] {
  return steps.flatMap((s, i) => {
    const closing = steps[i + 1]?.scheduler !== s.scheduler;
    const times = closing ? [s.startSec, s.endSec] : [s.startSec];
    return times.flatMap((t) => {
      const time = roundSig(t / unitSec);
      const queue = [
        { time, scheduler: s.scheduler, measure: "queue", series: "mean", value: s.queueMean },
        { time, scheduler: s.scheduler, measure: "queue", series: "max", value: s.queueMax },
      ];
      const busy = BUSY_DOMAIN.map((series, k) => ({
        time,
        scheduler: s.scheduler,
        measure: "busy",
        series,
        value: s.busy[k] as number,
        order: k,
      }));
      return [...queue, ...busy];
    });
  });
}

/** Two columns of small multiples (queue, busyness), a row per scheduler; each column shares its axes. */
function seriesSpec(
  values: Record<string, string | number>[],
  schedulers: string[],
  unit: string,
  endTime: number,
): TopLevelSpec {
  const row = {
    field: "scheduler",
    type: "nominal",
    title: null,
    sort: schedulers,
    header: { labelAngle: 0, labelAlign: "left", labelOrient: "top", labelFontWeight: "bold" },
  };
  const x = {
    field: "time",
    type: "quantitative",
    title: `Simulated time (${unit})`,
    scale: { domain: [0, endTime], nice: false },
  };
  const panel = { width: 280, height: 70 };
  const queue = {
    transform: [{ filter: "datum.measure === 'queue'" }],
    facet: { row },
    spec: {
      ...panel,
      mark: { type: "line", interpolate: "step-after", strokeWidth: 1.25 },
      encoding: {
        x,
        y: { field: "value", type: "quantitative", title: "Queue length (jobs)" },
        strokeDash: {
          field: "series",
          type: "nominal",
          title: "queue length",
          legend: { orient: "top" },
          scale: {
            domain: QUEUE_DOMAIN,
            range: [
              [1, 0],
              [4, 3],
            ],
          },
        },
        color: { value: "#4c78a8" },
      },
    },
  };
  const busy = {
    transform: [{ filter: "datum.measure === 'busy'" }],
    facet: { row },
    spec: {
      ...panel,
      mark: { type: "area", interpolate: "step-after" },
      encoding: {
        x,
        y: {
          field: "value",
          type: "quantitative",
          title: "Busyness",
          stack: "zero",
          scale: { domain: [0, 1] },
          axis: { format: "%" },
        },
        color: {
          field: "series",
          type: "nominal",
          title: "thinking",
          scale: { domain: BUSY_DOMAIN, range: BUSY_RANGE },
          legend: { orient: "top" },
        },
        order: { field: "order", type: "quantitative" },
      },
    },
  };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: CHART_CONFIG,
    data: { values },
    hconcat: [queue, busy],
    resolve: { legend: { color: "independent", strokeDash: "independent" } },
  } as unknown as TopLevelSpec;
}
