/**
 * Omega fig 3–4 style CDFs of a workload: job runtime, inter-arrival time and tasks per job, one
 * line per (input, kind): colour per input (trace or preset), solid batch, dashed service, log x.
 * On the runtime CDF, censored jobs (cut at the trace window's end) are open circles on their
 * curve, so the vertical jump many jobs cut at one time make is shown for what it is.
 */
import { WORKLOAD_KINDS } from "../../cluster/job.js";
import type { KindStats, WorkloadStats } from "../../workloads/characterize.js";
import { cdfPoints, type CdfPoint } from "../../workloads/cdf.js";
import { CHART_CONFIG, CHART_HEIGHT, CHART_WIDTH, layeredSpec, workloadDash } from "../chart-style.js";
import { formatQuantity } from "../quantity.js";
import type { FigureSpec, TableCell } from "../types.js";
import type { TopLevelSpec } from "vega-lite";

/** The three CDFs and how each reads its samples. */
export const WORKLOAD_CDFS = [
  {
    name: "job-runtime-cdf",
    what: "job runtime",
    unit: "s",
    samples: (k: KindStats) => k.runtimeSec,
    censored: (k: KindStats) => k.censoredRuntimeSec,
  },
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

/**
 * Where censored jobs sit on their CDF: one point per distinct censored runtime, at the fraction
 * of all the kind's jobs at or below it (at most `maxPoints`, evenly spaced over the distinct
 * values, the largest kept).
 */
export function censoredPoints(
  all: readonly number[],
  censored: readonly number[],
  maxPoints = 50,
): CdfPoint[] {
  if (censored.length === 0) return [];
  const sorted = Float64Array.from(all).sort();
  const distinct = [...new Set(Float64Array.from(censored).sort())];
  const step = Math.max(1, (distinct.length - 1) / Math.max(1, maxPoints - 1));
  const out: CdfPoint[] = [];
  for (let r = 0; r < distinct.length; r += step)
    out.push(pointAt(sorted, distinct[Math.round(r)] as number));
  const top = distinct[distinct.length - 1] as number;
  if (out[out.length - 1]?.value !== top) out.push(pointAt(sorted, top));
  return out;
}

/** (value, fraction of `sorted` ≤ value), by binary search. */
function pointAt(sorted: Float64Array, value: number): CdfPoint {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) <= value) lo = mid + 1;
    else hi = mid;
  }
  return { value, fraction: lo / sorted.length };
}

/** Builds one CDF figure over every input. */
export function buildWorkloadCdf(stats: readonly WorkloadStats[], cdf: CdfKind): FigureSpec {
  const rows: TableCell[][] = [];
  const marks: TableCell[][] = [];
  let hidden = 0;
  let censored = 0;
  let jobs = 0;
  for (const s of stats) {
    for (const kind of WORKLOAD_KINDS) {
      const k = s.kinds[kind];
      for (const p of cdfPoints(cdf.samples(k))) {
        if (p.value > 0) rows.push([s.name, kind, p.value, p.fraction]);
        else hidden++;
      }
      if (!("censored" in cdf)) continue;
      censored += k.censoredJobs;
      jobs += k.jobs;
      for (const p of censoredPoints(cdf.samples(k), cdf.censored(k)))
        if (p.value > 0) marks.push([s.name, kind, p.value, p.fraction, "censored"]);
    }
  }
  const axisTitle = `${cdf.what} (${cdf.unit}, log scale)`;
  const share = jobs > 0 ? ` (${formatQuantity((100 * censored) / jobs)} %)` : "";
  const columns = ["input", "workload", `${cdf.what} (${cdf.unit})`, "fraction ≤"];
  return {
    name: cdf.name,
    title: `CDF of ${cdf.what}`,
    caption: [
      `Empirical CDF of ${cdf.what} per workload kind: solid batch, dashed service; colour per input.`,
      "Prefill jobs count with the runtime that remains at t = 0.",
      censored > 0
        ? `Open circles mark censored jobs, ${formatQuantity(censored)} of ${formatQuantity(jobs)}${share}: still running at the trace window's end, their runtime was cut there and is a lower bound; a vertical jump at a circle is many jobs cut at the same time (e.g. prefill jobs running through the whole window), not jobs of that length.`
        : "",
      hidden > 0 ? "Zero values cannot sit on a log axis: the curve starts at their share." : "",
    ]
      .filter((x) => x !== "")
      .join(" "),
    vegaLiteSpec: cdfSpec(rows, marks, axisTitle),
    table:
      marks.length > 0
        ? { columns: [...columns, "censored"], rows: [...rows.map((r) => [...r, ""]), ...marks] }
        : { columns, rows },
  };
}

function cdfSpec(rows: TableCell[][], marks: TableCell[][], xTitle: string): TopLevelSpec {
  const values = rows.map(([input, kind, value, fraction]) => ({ input, kind, value, fraction }));
  const line = cdfLayer(values, xTitle);
  if (marks.length === 0)
    return {
      width: CHART_WIDTH,
      height: CHART_HEIGHT,
      config: CHART_CONFIG,
      ...line,
    } as unknown as TopLevelSpec;
  const censored = marks.map(([input, kind, value, fraction]) => ({ input, kind, value, fraction }));
  const points = {
    data: { values: censored },
    mark: { type: "point", shape: "circle", filled: false, size: 40, strokeWidth: 1.5 },
    encoding: {
      x: { field: "value", type: "quantitative", scale: { type: "log" } },
      y: { field: "fraction", type: "quantitative" },
      color: { field: "input", type: "nominal" },
      tooltip: [{ field: "input" }, { field: "kind" }, { field: "value", title: "censored runtime (s)" }],
    },
  };
  return layeredSpec([line, points]);
}

function cdfLayer(values: Record<string, TableCell | undefined>[], xTitle: string): Record<string, unknown> {
  return {
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
}
