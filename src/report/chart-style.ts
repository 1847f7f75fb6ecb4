/**
 * Shared look of every chart. Sizes are explicit and text widths are estimated from character
 * counts (see render.ts), so the SVG does not depend on which fonts the machine has.
 */
import type { Config, TopLevelSpec } from "vega-lite";

export const CHART_WIDTH = 480;
export const CHART_HEIGHT = 300;

/** The Omega paper's 30 s job-wait SLO (Schwarzkopf et al., EuroSys 2013), drawn as a horizontal rule. */
export const WAIT_SLO_SEC = 30;
/** Log wait axis floor and ceiling: 10 ms to 1 day, as in Omega fig 5. */
export const WAIT_AXIS_MIN_SEC = 0.01;
export const WAIT_AXIS_MAX_SEC = 86_400;

const FONT = "Helvetica, Arial, sans-serif";

/** vega-lite config applied to every figure. */
export const CHART_CONFIG: Config = {
  font: FONT,
  background: "white",
  padding: 8,
  view: { stroke: "#999999" },
  axis: { labelFontSize: 11, titleFontSize: 12, gridColor: "#e6e6e6", tickColor: "#999999" },
  legend: { labelFontSize: 11, titleFontSize: 11, symbolStrokeWidth: 2, labelLimit: 320 },
  line: { strokeWidth: 1.75 },
  point: { filled: true, size: 30 },
  range: { category: { scheme: "tableau10" } },
};

/** Solid batch, dashed service (Omega figs 5–7); other kinds get further distinct patterns. */
export function workloadDash(kind: string, nthOther: number): number[] {
  if (kind === "batch") return [1, 0];
  if (kind === "service") return [6, 4];
  const others = [
    [2, 2],
    [8, 3, 2, 3],
    [12, 4],
    [1, 3],
  ];
  return others[nthOther % others.length] as number[];
}

/** Colour families by the kinds a series serves: blues batch, oranges service, purples both. */
const KIND_COLOURS: Readonly<Record<string, readonly string[]>> = {
  batch: ["#4c78a8", "#2a5783", "#8fb8e0", "#1b3a5c"],
  service: ["#f58518", "#b35806", "#ffbf79", "#7f3b08"],
  mixed: ["#7b4f9d", "#b07aa1", "#4b2c63", "#d4a6c8"],
  other: ["#54a24b", "#9d755d", "#e45756", "#72b7b2"],
};

/**
 * Colour of the `nth` series serving `kinds`, so that across panels and figures blue always means
 * batch and orange service, whichever architecture names its schedulers.
 */
export function kindColour(kinds: readonly string[], nth: number): string {
  const family =
    kinds.length > 1 ? "mixed" : kinds[0] === "batch" || kinds[0] === "service" ? kinds[0] : "other";
  const palette = KIND_COLOURS[family] as readonly string[];
  return palette[nth % palette.length] as string;
}

/**
 * One colour per cluster (Omega figs 5–8 draw A, B and C in their own colours, solid batch and
 * dashed service): `google-a`/`…-a` → blue, `-b` → red, `-c` → green, others from a fixed list.
 * Red and green rather than orange keep clusters apart from the batch-blue/service-orange families.
 */
export function clusterColours(labels: readonly string[]): string[] {
  const fixed: Readonly<Record<string, string>> = { a: "#1f77b4", b: "#d62728", c: "#2ca02c" };
  const others = ["#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];
  let nth = 0;
  return labels.map((label) => {
    const letter = /-([abc])$/i.exec(label)?.[1]?.toLowerCase();
    return (letter ? fixed[letter] : undefined) ?? (others[nth++ % others.length] as string);
  });
}

/** Orders workload kinds batch, service, then the rest alphabetically. */
export function sortKinds(kinds: Iterable<string>): string[] {
  const rank = (k: string): number => (k === "batch" ? 0 : k === "service" ? 1 : 2);
  return [...new Set(kinds)].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/** Powers of ten covering [min, max], so log axes label 0.01, 0.1, 1 … rather than every 2 and 5. */
export function powersOfTen(min: number, max: number): number[] {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++) {
    out.push(Number(`1e${e}`));
  }
  return out;
}

const WAIT_TICKS: [number, string][] = [
  [0.01, "10ms"],
  [0.1, "0.1s"],
  [1, "1s"],
  [10, "10s"],
  [60, "1m"],
  [600, "10m"],
  [3600, "1h"],
  [86_400, "1d"],
];

/** Tick values and a vega label expression for the 10 ms – 1 day wait axis. */
export function waitAxisTicks(): { values: number[]; labelExpr: string } {
  const labelExpr = WAIT_TICKS.reduceRight(
    (rest, [value, label]) => `datum.value === ${value} ? '${label}' : ${rest}`,
    "''",
  );
  return { values: WAIT_TICKS.map(([v]) => v), labelExpr };
}

/**
 * Wraps layers into a top-level spec with the shared size and config. Encodings are assembled
 * from small helpers as plain records, which vega-lite's deeply generic types cannot follow, so
 * the one cast lives here; `vl.compile` checks the spec at render time (and tests render each).
 */
export function layeredSpec(layer: Record<string, unknown>[], size?: { height: number }): TopLevelSpec {
  const spec = { width: CHART_WIDTH, height: size?.height ?? CHART_HEIGHT, config: CHART_CONFIG, layer };
  return spec as unknown as TopLevelSpec;
}
