/**
 * Per-machine CPU utilization over time as a heatmap (machines × time; Quasar fig 11b/c), from
 * the point samples runs take when `metrics.machines` > 0. Runs are chosen across the sweep as
 * for utilization-over-time, at most MAX_PANELS of them. To keep the inline SVG small, samples
 * are averaged into at most MAX_COLUMNS time columns and MAX_ROWS groups of neighbouring sampled
 * machines; the caption says how much was merged. `machine-gpu-heatmap` draws the same from the
 * samples of the cell's `gpus` dimension (see {@link buildMachineGpuHeatmap}).
 */
import type { TopLevelSpec } from "vega-lite";
import { InputError } from "../../engine/errors.js";
import { censoringSentence } from "./censoring-note.js";
import type { ResultsFile, RunRecord } from "../../experiment/results-types.js";
import type { FigureAxes } from "../../plugins/figure-axes.js";
import type { MachineSeries } from "../../metrics/summary.js";
import { CHART_CONFIG, CHART_WIDTH } from "../chart-style.js";
import { PANEL_HEADER } from "../facet.js";
import { otherParamsLabel, roundSig } from "../sweep.js";
import type { FigureSpec, TableCell } from "../types.js";
import { chooseRuns, spread, type ChosenRun } from "./run-choice.js";

const CPU_NAME = "machine-utilization-heatmap";
const GPU_NAME = "machine-gpu-heatmap";
/** The further dimension the GPU heatmap draws. */
const GPUS = "gpus";

/** What a heatmap draws: the CPU samples, or those of a further dimension (GPUs). */
interface Quantity {
  /** The figure kind's name. */
  name: string;
  /** Words for titles and columns: "CPU", "GPU". */
  label: string;
  /** The sampled machines' utilization rows of a run, or undefined when it has none. */
  rows(s: MachineSeries): number[][] | undefined;
  /** What an experiment must set for the samples to exist. */
  needs: string;
}

const CPU: Quantity = {
  name: CPU_NAME,
  label: "CPU",
  rows: (s) => s.cpuUtilization,
  needs: "set metrics.machines > 0 in the experiment",
};

const GPU: Quantity = {
  name: GPU_NAME,
  label: "GPU",
  rows: (s) => s.resources?.find((r) => r.name === GPUS)?.utilization,
  needs: `set metrics.machines > 0 on a cell with a "${GPUS}" resource (cluster.resources or the gpu-cluster preset)`,
};
const MAX_PANELS = 4;
// Each cell is one SVG rect (~300 bytes): 4 panels × 48 × 20 keeps the inline SVG near 1 MB.
const MAX_COLUMNS = 48;
const MAX_ROWS = 20;

/** One heatmap cell: a group of neighbouring machines over a span of time, in a run's panel. */
export interface HeatCell {
  run: string;
  hour: number;
  hours: number;
  machine: number;
  utilization: number;
}

/** The runs drawn: the entry's chosen run, else runs spread across the sweep (see run-choice.ts). */
function shownRuns(results: ResultsFile, sampled: RunRecord[], axes: FigureAxes, q: Quantity): ChosenRun[] {
  if (axes.run === null) return spread(chooseRuns({ ...results, runs: sampled }, axes).chosen, MAX_PANELS);
  const run = sampled.find((r) => r.runId === axes.run);
  if (!run)
    throw new InputError(
      `figure ${q.name}: results.json has no run "${axes.run}" with per-machine ${q.label} samples`,
    );
  return [{ run, panel: "", label: otherParamsLabel(results, run) || run.runId }];
}

/** Caption words saying exactly which runs the panels show, and why those. */
function shownSentence(
  chosen: readonly ChosenRun[],
  sampled: number,
  axes: FigureAxes,
  name: string,
): string {
  const ids = chosen.map((c) => c.run.runId).join(", ");
  if (axes.run !== null) return `Run shown: ${ids} (chosen in the experiment's figure entry).`;
  return (
    `Runs shown: ${ids} — ${chosen.length} of the ${sampled} sampled runs, first seed, spread across the sweep ` +
    `(at most ${MAX_PANELS} panels). Name another with {"kind": "${name}", "run": "<runId>"}.`
  );
}

/** Builds the CPU heatmap; an InputError when no run sampled machines. */
export function buildMachineHeatmap(results: ResultsFile, axes: FigureAxes): FigureSpec {
  return buildHeatmap(results, axes, CPU);
}

/**
 * Builds the per-machine GPU heatmap (the cell's `gpus` dimension, as a fraction of each
 * machine's GPUs); an InputError when no run sampled a cell with GPUs.
 */
export function buildMachineGpuHeatmap(results: ResultsFile, axes: FigureAxes): FigureSpec {
  return buildHeatmap(results, axes, GPU);
}

function buildHeatmap(results: ResultsFile, axes: FigureAxes, q: Quantity): FigureSpec {
  const rowsOf = (r: RunRecord) => {
    const s = r.summary.cell.machineSeries;
    return s === undefined ? undefined : q.rows(s);
  };
  const sampled = results.runs.filter((r) => rowsOf(r) !== undefined);
  if (sampled.length === 0) throw new InputError(`figure ${q.name} needs per-machine samples: ${q.needs}`);
  const chosen = shownRuns(results, sampled, axes, q);
  const cells = chosen.flatMap((c) =>
    heatCells(
      c.run.summary.cell.machineSeries as MachineSeries,
      rowsOf(c.run) as number[][],
      labelOf(c.panel, c.label, c.run.runId),
    ),
  );
  const series = chosen[0]?.run.summary.cell.machineSeries as MachineSeries;
  return {
    name: q.name,
    title: `Per-machine ${q.label} utilization over time`,
    caption:
      `${q.label} utilization of ${series.machines.length} sampled machines (rows) over simulated time (columns), ` +
      `point samples every ${series.periodSec} s averaged into at most ${MAX_COLUMNS} columns and ` +
      `${MAX_ROWS} rows of neighbouring machines. ${shownSentence(chosen, sampled.length, axes, q.name)}` +
      prefixed(censoringSentence(chosen.map((c) => c.run))),
    vegaLiteSpec: heatmapSpec(
      cells,
      chosen.map((c) => labelOf(c.panel, c.label, c.run.runId)),
      q === CPU ? UTILIZATION_COLOR : { ...UTILIZATION_COLOR, title: `${q.label} utilization` },
    ),
    table: {
      columns: ["run", "hour", "machine row", `${q.label} utilization`],
      rows: cells.map((c): TableCell[] => [c.run, c.hour, c.machine, c.utilization]),
    },
  };
}

/** `" " + sentence`, or "" for no sentence. */
function prefixed(sentence: string): string {
  return sentence === "" ? "" : ` ${sentence}`;
}

/** A panel's title: the run's swept values and its id, so the caption's run ids find their panels. */
function labelOf(panel: string, label: string, runId: string): string {
  const words = [panel, label].filter((x) => x !== "" && x !== runId).join(" · ");
  return words === "" ? runId : `${words} (${runId})`;
}

/** Averages samples (`rows[k]`: sampled machine k's) into ≤ MAX_COLUMNS × MAX_ROWS cells. */
function heatCells(s: MachineSeries, rows: number[][], run: string): HeatCell[] {
  const samples = rows[0]?.length ?? 0;
  const colWidth = Math.max(1, Math.ceil(samples / MAX_COLUMNS));
  const rowHeight = Math.max(1, Math.ceil(s.machines.length / MAX_ROWS));
  const hoursPerSample = s.periodSec / 3600;
  const cells: HeatCell[] = [];
  for (let r = 0; r * rowHeight < s.machines.length; r++) {
    for (let c = 0; c * colWidth < samples; c++) {
      let sum = 0;
      let n = 0;
      for (let k = r * rowHeight; k < Math.min((r + 1) * rowHeight, s.machines.length); k++) {
        const row = rows[k] as number[];
        for (let i = c * colWidth; i < Math.min((c + 1) * colWidth, samples); i++) {
          sum += row[i] as number;
          n++;
        }
      }
      const hour = roundSig(c * colWidth * hoursPerSample);
      cells.push({
        run,
        hour,
        hours: roundSig(colWidth * hoursPerSample),
        machine: r,
        utilization: roundSig(sum / n),
      });
    }
  }
  return cells;
}

/** The heatmap spec: a row of cells per panel (run), shared time axis, viridis 0–1. */
export function heatmapSpec(
  cells: HeatCell[],
  panels: string[],
  color: Record<string, unknown> = UTILIZATION_COLOR,
): TopLevelSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: CHART_CONFIG,
    data: { values: cells },
    transform: [{ calculate: "datum.hour + datum.hours", as: "hourEnd" }],
    // Run names above their panels, horizontal: rotated beside a panel they were cut short.
    facet: { row: { field: "run", type: "nominal", title: null, sort: panels, header: PANEL_HEADER } },
    spec: {
      width: CHART_WIDTH,
      height: 160,
      mark: { type: "rect" },
      encoding: {
        x: { field: "hour", type: "quantitative", title: "Simulated time (hours)", scale: { nice: false } },
        x2: { field: "hourEnd" },
        y: { field: "machine", type: "ordinal", title: "Machines", axis: null },
        color,
      },
    },
  } as TopLevelSpec;
}

/** The heatmaps' colour: CPU utilization 0–1 on viridis (cell and Quasar runs alike). */
export const UTILIZATION_COLOR = {
  field: "utilization",
  type: "quantitative",
  title: "CPU utilization",
  scale: { domain: [0, 1], scheme: "viridis" },
} as const;
