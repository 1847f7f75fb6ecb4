/**
 * Error bars a reader cannot see. A ± spread bar narrower than a pixel at the chart's scale draws
 * nothing, which reads as "no bar" or "no spread"; the caption says so instead of staying silent.
 */
import { CHART_HEIGHT } from "../chart-style.js";
import { PANEL_HEIGHT } from "../facet.js";

/** A plotted value with its ± spread (the half-width of its bar). */
export interface SpreadRow {
  value: number;
  spread: number;
}

/** Bar length in pixels on a linear axis of `domainSpan` units drawn `heightPx` tall. */
export function barPixels(spread: number, domainSpan: number, heightPx: number): number {
  return domainSpan > 0 ? (2 * spread * heightPx) / domainSpan : 0;
}

/** Plot height of a figure's panels: full-size, or the small-multiple panel when faceted. */
export function plotHeight(faceted: boolean): number {
  return faceted ? PANEL_HEIGHT : CHART_HEIGHT;
}

/**
 * Caption words when every bar is under a pixel on a linear y axis spanning `domainSpan` over
 * `heightPx`: "" when some bar is visible or there are no rows. `what` names the bars.
 */
export function subPixelBarsNote(
  rows: readonly SpreadRow[],
  domainSpan: number,
  heightPx: number,
  what: string,
): string {
  if (rows.length === 0) return "";
  const widest = Math.max(...rows.map((r) => r.spread));
  if (barPixels(widest, domainSpan, heightPx) >= 1) return "";
  const largest = widest === 0 ? "every one is 0" : `the largest is ± ${Number(widest.toPrecision(2))}`;
  return `The ${what} intervals are all narrower than a pixel at this scale (${largest}), so no bar is visible; the table gives them.`;
}
