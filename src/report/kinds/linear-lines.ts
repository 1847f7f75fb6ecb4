/**
 * Shared pieces of the count-like "…-vs-decision-time" figures (conflict fraction, abandoned
 * jobs): lines on a linear y axis from zero, and panels that are zero throughout left undrawn.
 */
import type { TopLevelSpec } from "vega-lite";
import { panelSpec } from "../facet.js";
import { decisionTimeX, type DecisionAxis } from "./decision-axis.js";
import { zeroBasedY } from "./zero-axis.js";
import { colourEncoding, dashEncoding, panelsOf, type SeriesRow, type SeriesTable } from "./series.js";

/** Rows worth drawing and the panels left out because every value in them is zero. */
export interface QuietSplit {
  drawn: SeriesRow[];
  quiet: string[];
}

/**
 * Drops panels whose values are all zero (e.g. architectures that cannot conflict), so the
 * panels that do vary get the room; keeps every panel when all are zero, so the chart says so.
 */
export function splitQuietPanels(table: SeriesTable): QuietSplit {
  const plotted = table.rows.filter((r) => r.xSec > 0);
  if (!table.facet) return { drawn: plotted, quiet: [] };
  const loud = new Set(plotted.filter((r) => r.value !== 0).map((r) => r.facet));
  if (loud.size === 0) return { drawn: plotted, quiet: [] };
  const quiet = table.facet.values.filter((v) => !loud.has(v));
  return { drawn: plotted.filter((r) => loud.has(r.facet)), quiet };
}

/** Caption words for the left-out panels (`reason`: "no conflicts"), or "" when none were. */
export function quietSentence(split: QuietSplit, reason: string): string {
  if (split.quiet.length === 0) return "";
  return `Not drawn, ${reason} at any decision time (see the table): ${split.quiet.join(", ")}.`;
}

/** What the y axis shows. */
export interface LinearY {
  title: string;
  /** Dash legend title: `scheduler` or `workload`. */
  seriesTitle: string;
}

/** Lines with points over the drawn rows; y linear from zero, shared by every panel. */
export function linearLinesSpec(
  axis: DecisionAxis,
  table: SeriesTable,
  rows: SeriesRow[],
  y: LinearY,
): TopLevelSpec {
  const values = rows.map((r) => ({
    decisionTimeSec: r.xSec,
    facet: r.facet,
    group: r.group,
    series: r.series,
    value: r.value,
  }));
  // Legends list only what is drawn (schedulers of left-out panels would be noise).
  const drawn = { ...table, rows, series: table.series.filter((s) => rows.some((r) => r.series === s)) };
  const encoding = {
    x: decisionTimeX(
      axis,
      rows.map((r) => r.xSec),
    ),
    y: zeroBasedY(
      "value",
      y.title,
      rows.map((r) => r.value),
    ),
    ...colourEncoding(drawn, y.seriesTitle),
    strokeDash: dashEncoding(drawn, y.seriesTitle),
  };
  const layer = [{ mark: { type: "line", point: true }, encoding }];
  return panelSpec({ values, layer, panels: panelsOf(table, rows) });
}

/** Looks up a second per-row metric computed over the same points (same key ⇒ same point). */
export function rowLookup(rows: SeriesRow[]): (r: SeriesRow) => number | string {
  const key = (r: SeriesRow): string => JSON.stringify([r.facet, r.group, r.series, r.xSec]);
  const byKey = new Map(rows.map((r) => [key(r), r.value]));
  return (r) => byKey.get(key(r)) ?? "–";
}
