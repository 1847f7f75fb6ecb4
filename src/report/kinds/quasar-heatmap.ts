/**
 * The per-machine CPU utilization heatmap of Quasar-study runs (Quasar fig 11b/c: servers ×
 * time), drawn with the cell-model heatmap's spec (machine-utilization-heatmap.ts). One panel per
 * policy (first seed). Rows are machines sorted by type, so heterogeneity shows as bands;
 * neighbouring machines are averaged into at most MAX_ROWS rows and bins into MAX_COLUMNS columns
 * to keep the inline SVG near 1 MB.
 */
import type { QuasarResultsFile, QuasarRunRecord } from "../../experiment/results-types.js";
import { roundSig } from "../sweep.js";
import type { FigureSpec, TableCell } from "../types.js";
import { heatmapSpec, type HeatCell } from "./machine-utilization-heatmap.js";
import { pct, policyGroups } from "./quasar-groups.js";

const NAME = "machine-utilization-heatmap";
const MAX_ROWS = 40;
const MAX_COLUMNS = 48;

/** Machine indices ordered by type name, then index (a stable, type-banded order). */
function typeOrder(types: readonly string[]): number[] {
  return types
    .map((t, i) => ({ t, i }))
    .sort((a, b) => (a.t < b.t ? -1 : a.t > b.t ? 1 : a.i - b.i))
    .map((x) => x.i);
}

/** Averages a run's machines × bins matrix into ≤ MAX_ROWS × MAX_COLUMNS cells. */
export function quasarHeatCells(run: QuasarRunRecord, panel: string): HeatCell[] {
  const h = run.summary.heatmap;
  const order = typeOrder(h.machineTypes);
  const bins = h.utilization[0]?.length ?? 0;
  const rowHeight = Math.max(1, Math.ceil(order.length / MAX_ROWS));
  const colWidth = Math.max(1, Math.ceil(bins / MAX_COLUMNS));
  const hoursPerBin = h.binSec / 3600;
  const cells: HeatCell[] = [];
  for (let r = 0; r * rowHeight < order.length; r++) {
    const machines = order.slice(r * rowHeight, (r + 1) * rowHeight);
    for (let c = 0; c * colWidth < bins; c++) {
      let sum = 0;
      let n = 0;
      for (const m of machines) {
        const row = h.utilization[m] as readonly number[];
        for (let i = c * colWidth; i < Math.min((c + 1) * colWidth, bins); i++) {
          sum += row[i] as number;
          n++;
        }
      }
      const hour = roundSig(c * colWidth * hoursPerBin);
      cells.push({
        run: panel,
        hour,
        hours: roundSig(colWidth * hoursPerBin),
        machine: r,
        utilization: roundSig(sum / n),
      });
    }
  }
  return cells;
}

/** Builds the heatmap figure of a Quasar-study experiment. */
export function buildQuasarHeatmap(results: QuasarResultsFile): FigureSpec {
  const firsts = policyGroups(results).map((g) => ({ label: g.label, run: g.runs[0] as QuasarRunRecord }));
  const cells = firsts.flatMap((f) => quasarHeatCells(f.run, f.label));
  const first = firsts[0]?.run.summary;
  const means = firsts.map((f) => `${f.label} ${pct(f.run.summary.cpu.meanUtilization)}`);
  return {
    name: NAME,
    title: "Per-machine CPU utilization over time",
    caption:
      `CPU utilization (cores used ÷ cores) of each of the ${first?.machines ?? 0} machines (rows, sorted by ` +
      `machine type) over simulated time, per ${first?.heatmap.binSec ?? 0} s bin, averaged into at most ` +
      `${MAX_ROWS} rows and ${MAX_COLUMNS} columns; a panel per policy, first seed. Mean cell utilization: ` +
      `${means.join(", ")} (paper, fig 11b/c: Quasar 62%, reservation+least-loaded 15%).`,
    vegaLiteSpec: heatmapSpec(
      cells,
      firsts.map((f) => f.label),
    ),
    table: {
      columns: ["policy", "hour", "machine row", "CPU utilization"],
      rows: cells.map((c): TableCell[] => [c.run, c.hour, c.machine, c.utilization]),
    },
  };
}
