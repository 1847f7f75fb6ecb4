/**
 * The "all runs" table at the end of the report: one row per run with its swept values and the
 * headline metrics, so every figure's point can be traced back to the runs behind it.
 */
import type { ResultsFile, RunRecord } from "../experiment/results-types.js";
import { sortKinds } from "./chart-style.js";
import { formatNumber } from "./html-parts.js";
import { formatParamValue, roundSig, uniqueInOrder } from "./sweep.js";
import type { FigureTable, TableCell } from "./types.js";

/** Columns and rows of the all-runs summary, in runId order. */
export function runsTable(results: ResultsFile): FigureTable {
  const kinds = sortKinds(results.runs.flatMap((r) => Object.keys(r.summary.workloads)));
  const schedulers = uniqueInOrder(results.runs.flatMap((r) => r.summary.schedulers.map((s) => s.name)));
  const columns = [
    "runId",
    "seed",
    ...results.experiment.sweepPaths,
    ...kinds.map((k) => `${k} mean waitFirstSec`),
    ...kinds.map((k) => `${k} abandoned`),
    "busyness (daily median ± MAD)",
    "utilization cpu",
    "utilization mem",
  ];
  const rows = results.runs.map((run) => [
    run.runId,
    run.seed,
    ...results.experiment.sweepPaths.map((p) => formatParamValue(run.params[p])),
    ...kinds.map((k) => cell(run.summary.workloads[k]?.waitFirstSec.mean)),
    ...kinds.map((k) => cell(run.summary.workloads[k]?.abandoned)),
    busynessText(run, schedulers),
    cell(run.summary.cell.utilization.cpu),
    cell(run.summary.cell.utilization.mem),
  ]);
  return { columns, rows };
}

function cell(value: number | undefined): TableCell {
  return value === undefined ? "–" : roundSig(value);
}

/** "batch 0.12 ± 0.01 · service 0.05 ± 0" — schedulers vary in number, so one column holds them. */
function busynessText(run: RunRecord, names: string[]): string {
  const parts: string[] = [];
  for (const name of names) {
    const s = run.summary.schedulers.find((x) => x.name === name);
    if (!s) continue;
    const label = names.length === 1 ? "" : `${name} `;
    parts.push(`${label}${formatNumber(s.busynessDailyMedian)} ± ${formatNumber(s.busynessDailyMad)}`);
  }
  return parts.join(" · ");
}
