/**
 * Cell utilization over time from each run's down-sampled series: CPU and memory occupied by
 * running tasks (solid), plus capacity locked in offers (dashed) when any run has some. Runs are
 * chosen across the sweep (see run-choice.ts). Runs of one sweep often run at the same
 * utilization, and a cell's CPU and memory often too, so lines in one chart lie on top of each
 * other; each run therefore gets a row of two small panels, CPU and memory (shared axes).
 */
import { InputError } from "../../engine/errors.js";
import type { ResultsFile } from "../../experiment/results-types.js";
import type { FigureAxes } from "../../plugins/figure-axes.js";
import { CHART_CONFIG } from "../chart-style.js";
import { PANEL_HEADER, PANEL_WIDTH } from "../facet.js";
import { roundSig, uniqueInOrder } from "../sweep.js";
import type { FigureSpec, TableCell } from "../types.js";
import type { TopLevelSpec } from "vega-lite";
import { censoringSentence } from "./censoring-note.js";
import { chooseRuns, type ChosenRun } from "./run-choice.js";

const NAME = "utilization-over-time";
/** Points per line; bins are merged by exact averaging (equal-length periods) beyond this. */
const MAX_POINTS = 240;

type Measure = "cpu occupied" | "mem occupied" | "cpu locked" | "mem locked";

interface Line {
  runId: string;
  panel: string;
  run: string;
  measure: Measure;
  hours: number[];
  values: number[];
}

/** Builds the utilization figure; throws InputError when there are no runs. */
export function buildUtilizationOverTime(results: ResultsFile, axes: FigureAxes): FigureSpec {
  if (results.runs.length === 0) throw new InputError(`figure ${NAME}: results.json has no runs`);
  const choice = chooseRuns(results, axes);
  const lines = choice.chosen.flatMap(runLines);
  // Locked capacity only exists under offers (two-level); all-zero locked lines would be noise.
  const shown = lines.filter((l) => !l.measure.endsWith("locked") || l.values.some((v) => v > 0));
  const withLocked = shown.length > lines.filter((l) => !l.measure.endsWith("locked")).length;
  const panels = uniqueInOrder(shown.map(runPanelOf)).flatMap((p) => RESOURCES.map((r) => panelName(p, r)));
  return {
    name: NAME,
    title: "Cell utilization over time",
    caption: [
      `Fraction of cell capacity occupied by running tasks${withLocked ? " (solid) and locked in offers (dashed; drawn for runs that lock any)" : ""},`,
      "time-weighted mean per interval.",
      choice.sentence,
      `One row of panels per run shown, titled by its ${choice.colourTitle}: CPU left (blue), memory right (orange); shared axes.`,
      censoringSentence(choice.chosen.map((c) => c.run)),
    ]
      .filter((x) => x !== "")
      .join(" "),
    vegaLiteSpec: utilizationSpec(shown, { withLocked, panels }),
    table: wideTable(shown),
  };
}

function runLines({ run, panel, label }: ChosenRun): Line[] {
  const s = run.summary.cell.series;
  const series: [Measure, number[]][] = [
    ["cpu occupied", s.cpuUtilization],
    ["mem occupied", s.memUtilization],
    ["cpu locked", s.lockedCpu],
    ["mem locked", s.lockedMem],
  ];
  return series.map(([measure, raw]) => ({
    runId: run.runId,
    panel,
    run: label,
    measure,
    ...downsample(raw, s.periodSec),
  }));
}

/** Merges `f` consecutive bins into one (their mean), plotted at the merged bin's midpoint. */
export function downsample(raw: number[], periodSec: number): { hours: number[]; values: number[] } {
  const f = Math.max(1, Math.ceil(raw.length / MAX_POINTS));
  const hours: number[] = [];
  const values: number[] = [];
  for (let start = 0; start < raw.length; start += f) {
    const bins = raw.slice(start, start + f);
    values.push(roundSig(bins.reduce((a, b) => a + b, 0) / bins.length));
    hours.push(roundSig(((start + bins.length / 2) * periodSec) / 3600));
  }
  return { hours, values };
}

function resourceOf(l: Line): string {
  return l.measure.startsWith("cpu") ? "CPU" : "Memory";
}

const RESOURCES = ["CPU", "Memory"];

/** A line's run: its label, after its variant when faceted ("Omega fine · 0.1s"). */
function runPanelOf(l: Line): string {
  return [l.panel, l.run].filter((s) => s !== "").join(" · ") || l.runId;
}

/** "Omega fine · 0.1s · CPU": a run's panel of one resource. */
function panelName(run: string, resource: string): string {
  return `${run} · ${resource}`;
}

/** Long-format rows: one per (line, time point). */
function plotValues(lines: Line[]): Record<string, string | number>[] {
  return lines.flatMap((l) =>
    l.hours.map((h, i) => ({
      hours: h,
      panel: panelName(runPanelOf(l), resourceOf(l)),
      resource: resourceOf(l),
      measure: l.measure.endsWith("locked") ? "locked" : "occupied",
      utilization: l.values[i] ?? 0,
    })),
  );
}

const LOCKED_DASH = {
  field: "measure",
  type: "nominal",
  title: "capacity",
  scale: {
    domain: ["occupied", "locked"],
    range: [
      [1, 0],
      [6, 4],
    ],
  },
};

const RESOURCE_COLOUR = {
  field: "resource",
  type: "nominal",
  title: "resource",
  scale: { domain: ["CPU", "Memory"], range: ["#4c78a8", "#f58518"] },
};

interface LayoutOptions {
  withLocked: boolean;
  /** Panels (run · resource) in display order. */
  panels: string[];
}

/** A row of two panels (CPU, memory) per run, sharing both axes. */
function utilizationSpec(lines: Line[], opts: LayoutOptions): TopLevelSpec {
  const y = { field: "utilization", type: "quantitative", title: "Utilization", scale: { domain: [0, 1] } };
  const spec = {
    config: CHART_CONFIG,
    data: { values: plotValues(lines) },
    facet: { field: "panel", type: "nominal", title: null, sort: opts.panels, header: PANEL_HEADER },
    columns: RESOURCES.length,
    spec: {
      width: PANEL_WIDTH,
      height: 90,
      mark: { type: "line", strokeWidth: 1.25 },
      encoding: {
        x: { field: "hours", type: "quantitative", title: "Simulated time (hours)" },
        y: { ...y, axis: { format: "%", tickCount: 3 } },
        color: RESOURCE_COLOUR,
        // Occupied and locked capacity are separate lines of the panel's one colour.
        detail: { field: "measure", type: "nominal" },
        ...(opts.withLocked ? { strokeDash: LOCKED_DASH } : {}),
      },
    },
  };
  return spec as unknown as TopLevelSpec;
}

/** One row per time point, one column per (run, measure): the numbers behind every line. */
function wideTable(lines: Line[]): { columns: string[]; rows: TableCell[][] } {
  const longest = lines.reduce((a, l) => (l.hours.length > a.length ? l.hours : a), [] as number[]);
  const name = (l: Line): string =>
    [...new Set([l.runId, l.panel, l.run, l.measure])].filter((s) => s !== "").join(" · ");
  return {
    columns: ["hours", ...lines.map(name)],
    rows: longest.map((h, i) => [h, ...lines.map((l) => l.values[i] ?? "")]),
  };
}
