/**
 * A Gantt chart of one run for debugging a policy on a tiny cell: one row per machine, one bar
 * per task from its start to its end (or the horizon), coloured by job when there are few jobs
 * and by workload kind otherwise. Tasks that overlap on a machine get lanes within its row, so
 * none hides another. Drawn from the task records a run keeps when the experiment
 * sets `metrics.timeline` (cells of at most 64 machines). One run is drawn, the first unless the
 * figure entry names one: a Gantt chart is read task by task, and one run is already a lot of tasks.
 */
import type { TopLevelSpec } from "vega-lite";
import type { FigureAxes } from "../../plugins/figure-axes.js";
import { InputError } from "../../engine/errors.js";
import type { ResultsFile, RunRecord } from "../../experiment/results-types.js";
import type { TaskTimeline, TimelineTask } from "../../metrics/summary.js";
import { CHART_CONFIG, CHART_WIDTH } from "../chart-style.js";
import { roundSig } from "../sweep.js";
import type { FigureCheckContext, FigureSpec, TableCell } from "../types.js";

const NAME = "task-timeline";
/** Bars drawn at most: each is one SVG rect (~300 bytes), so the inline SVG stays under 1 MB. */
export const MAX_BARS = 2_000;
/** Up to this many jobs each get a colour of their own; more would make an unreadable legend. */
const MAX_JOB_COLOURS = 10;
/** Kinds in a fixed order with fixed colours (blue batch, orange service, paler when prefill). */
const KIND_DOMAIN = ["batch", "service", "batch (prefill)", "service (prefill)"];
const KIND_RANGE = ["#4c78a8", "#f58518", "#9ecae9", "#ffbf79"];

/** The figure's check: it needs the task records that `metrics.timeline` turns on. */
export function checkTimeline(_sweepPaths: readonly string[], ctx: FigureCheckContext): string | undefined {
  return ctx.timeline
    ? undefined
    : "needs task records: set metrics.timeline to true (cells of ≤ 64 machines)";
}

/** A time unit that keeps the axis numbers short for the run's horizon. */
export function timeUnit(horizonSec: number): { unit: string; sec: number } {
  if (horizonSec <= 600) return { unit: "seconds", sec: 1 };
  if (horizonSec <= 36_000) return { unit: "minutes", sec: 60 };
  return { unit: "hours", sec: 3600 };
}

function kindLabel(t: TimelineTask): string {
  return t.prefill ? `${t.kind} (prefill)` : t.kind;
}

/**
 * Builds the Gantt chart of the figure entry's run (`run`), else of the first run; an InputError
 * when that run recorded no timeline or does not exist.
 */
export function buildTaskTimeline(results: ResultsFile, axes?: FigureAxes): FigureSpec {
  const chosen = axes?.run ?? null;
  const run = chosen === null ? results.runs[0] : results.runs.find((r) => r.runId === chosen);
  if (chosen !== null && !run) throw new InputError(`figure ${NAME}: results.json has no run "${chosen}"`);
  const timeline = run?.summary.timeline;
  if (!run || !timeline) {
    throw new InputError(`figure ${NAME} needs task records: set metrics.timeline to true in the experiment`);
  }
  const drawn = timeline.tasks.slice(0, MAX_BARS);
  const jobs = new Set(drawn.map((t) => t.jobId));
  const byJob = jobs.size <= MAX_JOB_COLOURS;
  const { unit, sec } = timeUnit(run.summary.simulatedSec);
  const lanes = assignLanes(drawn);
  const bars = drawn.map((t, i) => ({
    machine: t.machine,
    lane: lanes[i] as number,
    start: roundSig(t.startSec / sec),
    end: roundSig(t.endSec / sec),
    colour: byJob ? `job ${t.jobId}` : kindLabel(t),
  }));
  return {
    name: NAME,
    title: `Tasks per machine over time (run ${run.runId})`,
    caption: caption(run, timeline, drawn.length, byJob, chosen !== null),
    vegaLiteSpec: ganttSpec(bars, run.summary.cell.machines, unit, byJob),
    table: {
      columns: ["machine", "jobId", "kind", "startSec", "endSec"],
      rows: drawn.map((t): TableCell[] => [t.machine, t.jobId, kindLabel(t), t.startSec, t.endSec]),
    },
  };
}

/**
 * A lane per task within its machine's row: the first lane free at its start (tasks arrive in
 * start order), so overlapping tasks sit side by side and the row's height shows concurrency.
 */
function assignLanes(tasks: readonly TimelineTask[]): number[] {
  const laneEnds = new Map<number, number[]>();
  return tasks.map((t) => {
    const ends = laneEnds.get(t.machine) ?? [];
    laneEnds.set(t.machine, ends);
    let lane = ends.findIndex((end) => end <= t.startSec);
    if (lane < 0) lane = ends.push(t.endSec) - 1;
    else ends[lane] = t.endSec;
    return lane;
  });
}

function caption(
  run: RunRecord,
  timeline: TaskTimeline,
  drawn: number,
  byJob: boolean,
  chosen: boolean,
): string {
  const total = timeline.tasks.length + timeline.droppedTasks;
  const which = chosen
    ? "chosen in the experiment's figure entry"
    : `the experiment's first run; name another with {"kind": "${NAME}", "run": "<runId>"}`;
  const parts = [
    `Every task of run ${run.runId} (${which}) on each of the cell's ${run.summary.cell.machines} machines:`,
    "one bar from the task's start to its end, or to the horizon if it was still running then;",
    "tasks running at the same time on a machine share its row side by side.",
    byJob ? "Colour: job." : "Colour: workload kind (paler: jobs already running at t = 0).",
  ];
  if (drawn < total) {
    const last = timeline.tasks[drawn - 1]?.startSec ?? 0;
    parts.push(
      `Only the first ${drawn} of the run's ${total} tasks are drawn (those started by t = ${roundSig(last)} s); the data table and results.json list ${timeline.tasks.length}` +
        (timeline.droppedTasks > 0 ? ` (the run records at most ${timeline.maxTasks}).` : "."),
    );
  }
  return parts.join(" ");
}

interface Bar {
  machine: number;
  lane: number;
  start: number;
  end: number;
  colour: string;
}

/** Rect marks on a machine (rows) × time grid; every machine gets a row, busy or not. */
function ganttSpec(bars: Bar[], machines: number, unit: string, byJob: boolean): TopLevelSpec {
  const rows = Array.from({ length: machines }, (_, m) => m);
  const lanes = Math.max(1, ...bars.map((b) => b.lane + 1));
  // Rows grow with the lanes they hold, within limits that keep 64 machines on one screen.
  const rowPx = Math.min(36, Math.max(12, lanes * 4));
  const colour = byJob
    ? { field: "colour", type: "nominal", title: "Job", sort: null }
    : {
        field: "colour",
        type: "nominal",
        title: "Workload",
        scale: { domain: KIND_DOMAIN, range: KIND_RANGE },
      };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: CHART_CONFIG,
    width: CHART_WIDTH,
    height: Math.max(120, machines * rowPx),
    data: { values: bars },
    mark: { type: "rect", stroke: "white", strokeWidth: 0.5 },
    encoding: {
      x: { field: "start", type: "quantitative", title: `Simulated time (${unit})`, scale: { nice: false } },
      x2: { field: "end" },
      y: {
        field: "machine",
        type: "ordinal",
        title: "Machine",
        scale: { domain: rows },
        axis: { labelFontSize: 9 },
      },
      yOffset: {
        field: "lane",
        type: "ordinal",
        scale: { domain: Array.from({ length: lanes }, (_, l) => l) },
      },
      color: colour,
    },
  } as TopLevelSpec;
}
