/**
 * Small multiples. When an experiment sweeps whole objects (typically `architecture`: several
 * named variants), one chart with a line per variant × scheduler × workload is unreadable, so
 * figures draw one panel per variant instead, sharing both axes so panels compare at a glance.
 */
import type { TopLevelSpec } from "vega-lite";
import type { ResultsFile } from "../experiment/results-types.js";
import { CHART_CONFIG, CHART_HEIGHT, CHART_WIDTH } from "./chart-style.js";
import { formatParamValue, uniqueInOrder } from "./sweep.js";

/**
 * Panel size when faceted. Narrower panels squeeze a log axis's labels together, and a page
 * scales a too-wide SVG down, so panels stay at least 260 px wide and wrap three to a row (three
 * panels and a legend fit the report's page width unscaled).
 */
export const PANEL_WIDTH = 260;
export const PANEL_HEIGHT = 150;
/** Panels per row; more variants wrap onto further rows. */
export const PANEL_COLUMNS = 3;

/** The swept value figures facet by: its sweep key, a short title and panel labels in sweep order. */
export interface Facet {
  key: string;
  /** E.g. `architecture` (the last path segment of the key). */
  title: string;
  /** Panel labels (`name`, else `type`, of each swept object) in sweep order. */
  values: string[];
}

function isObjectValue(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * An object, or a tuple holding one: `"architecture,horizon": [[{…two-level…}, "1d"], …]` gives
 * each variant its own horizon (Mesos runs 1 day in the paper) and still draws a panel per variant.
 */
function isFacetValue(value: unknown): boolean {
  return isObjectValue(value) || (Array.isArray(value) && value.some(isObjectValue));
}

/** The first swept key (other than `exclude`) whose values are objects (or tuples with one). */
export function findFacet(results: ResultsFile, exclude?: string): Facet | undefined {
  const key = results.experiment.sweepPaths.find(
    (k) => k !== exclude && results.runs.some((run) => isFacetValue(run.params[k])),
  );
  return key === undefined ? undefined : facetOf(results, key);
}

/** The facet of a sweep key chosen by the plan (`FigureAxes.facet`); undefined for null. */
export function facetOf(results: ResultsFile, key: string | null): Facet | undefined {
  if (key === null) return undefined;
  return {
    key,
    title: key.split(".").at(-1) ?? key,
    values: uniqueInOrder(results.runs.map((run) => formatParamValue(run.params[key]))),
  };
}

/** Panel headers: bold, above the panel, left-aligned like the other panel titles. */
export const PANEL_HEADER = {
  labelOrient: "top",
  labelAngle: 0,
  labelAnchor: "start",
  labelFontWeight: "bold",
  labelFontSize: 11,
  // The SVG is rendered without a font engine, so vega estimates bold label widths at about 1.5×
  // their drawn width: this limit cuts a label near the panel's width plus its gap, not sooner.
  labelLimit: Math.round(PANEL_WIDTH * 1.6),
};

/** Where the panels' data comes from and which layers each panel draws. */
export interface PanelSpecInput {
  /** Plot rows; each carries a `facet` field naming its panel when faceted. */
  values: Record<string, unknown>[];
  /** Layers without their own data (they all read `values`, filtered if need be). */
  layer: Record<string, unknown>[];
  /** Panel labels in display order; undefined draws one full-size chart. */
  panels?: string[] | undefined;
}

/**
 * True when every panel would draw the same rows (compared without their panel label): small
 * multiples would then repeat one chart, so figures draw it once and say so.
 */
export function panelsIdentical(
  rows: readonly { facet?: unknown }[],
  panels: readonly string[] | undefined,
): boolean {
  if (panels === undefined || panels.length < 2) return false;
  const signature = (panel: string): string =>
    JSON.stringify(rows.filter((r) => r.facet === panel).map(({ facet: _facet, ...rest }) => rest));
  const first = signature(panels[0] as string);
  return panels.every((p) => signature(p) === first);
}

/** Caption words when identical panels were drawn as one ("" otherwise). */
export function identicalPanelsSentence(title: string, panels: readonly string[]): string {
  return `All ${panels.length} ${title} panels (${panels.join(", ")}) show the same values, so one chart is drawn.`;
}

/**
 * One chart, or one panel per facet value wrapping after PANEL_COLUMNS; panels that would all be
 * the same are drawn once (see panelsIdentical). Explicit scale domains in
 * the layers keep panels comparable; vega-lite then shares axes, labelling only outer panels.
 * Encodings are plain records (see layeredSpec), hence the one cast.
 */
export function panelSpec({ values, layer, panels }: PanelSpecInput): TopLevelSpec {
  if (panels === undefined || panelsIdentical(values, panels)) {
    const shown = panels === undefined ? values : values.filter((v) => v.facet === panels[0]);
    const spec = {
      width: CHART_WIDTH,
      height: CHART_HEIGHT,
      config: CHART_CONFIG,
      data: { values: shown },
      layer,
    };
    return spec as unknown as TopLevelSpec;
  }
  const spec = {
    config: CHART_CONFIG,
    data: { values },
    facet: { field: "facet", type: "nominal", title: null, sort: panels, header: PANEL_HEADER },
    columns: Math.min(PANEL_COLUMNS, panels.length),
    spec: { width: PANEL_WIDTH, height: PANEL_HEIGHT, layer },
  };
  return spec as unknown as TopLevelSpec;
}

/**
 * Marks the first row of every panel with `anchor: true`, so a layer filtering on it draws a
 * reference rule (or label) once per panel rather than once per data row.
 */
export function withAnchors<T extends { facet: string }>(rows: T[]): (T & { anchor: boolean })[] {
  const seen = new Set<string>();
  return rows.map((row) => {
    const anchor = !seen.has(row.facet);
    seen.add(row.facet);
    return { ...row, anchor };
  });
}
