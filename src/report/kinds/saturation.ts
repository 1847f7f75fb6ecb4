/**
 * Saturation markers for Omega fig 8: the first swept value at which a scheduler stops keeping
 * up. Two signs count, because either can come first: its daily-median busyness reaches 0.95,
 * or its queue grows — jobs it never got to attempt pile up, so at the horizon more than 1% of
 * the jobs of its kinds (at least 10) are still waiting for a first attempt. A stable queue holds
 * only a handful of jobs (λ × mean wait), a saturated one grows linearly with time.
 */
import type { FigureAxes } from "../../plugins/figure-axes.js";
import type { ResultsFile, RunRecord } from "../../experiment/results-types.js";
import type { SchedulerSummary } from "../../metrics/summary.js";
import type { AxisReader, SweepAxis } from "../sweep.js";
import { groupedRows, schedulerOf, type SeriesTable } from "./series.js";

/** Daily-median busyness at which a scheduler counts as saturated. */
export const SATURATION_BUSYNESS = 0.95;
/** Never-attempted jobs at the horizon, as a share of submitted jobs, that mean a growing queue. */
export const QUEUE_GROWTH_SHARE = 0.01;
/** …and at least this many, so a few in-flight jobs of a rare kind do not count. */
export const QUEUE_GROWTH_MIN_JOBS = 10;

/** True when the jobs `s` serves were left waiting for a first attempt in a growing queue. */
export function queueGrows(run: RunRecord, s: SchedulerSummary): boolean {
  let waiting = 0;
  let submitted = 0;
  for (const kind of s.workloads) {
    const w = run.summary.workloads[kind];
    waiting += w?.waitFirstSec.censored ?? 0;
    submitted += w?.submitted ?? 0;
  }
  return waiting > Math.max(QUEUE_GROWTH_MIN_JOBS, QUEUE_GROWTH_SHARE * submitted);
}

/** True when scheduler `s` is saturated in this run (busy ≥ 0.95 or a growing queue). */
export function isSaturated(run: RunRecord, s: SchedulerSummary): boolean {
  return s.busynessDailyMedian >= SATURATION_BUSYNESS || queueGrows(run, s);
}

/** The first saturated point of one scheduler's line. */
export interface SaturationMark {
  facet: string;
  group: string;
  /** Scheduler name. */
  series: string;
  /** Workload kind the scheduler stands for (its only kind; `batch` for a shared scheduler). */
  role: string;
  x: number;
}

/** Per scheduler and sweep point, the share of seeds saturated; plus the first saturated points. */
export interface Saturation {
  table: SeriesTable;
  marks: SaturationMark[];
}

/**
 * Finds, for every line (panel × colour group × scheduler), the first x at which most seeds are
 * saturated. Rows arrive sorted by panel, group, scheduler, then x, so one pass suffices.
 */
export function findSaturation(
  results: ResultsFile,
  axes: FigureAxes,
  axis: SweepAxis,
  x: AxisReader,
): Saturation {
  const table = groupedRows(results, axes, axis, {
    per: "scheduler",
    x,
    value: (run, name) => {
      const s = schedulerOf(run, name);
      return s === undefined ? undefined : isSaturated(run, s) ? 1 : 0;
    },
  });
  return { table, marks: firstSaturated(table) };
}

/**
 * The first x of every line (panel × colour group × series) whose saturated share of seeds (the
 * row's value, 0–1) is at least half. Rows arrive sorted by panel, group, series, then x.
 */
export function firstSaturated(table: SeriesTable): SaturationMark[] {
  const marks: SaturationMark[] = [];
  const seen = new Set<string>();
  for (const r of table.rows) {
    const line = JSON.stringify([r.facet, r.group, r.series]);
    if (seen.has(line) || r.value < 0.5) continue;
    seen.add(line);
    marks.push({ facet: r.facet, group: r.group, series: r.series, role: table.roleOf(r.series), x: r.xSec });
  }
  return marks;
}

/** A lookup of a point's saturated share of seeds, for the figures' tables. */
export function saturatedShare(
  sat: Saturation,
): (facet: string, group: string, series: string, x: number) => number {
  const key = (...parts: (string | number)[]): string => JSON.stringify(parts);
  const byKey = new Map(sat.table.rows.map((r) => [key(r.facet, r.group, r.series, r.xSec), r.value]));
  return (facet, group, series, x) => byKey.get(key(facet, group, series, x)) ?? 0;
}

/**
 * "Saturation (…): google-a: batch-0 at 2.5×, service-0 not within the sweep; …" — the values
 * the paper quotes, so the caption can be checked without reading the chart.
 */
export function saturationSentence(sat: Saturation, unit: string): string {
  const lines = new Map<string, string[]>();
  for (const r of sat.table.rows) {
    const where = [r.facet, r.group].filter((p) => p !== "").join(" · ");
    const list = lines.get(where) ?? [];
    if (!list.includes(r.series)) lines.set(where, [...list, r.series]);
  }
  const parts = [...lines.entries()].map(([where, names]) => {
    const said = names.map((name) => {
      const mark = sat.marks.find(
        (m) => m.series === name && [m.facet, m.group].filter((p) => p !== "").join(" · ") === where,
      );
      return mark ? `${name} at ${mark.x}${unit}` : `${name} not within the sweep`;
    });
    return `${where === "" ? "" : `${where}: `}${said.join(", ")}`;
  });
  return (
    `Saturation (vertical rules; first swept value at which most seeds show daily-median busyness ≥ ${SATURATION_BUSYNESS} ` +
    `or a growing queue, i.e. > ${QUEUE_GROWTH_SHARE * 100}% of the jobs still unattempted at the horizon): ${parts.join("; ")}.`
  );
}

/** Vertical gap between stacked saturation labels. */
const LABEL_STEP_PX = 12;

/**
 * Plot rows for the saturation rules (`kind: "saturation"`), one per line's mark; `seriesBy:
 * "role"` labels them with the scheduler's workload kind (figures whose lines are kinds), deduped.
 */
export function saturationRows(sat: Saturation, seriesBy: "series" | "role"): Record<string, unknown>[] {
  const seen = new Set<string>();
  const perPanel = new Map<string, number>();
  const rows: Record<string, unknown>[] = [];
  for (const m of sat.marks) {
    const series = seriesBy === "role" ? m.role : m.series;
    const key = JSON.stringify([m.facet, m.group, series, m.x]);
    if (seen.has(key)) continue;
    seen.add(key);
    // Labels stack down from the top of their panel so marks at the same x stay readable.
    const nth = perPanel.get(m.facet) ?? 0;
    perPanel.set(m.facet, nth + 1);
    const labelPx = 2 + LABEL_STEP_PX * nth;
    rows.push({
      kind: "saturation",
      x: m.x,
      facet: m.facet,
      group: m.group,
      series,
      label: `${m.x}×`,
      labelPx,
    });
  }
  return rows;
}

/** Vertical rules at the saturation points, in the line's colour and dash, with the value on top. */
export function saturationLayer(
  colour: Record<string, unknown>,
  dash: Record<string, unknown>,
): Record<string, unknown> {
  const x = { field: "x", type: "quantitative" };
  return {
    transform: [{ filter: "datum.kind === 'saturation'" }],
    layer: [
      {
        mark: { type: "rule", strokeWidth: 1.5, opacity: 0.85 },
        encoding: { x, ...colour, strokeDash: dash },
      },
      {
        mark: { type: "text", align: "left", baseline: "top", dx: 3, fontSize: 10, fontWeight: "bold" },
        // `scale: null` places each label at its own pixel offset from the top.
        encoding: {
          x,
          y: { field: "labelPx", type: "quantitative", scale: null },
          text: { field: "label" },
          ...colour,
        },
      },
    ],
  };
}
