/**
 * Cell utilization over time from each run's down-sampled series: CPU and memory occupied by
 * running tasks, plus capacity locked in offers when any run has some. One panel per resource,
 * colour per run. Only the first seed's runs are drawn (seeds look alike and more lines blur).
 */
import { InputError } from "../../engine/errors.js";
import type { ResultsFile, RunRecord } from "../../experiment/results-types.js";
import { CHART_CONFIG, CHART_WIDTH } from "../chart-style.js";
import { otherParamsLabel, roundSig } from "../sweep.js";
import type { FigureSpec, TableCell } from "../types.js";
import type { TopLevelSpec } from "vega-lite";

const NAME = "utilization-over-time";
/** More lines than this in one panel cannot be told apart. */
const MAX_RUNS = 6;
/** Points per line; bins are merged by exact averaging (equal-length periods) beyond this. */
const MAX_POINTS = 240;

type Measure = "cpu occupied" | "mem occupied" | "cpu locked" | "mem locked";

interface Line {
  run: string;
  measure: Measure;
  hours: number[];
  values: number[];
}

/** Builds the utilization figure; throws InputError when there are no runs. */
export function buildUtilizationOverTime(results: ResultsFile): FigureSpec {
  const first = results.runs[0];
  if (!first) throw new InputError(`figure ${NAME}: results.json has no runs`);
  const sameSeed = results.runs.filter((r) => r.seed === first.seed);
  const chosen = sameSeed.slice(0, MAX_RUNS);
  const lines = chosen.flatMap((run) => runLines(results, run));
  const withLocked = lines.some((l) => l.measure.endsWith("locked") && l.values.some((v) => v > 0));
  const shown = lines.filter((l) => withLocked || !l.measure.endsWith("locked"));
  const skipped = sameSeed.length - chosen.length;
  return {
    name: NAME,
    title: "Cell utilization over time",
    caption: [
      `Fraction of cell capacity occupied by running tasks${withLocked ? " (solid) and locked in offers (dashed)" : ""},`,
      `time-weighted mean per interval, for the runs with seed ${first.seed}`,
      skipped > 0
        ? `(the first ${chosen.length} of ${sameSeed.length} such runs).`
        : "(other seeds omitted).",
      "Top panel CPU, bottom panel memory; colour per run.",
    ].join(" "),
    vegaLiteSpec: utilizationSpec(shown, withLocked),
    table: wideTable(shown),
  };
}

function runLines(results: ResultsFile, run: RunRecord): Line[] {
  const label = [run.runId, otherParamsLabel(results, run)].filter((s) => s !== "").join(" · ");
  const s = run.summary.cell.series;
  const series: [Measure, number[]][] = [
    ["cpu occupied", s.cpuUtilization],
    ["mem occupied", s.memUtilization],
    ["cpu locked", s.lockedCpu],
    ["mem locked", s.lockedMem],
  ];
  return series.map(([measure, raw]) => ({ run: label, measure, ...downsample(raw, s.periodSec) }));
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

/** Long-format rows: one per (line, time point). */
function plotValues(lines: Line[]): Record<string, string | number>[] {
  return lines.flatMap((l) =>
    l.hours.map((h, i) => ({
      hours: h,
      run: l.run,
      resource: l.measure.startsWith("cpu") ? "CPU" : "Memory",
      measure: l.measure.endsWith("locked") ? "locked" : "occupied",
      utilization: l.values[i] ?? 0,
    })),
  );
}

const PANEL_HEADER = { labelOrient: "top", labelAngle: 0, labelAnchor: "start", labelFontWeight: "bold" };
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

/** Two panels (CPU over memory) sharing the time axis; a facet keeps their scales aligned. */
function utilizationSpec(lines: Line[], withLocked: boolean): TopLevelSpec {
  const runs = [...new Set(lines.map((l) => l.run))];
  const y = { field: "utilization", type: "quantitative", title: "Utilization", scale: { domain: [0, 1] } };
  const spec = {
    config: CHART_CONFIG,
    data: { values: plotValues(lines) },
    facet: {
      row: { field: "resource", type: "nominal", title: null, sort: ["CPU", "Memory"], header: PANEL_HEADER },
    },
    spec: {
      width: CHART_WIDTH,
      height: 160,
      mark: { type: "line", strokeWidth: 1.25 },
      encoding: {
        x: { field: "hours", type: "quantitative", title: "Simulated time (hours)" },
        y: { ...y, axis: { format: "%" } },
        color: { field: "run", type: "nominal", title: "run", scale: { domain: runs } },
        ...(withLocked ? { strokeDash: LOCKED_DASH } : {}),
      },
    },
  };
  return spec as unknown as TopLevelSpec;
}

/** One row per time point, one column per (run, measure): the numbers behind every line. */
function wideTable(lines: Line[]): { columns: string[]; rows: TableCell[][] } {
  const longest = lines.reduce((a, l) => (l.hours.length > a.length ? l.hours : a), [] as number[]);
  return {
    columns: ["hours", ...lines.map((l) => `${l.run} ${l.measure}`)],
    rows: longest.map((h, i) => [h, ...lines.map((l) => l.values[i] ?? "")]),
  };
}
