/**
 * Turning runs into plotted series for the "…-vs-decision-time" figures: one row per
 * (other swept values, series, x), each the mean over seeds, in a stable order.
 */
import type { ResultsFile, RunRecord } from "../../experiment/results-types.js";
import { sortKinds, workloadDash } from "../chart-style.js";
import { mean, otherParamsTitle, roundSig, sweepPoints, uniqueInOrder, type SweepAxis } from "../sweep.js";

/** A per-run number for one series (workload kind or scheduler name); undefined when absent. */
export type RunMetric = (run: RunRecord, series: string) => number | undefined;

/** One plotted point: means over the seeds that reported the metric. */
export interface SeriesRow {
  xSec: number;
  group: string;
  series: string;
  seeds: number;
  value: number;
  spread: number;
}

/** Rows plus the orders that legends must follow. */
export interface SeriesTable {
  rows: SeriesRow[];
  groups: string[];
  /** Legend title of the colour (other swept values); undefined when nothing else is swept. */
  groupTitle: string | undefined;
  series: string[];
  /** Workload kind whose dash pattern a series uses (itself for workload series). */
  roleOf: (series: string) => string;
}

/** What the lines are: one per workload kind or one per scheduler name. */
export interface SeriesOptions {
  per: "workload" | "scheduler";
  value: RunMetric;
  spread?: RunMetric;
}

/** Averages `value` (and `spread`) over seeds for every sweep point and series. */
export function groupedRows(results: ResultsFile, axis: SweepAxis, opts: SeriesOptions): SeriesTable {
  const series = seriesOrder(results, opts.per);
  const points = sweepPoints(results, axis);
  const groups = uniqueInOrder(points.map((p) => p.group));
  const rows: SeriesRow[] = [];
  for (const point of points) {
    for (const name of series) {
      const values = finite(point.runs.map((run) => opts.value(run, name)));
      if (values.length === 0) continue;
      const spreads = opts.spread ? finite(point.runs.map((run) => opts.spread?.(run, name))) : [];
      rows.push({
        xSec: point.xSec,
        group: point.group,
        series: name,
        seeds: values.length,
        value: roundSig(mean(values)),
        spread: spreads.length > 0 ? roundSig(mean(spreads)) : 0,
      });
    }
  }
  const rank = (r: SeriesRow): number[] => [groups.indexOf(r.group), series.indexOf(r.series), r.xSec];
  rows.sort((a, b) => compareTuples(rank(a), rank(b)));
  const groupTitle =
    groups.length === 1 && groups[0] === "" ? undefined : otherParamsTitle(results, axis.key);
  return { rows, groups, groupTitle, series, roleOf: roleFinder(results, opts.per) };
}

function seriesOrder(results: ResultsFile, per: "workload" | "scheduler"): string[] {
  if (per === "workload") return sortKinds(results.runs.flatMap((r) => Object.keys(r.summary.workloads)));
  return uniqueInOrder(results.runs.flatMap((r) => r.summary.schedulers.map((s) => s.name)));
}

/** A scheduler serving only service jobs is drawn dashed, like service waits. */
function roleFinder(results: ResultsFile, per: "workload" | "scheduler"): (series: string) => string {
  if (per === "workload") return (kind) => kind;
  const roles = new Map<string, string>();
  for (const s of results.runs.flatMap((r) => r.summary.schedulers)) {
    if (!roles.has(s.name))
      roles.set(s.name, s.workloads.length === 1 ? (s.workloads[0] as string) : "batch");
  }
  return (name) => roles.get(name) ?? "batch";
}

function finite(values: (number | undefined)[]): number[] {
  return values.filter((v): v is number => typeof v === "number" && Number.isFinite(v));
}

function compareTuples(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Colour by the other swept values, with the legend in sweep order; none when nothing else is swept. */
export function colourEncoding(table: SeriesTable): Record<string, unknown> {
  if (table.groupTitle === undefined) return {};
  return {
    color: { field: "group", type: "nominal", title: table.groupTitle, scale: { domain: table.groups } },
  };
}

/** Dash pattern per series by its workload role: solid batch, dashed service. */
export function dashEncoding(table: SeriesTable, title: string): Record<string, unknown> {
  let nthOther = 0;
  const range = table.series.map((s) => {
    const role = table.roleOf(s);
    return workloadDash(role, role === "batch" || role === "service" ? 0 : nthOther++);
  });
  return {
    field: "series",
    type: "nominal",
    title,
    scale: { domain: table.series, range },
    legend: { symbolType: "stroke", symbolSize: 300 },
  };
}

/** "Mean over seeds 1, 2 (12 runs)." or "Seed 1 (6 runs)." */
export function seedsSentence(results: ResultsFile): string {
  const seeds = uniqueInOrder(results.runs.map((r) => r.seed));
  const runs = `${results.runs.length} run${results.runs.length === 1 ? "" : "s"}`;
  if (seeds.length === 1) return `Seed ${seeds[0]} (${runs}).`;
  return `Each point is the mean over seeds ${seeds.join(", ")} (${runs}).`;
}
