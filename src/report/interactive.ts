/**
 * Interactive charts for `--interactive` reports: each figure's vega-lite spec is made interactive
 * at render time (tooltips on every mark, a legend that highlights the series clicked), and vega,
 * vega-lite and vega-embed are inlined once per page, so the report still opens offline. Figure
 * kinds know nothing of this: the transformation is generic over the specs they build.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { TopLevelSpec } from "vega-lite";

type Json = Record<string, unknown>;

/** Marks vega-lite draws directly; composite marks (errorbar, boxplot) take no params. */
const PRIMITIVE_MARKS = new Set([
  "area",
  "bar",
  "circle",
  "line",
  "point",
  "rect",
  "rule",
  "square",
  "text",
  "tick",
  "trail",
]);

/** Opacity of series not selected in the legend. */
const DIMMED_OPACITY = 0.15;

function isRecord(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * A copy of `spec` with tooltips on every mark and, where a colour legend shows a categorical
 * field, a point selection bound to that legend: clicking an entry dims the other series
 * (shift-click adds entries; double-click clears).
 */
export function interactiveSpec(spec: TopLevelSpec): TopLevelSpec {
  const copy = structuredClone(spec) as unknown as Json;
  const config = isRecord(copy.config) ? copy.config : {};
  copy.config = { ...config, mark: { ...(isRecord(config.mark) ? config.mark : {}), tooltip: true } };
  visit(copy, {}, new Map());
  return copy as unknown as TopLevelSpec;
}

/** Walks unit specs inside layer/facet/concat specs, passing inherited encodings down. */
function visit(spec: Json, inherited: Json, params: Map<string, string>): void {
  const encoding = { ...inherited, ...(isRecord(spec.encoding) ? spec.encoding : {}) };
  if (spec.mark !== undefined) {
    unit(spec, encoding, params);
    return;
  }
  if (isRecord(spec.spec)) visit(spec.spec, encoding, params);
  for (const key of ["layer", "concat", "hconcat", "vconcat"]) {
    const children = spec[key];
    if (Array.isArray(children))
      for (const child of children) if (isRecord(child)) visit(child, encoding, params);
  }
}

function markType(mark: unknown): string | undefined {
  if (typeof mark === "string") return mark;
  return isRecord(mark) && typeof mark.type === "string" ? mark.type : undefined;
}

/** Tooltip on the mark; for a legend-coloured unit, the legend selection and dimming. */
function unit(spec: Json, encoding: Json, params: Map<string, string>): void {
  const type = markType(spec.mark);
  if (type === undefined || !PRIMITIVE_MARKS.has(type)) return;
  const mark: Json = isRecord(spec.mark) ? { ...spec.mark } : { type };
  mark.tooltip ??= true;
  // A line is one path: transparent points give each value its own tooltip. They are hidden
  // by opacity 0, which an opacity encoding would override, so such a line dims its stroke.
  const hiddenPoints = type === "line" && mark.point === undefined;
  if (hiddenPoints) mark.point = "transparent";
  spec.mark = mark;
  const field = legendField(encoding.color);
  const channel = hiddenPoints ? "strokeOpacity" : "opacity";
  if (field === undefined || encoding.opacity !== undefined || encoding[channel] !== undefined) return;
  let name = params.get(field);
  if (name === undefined) {
    name = `legend_${params.size + 1}`;
    params.set(field, name);
    const own = Array.isArray(spec.params) ? spec.params : [];
    spec.params = [...own, { name, select: { type: "point", fields: [field] }, bind: "legend" }];
  }
  const dimmed = { condition: { param: name, value: 1 }, value: DIMMED_OPACITY };
  spec.encoding = { ...(isRecord(spec.encoding) ? spec.encoding : {}), [channel]: dimmed };
}

/** The field of a categorical colour encoding that has a legend, else undefined. */
function legendField(color: unknown): string | undefined {
  if (!isRecord(color) || typeof color.field !== "string" || color.legend === null) return undefined;
  return color.type === "nominal" || color.type === "ordinal" ? color.field : undefined;
}

/** The browser builds inlined, in load order (vega-embed needs the other two as globals). */
const LIBRARIES: [pkg: string, file: string][] = [
  ["vega", "vega.min.js"],
  ["vega-lite", "vega-lite.min.js"],
  ["vega-embed", "vega-embed.min.js"],
];

let libraryScripts: string | undefined;

/** `<script>` blocks holding vega, vega-lite and vega-embed, read once from node_modules. */
export function inlineLibraries(): string {
  libraryScripts ??= LIBRARIES.map(
    ([pkg, file]) => `<script>${scriptText(readLibrary(pkg, file))}</script>`,
  ).join("\n");
  return libraryScripts;
}

/** Each package's entry point sits in its `build/` folder, beside the browser bundle. */
function readLibrary(pkg: string, file: string): string {
  const entry = createRequire(import.meta.url).resolve(pkg);
  const text = readFileSync(join(dirname(entry), file), "utf8");
  // The source map is not shipped with the page; a dangling reference would be fetched by devtools.
  return text.replace(/\n?\/\/# sourceMappingURL=\S*\s*$/, "\n");
}

/** Text safe inside a `<script>` element: no `</script` or `<!--` can end or confuse it. */
function scriptText(text: string): string {
  return text.replace(/<\/(script)/gi, "<\\/$1").replace(/<!--/g, "<\\!--");
}

/**
 * The page's specs as JSON inside a `<script type="application/json">`, and the script that
 * embeds each chart over its static SVG (kept if embedding fails, so the page never goes blank).
 */
export function embedScripts(specs: { id: string; spec: TopLevelSpec }[]): string {
  const json = JSON.stringify(specs.map(({ id, spec }) => ({ id, spec: interactiveSpec(spec) })));
  return [
    `<script type="application/json" id="cellsim-specs">${json.replace(/</g, "\\u003c")}</script>`,
    `<script>${EMBED_SCRIPT}</script>`,
  ].join("\n");
}

const EMBED_SCRIPT = `
(function () {
  var specs = JSON.parse(document.getElementById("cellsim-specs").textContent);
  var options = { actions: { export: true, source: false, compiled: false, editor: false }, renderer: "canvas" };
  specs.forEach(function (entry) {
    var chart = document.querySelector("#" + entry.id + " .chart");
    if (!chart) return;
    var target = document.createElement("div");
    chart.insertBefore(target, chart.firstChild);
    vegaEmbed(target, entry.spec, options).then(function () {
      var svg = chart.querySelector(":scope > svg");
      if (svg) chart.removeChild(svg);
      chart.setAttribute("data-interactive", "rendered");
    }, function (err) {
      chart.removeChild(target);
      console.error("cellsim: figure " + entry.id + " could not be drawn interactively: " + err);
    });
  });
})();
`;
