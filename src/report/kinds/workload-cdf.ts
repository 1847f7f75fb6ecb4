/**
 * Omega fig 3–4 style CDFs of a workload: job runtime, inter-arrival time and tasks per job, one
 * line per (input, kind): colour per input (trace or preset), solid batch, dashed service, log x.
 */
import { cdfPoints } from "../../workloads/cdf.js";
import { WORKLOAD_KINDS } from "../../cluster/job.js";
import type { KindStats, WorkloadStats } from "../../workloads/characterize.js";
import { CHART_CONFIG, CHART_HEIGHT, CHART_WIDTH, workloadDash } from "../chart-style.js";
import type { FigureSpec, TableCell } from "../types.js";
import type { TopLevelSpec } from "vega-lite";

/** The three CDFs and how each reads its samples. */
export const WORKLOAD_CDFS = [
  { name: "job-runtime-cdf", what: "job runtime", unit: "s", samples: (k: KindStats) => k.runtimeSec },
  {
    name: "interarrival-cdf",
    what: "job inter-arrival time",
    unit: "s",
    samples: (k: KindStats) => k.interarrivalSec,
  },
  {
    name: "tasks-per-job-cdf",
    what: "tasks per job",
    unit: "tasks",
    samples: (k: KindStats) => k.tasksPerJob,
  },
] as const;

type CdfKind = (typeof WORKLOAD_CDFS)[number];

/** Builds one CDF figure over every input. */
export function buildWorkloadCdf(stats: readonly WorkloadStats[], cdf: CdfKind): FigureSpec {
  const rows: TableCell[][] = [];
  let hidden = 0;
  for (const s of stats) {
    for (const kind of WORKLOAD_KINDS) {
      for (const p of cdfPoints(cdf.samples(s.kinds[kind]))) {
        if (p.value > 0) rows.push([s.name, kind, p.value, p.fraction]);
        else hidden++;
      }
    }
  }
  const axisTitle = `${cdf.what} (${cdf.unit}, log scale)`;
  return {
    name: cdf.name,
    title: `CDF of ${cdf.what}`,
    caption: [
      `Empirical CDF of ${cdf.what} per workload kind: solid batch, dashed service; colour per input.`,
      "Prefill jobs count with the runtime that remains at t = 0.",
      hidden > 0 ? "Zero values cannot sit on a log axis: the curve starts at their share." : "",
    ]
      .filter((x) => x !== "")
      .join(" "),
    vegaLiteSpec: cdfSpec(rows, axisTitle),
    table: { columns: ["input", "workload", `${cdf.what} (${cdf.unit})`, "fraction ≤"], rows },
  };
}

function cdfSpec(rows: TableCell[][], xTitle: string): TopLevelSpec {
  const values = rows.map(([input, kind, value, fraction]) => ({ input, kind, value, fraction }));
  const spec = {
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    config: CHART_CONFIG,
    data: { values },
    mark: { type: "line", interpolate: "step-after" },
    encoding: {
      x: { field: "value", type: "quantitative", scale: { type: "log" }, title: xTitle },
      y: { field: "fraction", type: "quantitative", scale: { domain: [0, 1] }, title: "fraction of jobs" },
      color: { field: "input", type: "nominal", title: "input" },
      strokeDash: {
        field: "kind",
        type: "nominal",
        title: "workload",
        scale: { domain: [...WORKLOAD_KINDS], range: WORKLOAD_KINDS.map((k) => workloadDash(k, 0)) },
      },
      detail: [{ field: "input" }, { field: "kind" }],
    },
  };
  return spec as unknown as TopLevelSpec;
}
