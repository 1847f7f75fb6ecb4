/**
 * The per-machine CPU utilization heatmap of Quasar-study runs (Quasar fig 11b/c: servers ×
 * time). One panel per policy (first seed) on a shared time axis, so a policy that finishes
 * sooner shows a shorter band. Rows are machines sorted by type, so heterogeneity shows as bands.
 *
 * The report inlines the SVG, one rect per cell, so the grid is kept small: neighbouring machines
 * are averaged into at most MAX_ROWS rows and bins into at most MAX_COLUMNS columns of the same
 * width in every panel (each cell the exact mean of its machines × bins). Cells sit on a whole-
 * pixel grid and carry no ARIA labels, so a rect costs ~55 bytes; the data table lists the cells.
 */
import type { TopLevelSpec } from "vega-lite";
import { InputError } from "../../engine/errors.js";
import type { ResultsFile, RunRecord } from "../../experiment/results-types.js";
import type { FigureAxes } from "../../plugins/figure-axes.js";
import { CHART_CONFIG } from "../chart-style.js";
import type { FigureSpec, TableCell } from "../types.js";
import { UTILIZATION_COLOR } from "./machine-utilization-heatmap.js";
import { pct, perfOf, policyGroups } from "./quasar-groups.js";

const NAME = "machine-utilization-heatmap";
export const MAX_ROWS = 40;
export const MAX_COLUMNS = 48;
const COLUMN_PX = 12;
const ROW_PX = 4;
/** Candidate tick spacings, minutes: the first giving at most MAX_TICKS ticks is used. */
const TICK_STEPS_MIN = [1, 2, 5, 10, 15, 20, 30, 60, 120, 240, 480, 960];
const MAX_TICKS = 9;

/** One heatmap cell: a panel's column (time span) × row (group of machines). */
export interface QuasarHeatCell {
  run: string;
  col: number;
  row: number;
  /** Mean CPU utilization of the cell's machines over its bins, 0–1 (3 decimals). */
  utilization: number;
}

/** Machine indices ordered by type name, then index (a stable, type-banded order). */
function typeOrder(types: readonly string[]): number[] {
  return types
    .map((t, i) => ({ t, i }))
    .sort((a, b) => (a.t < b.t ? -1 : a.t > b.t ? 1 : a.i - b.i))
    .map((x) => x.i);
}

const binsOf = (run: RunRecord) => perfOf(run).heatmap.utilization[0]?.length ?? 0;

/** Bins per column shared by every panel: the longest run gets at most MAX_COLUMNS columns. */
export function binsPerColumn(runs: readonly RunRecord[]): number {
  return Math.max(1, Math.ceil(Math.max(0, ...runs.map(binsOf)) / MAX_COLUMNS));
}

/** Rows of machine indices: neighbours in type order, at most MAX_ROWS rows. */
function machineRows(types: readonly string[]): number[][] {
  const order = typeOrder(types);
  const height = Math.max(1, Math.ceil(order.length / MAX_ROWS));
  const rows: number[][] = [];
  for (let r = 0; r * height < order.length; r++) rows.push(order.slice(r * height, (r + 1) * height));
  return rows;
}

/** Averages a run's machines × bins matrix into rows × columns of `colBins` bins each. */
export function quasarHeatCells(run: RunRecord, panel: string, colBins: number): QuasarHeatCell[] {
  const h = perfOf(run).heatmap;
  const bins = binsOf(run);
  const cells: QuasarHeatCell[] = [];
  machineRows(h.machineTypes).forEach((machines, row) => {
    for (let col = 0; col * colBins < bins; col++) {
      let sum = 0;
      let n = 0;
      for (const m of machines) {
        const series = h.utilization[m] as readonly number[];
        for (let i = col * colBins; i < Math.min((col + 1) * colBins, bins); i++) {
          sum += series[i] as number;
          n++;
        }
      }
      cells.push({ run: panel, col, row, utilization: Math.round((sum / n) * 1000) / 1000 });
    }
  });
  return cells;
}

/** Axis ticks in column units at round minutes. */
function ticks(columns: number, minPerColumn: number): number[] {
  const total = columns * minPerColumn;
  const step = TICK_STEPS_MIN.find((s) => total / s <= MAX_TICKS) ?? total;
  const out: number[] = [];
  for (let m = 0; m <= total + 1e-9; m += step) out.push(m / minPerColumn);
  return out;
}

/** The heatmap spec: a row of cells per panel, a whole-pixel grid, viridis 0–1. */
function spec(
  cells: QuasarHeatCell[],
  panels: string[],
  columns: number,
  rows: number,
  minPerColumn: number,
) {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: CHART_CONFIG,
    data: { values: cells },
    transform: [{ calculate: "datum.col + 1", as: "colEnd" }],
    facet: { row: { field: "run", type: "nominal", title: null, sort: panels } },
    spec: {
      width: columns * COLUMN_PX,
      height: rows * ROW_PX,
      mark: { type: "rect", aria: false },
      encoding: {
        x: {
          field: "col",
          type: "quantitative",
          title: "Simulated time (min)",
          scale: { domain: [0, columns], nice: false, zero: true },
          axis: { values: ticks(columns, minPerColumn), labelExpr: `round(datum.value * ${minPerColumn})` },
        },
        x2: { field: "colEnd" },
        y: { field: "row", type: "ordinal", title: "Machines (by type)", axis: null },
        color: UTILIZATION_COLOR,
      },
    },
  } as TopLevelSpec;
}

/** The runs drawn: the entry's chosen run, else the first run (first seed) of every policy group. */
function shownRuns(results: ResultsFile, runId: string | null): { label: string; run: RunRecord }[] {
  const firsts = policyGroups(results).map((g) => ({ label: g.label, run: g.runs[0] as RunRecord }));
  if (runId === null) return firsts;
  const group = policyGroups(results).find((g) => g.runs.some((r) => r.runId === runId));
  const run = group?.runs.find((r) => r.runId === runId);
  if (!group || !run) throw new InputError(`figure ${NAME}: results.json has no run "${runId}"`);
  return [{ label: group.label, run }];
}

/** Caption words saying exactly which runs the panels show, and why those. */
function shownSentence(shown: readonly { label: string; run: RunRecord }[], chosen: boolean, total: number) {
  const ids = shown.map((f) => `${f.label}: ${f.run.runId}`).join(", ");
  if (chosen) return `Run shown: ${ids} (chosen in the experiment's figure entry).`;
  return (
    `Runs shown: ${shown.length} of ${total}, the first seed's run of each policy (${ids}); ` +
    `other seeds look alike. Name another with {"kind": "${NAME}", "run": "<runId>"}.`
  );
}

/** Builds the heatmap figure of a Quasar-study experiment (the entry may choose its run). */
export function buildQuasarHeatmap(results: ResultsFile, axes?: FigureAxes): FigureSpec {
  const firsts = shownRuns(results, axes?.run ?? null);
  const colBins = binsPerColumn(firsts.map((f) => f.run));
  const cells = firsts.flatMap((f) => quasarHeatCells(f.run, f.label, colBins));
  const first = firsts[0] ? perfOf(firsts[0].run) : undefined;
  const columns = Math.max(1, ...cells.map((c) => c.col + 1));
  const rows = first ? machineRows(first.heatmap.machineTypes) : [];
  const binSec = first?.heatmap.binSec ?? 0;
  const minPerColumn = (colBins * binSec) / 60;
  const means = firsts.map((f) => `${f.label} ${pct(perfOf(f.run).cpu.meanUtilization)}`);
  return {
    name: NAME,
    title: "Per-machine CPU utilization over time",
    caption:
      `CPU utilization (cores used ÷ cores) of the ${first?.heatmap.machineTypes.length ?? 0} machines over simulated time: rows ` +
      `are machines sorted by type, ${rows[0]?.length ?? 0} neighbours averaged per row; columns are ` +
      `${minPerColumn} min (${colBins} bins of ${binSec} s, averaged), the same in every panel, so a run that ` +
      `ends sooner leaves the rest blank. ${shownSentence(firsts, (axes?.run ?? null) !== null, results.runs.length)} Mean utilization over each run: ` +
      `${means.join(", ")} (paper, fig 11b/c: Quasar 62%, reservation+least-loaded 15%).`,
    vegaLiteSpec: spec(
      cells,
      firsts.map((f) => f.label),
      columns,
      rows.length,
      minPerColumn,
    ),
    table: heatTable(cells, rows, columns, minPerColumn, first?.heatmap.machineTypes ?? []),
  };
}

/** The cells as a wide table: a row per policy × machine row, a column per time column. */
function heatTable(
  cells: readonly QuasarHeatCell[],
  rows: readonly number[][],
  columns: number,
  minPerColumn: number,
  types: readonly string[],
) {
  const typesOf = (r: number) => [...new Set((rows[r] ?? []).map((m) => types[m] ?? "?"))].join("/");
  const byRow = new Map<string, TableCell[]>();
  for (const c of cells) {
    const key = `${c.run}\u0000${c.row}`;
    let row = byRow.get(key);
    if (!row) {
      row = [c.run, typesOf(c.row), ...Array.from({ length: columns }, () => "")];
      byRow.set(key, row);
    }
    row[2 + c.col] = Math.round(c.utilization * 100) / 100;
  }
  const heads = Array.from({ length: columns }, (_, i) => `${Math.round(i * minPerColumn * 10) / 10} min`);
  return { columns: ["policy", "machine types", ...heads], rows: [...byRow.values()] };
}
