/**
 * Omega fig 2 style: the batch/service shares of jobs, tasks, CPU-seconds and memory-seconds,
 * one stacked horizontal bar per input (trace or preset) and metric.
 */
import type { TopLevelSpec } from "vega-lite";
import { WORKLOAD_KINDS } from "../../cluster/job.js";
import { kindShares, type KindStats, type WorkloadStats } from "../../workloads/characterize.js";
import { CHART_CONFIG, CHART_WIDTH } from "../chart-style.js";
import type { FigureSpec, TableCell } from "../types.js";

const METRICS: [string, (k: KindStats) => number][] = [
  ["jobs", (k) => k.jobs],
  ["tasks", (k) => k.tasks],
  ["CPU-seconds", (k) => k.cpuSec],
  ["memory-seconds", (k) => k.memGbSec],
];

/** Kind colours fixed so batch and service look the same in every report. */
const KIND_COLOURS = ["#4e79a7", "#e15759"];

/** Builds the shares figure over every input. */
export function buildWorkloadShares(stats: readonly WorkloadStats[]): FigureSpec {
  const rows: TableCell[][] = [];
  for (const s of stats) {
    for (const [metric, read] of METRICS) {
      const shares = kindShares(s, read);
      for (const kind of WORKLOAD_KINDS) rows.push([s.name, metric, kind, shares[kind], read(s.kinds[kind])]);
    }
  }
  return {
    name: "workload-shares",
    title: "Batch and service shares of jobs, tasks, CPU and memory",
    caption:
      "Share of each workload kind in the number of jobs and tasks and in the requested CPU- and " +
      "memory-seconds (tasks × request × duration), prefill jobs included, per input.",
    vegaLiteSpec: sharesSpec(rows, stats.length),
    table: { columns: ["input", "metric", "workload", "share", "total"], rows },
  };
}

function sharesSpec(rows: TableCell[][], inputs: number): TopLevelSpec {
  const values = rows.map(([input, metric, kind, share]) => ({ input, metric, kind, share }));
  const spec = {
    config: CHART_CONFIG,
    data: { values },
    facet: { row: { field: "metric", type: "nominal", title: null, sort: METRICS.map(([m]) => m) } },
    spec: {
      width: CHART_WIDTH,
      height: Math.max(24, 24 * inputs),
      mark: { type: "bar" },
      encoding: {
        y: { field: "input", type: "nominal", title: null },
        x: {
          field: "share",
          type: "quantitative",
          stack: "zero",
          scale: { domain: [0, 1] },
          axis: { format: "%" },
          title: "share",
        },
        color: {
          field: "kind",
          type: "nominal",
          title: "workload",
          scale: { domain: [...WORKLOAD_KINDS], range: KIND_COLOURS },
        },
        order: { field: "kind", sort: "ascending" },
      },
    },
  };
  return spec as unknown as TopLevelSpec;
}
