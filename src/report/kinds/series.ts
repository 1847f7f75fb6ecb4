import type { SchedulerSummary } from "../../metrics/summary.js";
/**
 * Turning runs into plotted series for the "…-vs-decision-time" figures: one row per
 * (other swept values, series, x), each the mean over seeds, in a stable order.
 */
import type { ResultsFile, RunRecord } from "../../experiment/results-types.js";
import { clusterColours, kindColour, sortKinds, workloadDash } from "../chart-style.js";
import { facetOf, identicalPanelsSentence, panelsIdentical, type Facet } from "../facet.js";
import type { FigureAxes } from "../../plugins/figure-axes.js";
import {
  mean,
  otherParamsTitle,
  roundSig,
  sweepPoints,
  uniqueInOrder,
  type AxisReader,
  type SweepAxis,
} from "../sweep.js";

/** A per-run number for one series (workload kind or scheduler name); undefined when absent. */
export type RunMetric = (run: RunRecord, series: string) => number | undefined;

/** One plotted point: means over the seeds that reported the metric. */
export interface SeriesRow {
  xSec: number;
  /** Panel label when faceted, else "". */
  facet: string;
  group: string;
  series: string;
  seeds: number;
  value: number;
  spread: number;
}

/** Rows plus the orders that legends must follow. */
export interface SeriesTable {
  rows: SeriesRow[];
  /** The swept objects drawn one per panel (architecture variants), when any are swept. */
  facet: Facet | undefined;
  groups: string[];
  /** Legend title of the colour (other swept values); undefined when nothing else is swept. */
  groupTitle: string | undefined;
  /** Fixed colours per group when the groups are cluster presets (one colour per cluster A/B/C). */
  groupColours?: string[] | undefined;
  series: string[];
  /** Workload kind whose dash pattern a series uses (itself for workload series). */
  roleOf: (series: string) => string;
  /** Workload kinds a series serves (itself for workload series); picks its colour family. */
  kindsOf: (series: string) => readonly string[];
}

/** What the lines are: one per workload kind or one per scheduler name. */
export interface SeriesOptions {
  per: "workload" | "scheduler";
  value: RunMetric;
  spread?: RunMetric;
  /** The x value of a run (default: the swept duration in seconds). */
  x?: AxisReader;
}

/**
 * Averages `value` (and `spread`) over seeds for every sweep point and series. A swept object
 * (architecture variant) becomes the panel rather than part of the colour group.
 */
export function groupedRows(
  results: ResultsFile,
  axes: FigureAxes,
  axis: SweepAxis,
  opts: SeriesOptions,
): SeriesTable {
  const series = seriesOrder(results, opts.per);
  const facet = facetOf(results, axes.facet);
  // Every swept key off the colour keys is left out of the colour label.
  const offColour = results.experiment.sweepPaths.filter((k) => !axes.series.includes(k));
  const points = sweepPoints(results, axis, facet?.key, opts.x, offColour);
  const groups = uniqueInOrder(points.map((p) => p.group));
  const rows: SeriesRow[] = [];
  for (const point of points) {
    for (const name of series) {
      const values = finite(point.runs.map((run) => opts.value(run, name)));
      if (values.length === 0) continue;
      const spreads = opts.spread ? finite(point.runs.map((run) => opts.spread?.(run, name))) : [];
      rows.push({
        xSec: point.xSec,
        facet: point.facet,
        group: point.group,
        series: name,
        seeds: values.length,
        value: roundSig(mean(values)),
        spread: spreads.length > 0 ? roundSig(mean(spreads)) : 0,
      });
    }
  }
  const panels = facet?.values ?? [""];
  const rank = (r: SeriesRow): number[] => [
    panels.indexOf(r.facet),
    groups.indexOf(r.group),
    series.indexOf(r.series),
    r.xSec,
  ];
  rows.sort((a, b) => compareTuples(rank(a), rank(b)));
  const groupTitle =
    groups.length === 1 && groups[0] === "" ? undefined : otherParamsTitle(results, offColour);
  const kindsOf = kindsFinder(results, opts.per);
  // A scheduler serving several kinds (monolithic) is drawn solid, like batch.
  const roleOf = (name: string): string => {
    const kinds = kindsOf(name);
    return kinds.length === 1 ? (kinds[0] as string) : "batch";
  };
  const groupColours = presetsOnly(results, offColour) ? clusterColours(groups) : undefined;
  return { rows, facet, groups, groupTitle, groupColours, series, roleOf, kindsOf };
}

const PRESET_PATH_RE = /^(cluster|workload)\.preset$/;

/** True when the only swept keys besides `exclude` set cluster/workload presets (paper style). */
function presetsOnly(results: ResultsFile, exclude: readonly string[]): boolean {
  const others = results.experiment.sweepPaths.filter((k) => !exclude.includes(k));
  return others.length === 1 && (others[0] as string).split(",").every((p) => PRESET_PATH_RE.test(p.trim()));
}

function seriesOrder(results: ResultsFile, per: "workload" | "scheduler"): string[] {
  if (per === "workload") return sortKinds(results.runs.flatMap((r) => Object.keys(r.summary.workloads)));
  return uniqueInOrder(results.runs.flatMap((r) => r.summary.schedulers.map((s) => s.name)));
}

/** The workload kinds each series serves, as first reported (a scheduler keeps its kinds). */
function kindsFinder(results: ResultsFile, per: "workload" | "scheduler"): (series: string) => string[] {
  if (per === "workload") return (kind) => [kind];
  const kinds = new Map<string, string[]>();
  for (const s of results.runs.flatMap((r) => r.summary.schedulers)) {
    if (!kinds.has(s.name)) kinds.set(s.name, sortKinds(s.workloads));
  }
  return (name) => kinds.get(name) ?? [];
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

/**
 * Colour by the other swept values, with the legend in sweep order (fixed colours per cluster when
 * the presets are all that is swept, so cluster C is the same green in every figure). Faceted figures with nothing
 * else swept colour each series instead (its panel already names the variant); sharing the dash
 * legend's field and title makes vega-lite merge both into one legend. Otherwise no colour.
 */
export function colourEncoding(table: SeriesTable, seriesTitle: string): Record<string, unknown> {
  if (table.groupTitle !== undefined) {
    const scale = { domain: table.groups, ...(table.groupColours ? { range: table.groupColours } : {}) };
    return { color: { field: "group", type: "nominal", title: table.groupTitle, scale } };
  }
  if (table.facet === undefined) return {};
  const rank = rankInPanel(table);
  const range = table.series.map((name) => kindColour(table.kindsOf(name), rank.get(name) ?? 0));
  return {
    color: { field: "series", type: "nominal", title: seriesTitle, scale: { domain: table.series, range } },
  };
}

/**
 * Each series' rank among the series of its colour family (batch, service, both) within its panel:
 * the first batch scheduler of every variant gets the base blue, a second one the next shade.
 */
function rankInPanel(table: SeriesTable): Map<string, number> {
  const members = new Map<string, string[]>();
  for (const r of table.rows) {
    const key = JSON.stringify([r.facet, table.kindsOf(r.series)]);
    const list = members.get(key) ?? [];
    if (!list.includes(r.series)) members.set(key, [...list, r.series]);
  }
  const rank = new Map<string, number>();
  for (const list of members.values()) {
    list.forEach((name, i) => rank.set(name, Math.min(i, rank.get(name) ?? i)));
  }
  return rank;
}

/**
 * The leading table columns of a row: its panel (when faceted), its x value and its colour group
 * (when other values are swept), so the table reads in the same order as the panels.
 */
export function leadingColumns(
  table: SeriesTable,
  xTitle: string,
): { columns: string[]; cells: (r: SeriesRow) => (string | number)[] } {
  const { facet, groupTitle } = table;
  const columns = [...(facet ? [facet.title] : []), xTitle, ...(groupTitle ? [groupTitle] : [])];
  const cells = (r: SeriesRow): (string | number)[] => [
    ...(facet ? [r.facet] : []),
    r.xSec,
    ...(groupTitle ? [r.group] : []),
  ];
  return { columns, cells };
}

/** Caption words for the panels and colours: "One panel per architecture (shared axes). …" */
export function layoutSentence(table: SeriesTable): string {
  const panels = panelsOf(table);
  const same = table.facet !== undefined && panels !== undefined && panelsIdentical(table.rows, panels);
  return [
    table.facet && same ? identicalPanelsSentence(table.facet.title, panels ?? []) : "",
    table.facet && !same ? `One panel per ${table.facet.title} (shared axes).` : "",
    table.groupTitle ? `Colour: ${table.groupTitle}.` : "",
  ]
    .filter((s) => s !== "")
    .join(" ");
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

/** The panels that have rows to draw, in sweep order; undefined when the figure is not faceted. */
export function panelsOf(table: SeriesTable, rows: SeriesRow[] = table.rows): string[] | undefined {
  return table.facet?.values.filter((v) => rows.some((r) => r.facet === v));
}

/** A run's scheduler summary by name (undefined when the run has no such scheduler). */
export function schedulerOf(run: RunRecord, name: string): SchedulerSummary | undefined {
  return run.summary.schedulers.find((s) => s.name === name);
}
