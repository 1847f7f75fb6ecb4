/**
 * Cell utilization over time from each run's down-sampled series: CPU and memory occupied by
 * running tasks (solid), plus capacity locked in offers (dashed) when any run has some. Runs are
 * chosen across the sweep (see run-choice.ts). One panel per resource; when architecture variants
 * are swept, one row of panels per variant, with colour for the other swept values.
 */
import { InputError } from "../../engine/errors.js";
import type { ResultsFile } from "../../experiment/results-types.js";
import type { FigureAxes } from "../../plugins/figure-axes.js";
import { CHART_CONFIG, CHART_WIDTH } from "../chart-style.js";
import { roundSig } from "../sweep.js";
import type { FigureSpec, TableCell } from "../types.js";
import type { TopLevelSpec } from "vega-lite";
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
  const panels = choice.facet?.values.filter((v) => choice.chosen.some((c) => c.panel === v));
  return {
    name: NAME,
    title: "Cell utilization over time",
    caption: [
      `Fraction of cell capacity occupied by running tasks${withLocked ? " (solid) and locked in offers (dashed; drawn for runs that lock any)" : ""},`,
      "time-weighted mean per interval.",
      choice.sentence,
      panels
        ? `One row of panels per ${choice.facet?.title ?? ""}, CPU left and memory right, shared axes; colour: ${choice.colourTitle}.`
        : `Top panel CPU, bottom panel memory; colour: ${choice.colourTitle}.`,
    ].join(" "),
    vegaLiteSpec: utilizationSpec(shown, { withLocked, panels, colourTitle: choice.colourTitle }),
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

/** "Omega fine/gang · CPU" when faceted by variant, else the resource alone. */
function panelName(variant: string, resource: string): string {
  return variant === "" ? resource : `${variant} · ${resource}`;
}

/** Long-format rows: one per (line, time point). */
function plotValues(lines: Line[]): Record<string, string | number>[] {
  return lines.flatMap((l) =>
    l.hours.map((h, i) => ({
      hours: h,
      facet: l.panel,
      run: l.run,
      resource: resourceOf(l),
      panel: panelName(l.panel, resourceOf(l)),
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

interface LayoutOptions {
  withLocked: boolean;
  /** Variant rows, when faceted. */
  panels: string[] | undefined;
  colourTitle: string;
}

/** Resource panels sharing the time axis, one row per variant when faceted; facets align scales. */
function utilizationSpec(lines: Line[], opts: LayoutOptions): TopLevelSpec {
  const runs = [...new Set(lines.map((l) => l.run))];
  const resources = ["CPU", "Memory"];
  // Wrapped panels keep each variant's name above its own pair of panels, fully readable.
  const facet = opts.panels
    ? {
        facet: {
          field: "panel",
          type: "nominal",
          title: null,
          sort: opts.panels.flatMap((v) => resources.map((r) => panelName(v, r))),
          header: PANEL_HEADER,
        },
        columns: 2,
      }
    : {
        facet: {
          row: { field: "resource", type: "nominal", title: null, sort: resources, header: PANEL_HEADER },
        },
      };
  const y = { field: "utilization", type: "quantitative", title: "Utilization", scale: { domain: [0, 1] } };
  const spec = {
    config: CHART_CONFIG,
    data: { values: plotValues(lines) },
    ...facet,
    spec: {
      width: opts.panels ? 300 : CHART_WIDTH,
      height: opts.panels ? 80 : 160,
      mark: { type: "line", strokeWidth: 1.25 },
      encoding: {
        x: { field: "hours", type: "quantitative", title: "Simulated time (hours)" },
        y: { ...y, axis: { format: "%", tickCount: opts.panels ? 3 : 5 } },
        color: { field: "run", type: "nominal", title: opts.colourTitle, scale: { domain: runs } },
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
