import {
  FigureAxisProblem,
  keyOfPath,
  keyParts,
  type FigureAxes,
  type FigureAxisRules,
  type FigureEntryInput,
  type SweepShape,
  type SweptAxisRule,
} from "./figure-axes.js";

/**
 * Resolving a figure entry to its axes (see figure-axes.ts). The plan calls this once per figure,
 * strictly: a path that is not swept, a path the kind cannot draw, or two swept paths that fit
 * the same axis equally well is an input error naming the entry's field. The report calls it
 * leniently for results.json files written before the axes were recorded: ambiguity then takes
 * the first fitting path, as those files' reports always did.
 */

function allPaths(keys: readonly string[]): string {
  return keys.flatMap(keyParts).join(", ") || "nothing";
}

const fits = (rule: SweptAxisRule, path: string): boolean => rule.accepts.some((re) => re.test(path));

/** An explicitly named path: swept, and one the kind can draw. A whole comma-joined key names its first fitting path. */
function explicitPath(field: string, rule: SweptAxisRule, path: string, keys: readonly string[]): string {
  const key = keyOfPath(keys, path);
  if (key === undefined) {
    throw new FigureAxisProblem(field, `"${path}" is not swept; the experiment sweeps ${allPaths(keys)}`);
  }
  const parts = keyParts(key);
  const resolved = parts.includes(path) ? path : (parts.find((p) => fits(rule, p)) ?? parts[0] ?? path);
  if (!rule.orInnermost && !fits(rule, resolved)) {
    throw new FigureAxisProblem(
      field,
      `"${path}" cannot be this figure's ${field} axis: it needs ${rule.needs}`,
    );
  }
  return resolved;
}

/** The kind's default: the one swept path fitting its most preferred pattern. */
function defaultPath(
  field: string,
  rule: SweptAxisRule,
  keys: readonly string[],
  lenient: boolean,
): string | null {
  for (const re of rule.accepts) {
    const hits = keys.flatMap((k) =>
      keyParts(k)
        .filter((p) => re.test(p))
        .slice(0, 1),
    );
    const [first] = hits;
    if (first !== undefined && (hits.length === 1 || lenient)) return first;
    if (hits.length > 1) {
      throw new FigureAxisProblem(
        field,
        `several swept paths fit this figure's ${field} axis (${hits.join(", ")}); name one in the entry, e.g. "${field}": "${hits[0]}"`,
      );
    }
  }
  const innermost = keys.at(-1);
  if (rule.orInnermost) return innermost === undefined ? null : (keyParts(innermost)[0] ?? innermost);
  throw new FigureAxisProblem("", `needs ${rule.needs}; the experiment sweeps ${allPaths(keys)}`);
}

function sweptAxis(
  field: "x" | "y",
  rule: SweptAxisRule | undefined,
  explicit: string | undefined,
  sweep: SweepShape,
  lenient: boolean,
): string | null {
  if (rule === undefined) {
    if (explicit !== undefined)
      throw new FigureAxisProblem(field, `this figure kind has no swept ${field} axis`);
    return null;
  }
  return explicit === undefined
    ? defaultPath(field, rule, sweep.keys, lenient)
    : explicitPath(field, rule, explicit, sweep.keys);
}

/** A value drawn as a panel: a swept object (an architecture), or a tuple holding one. */
function isPanelValue(value: unknown): boolean {
  const isObject = (v: unknown): boolean => typeof v === "object" && v !== null && !Array.isArray(v);
  return isObject(value) || (Array.isArray(value) && value.some(isObject));
}

/** A named sweep key (a path inside a key names the key) that no axis uses yet. */
function freeKey(field: string, named: string, sweep: SweepShape, taken: readonly string[]): string {
  const key = keyOfPath(sweep.keys, named);
  if (key === undefined) {
    throw new FigureAxisProblem(
      field,
      `"${named}" is not swept; the experiment sweeps ${allPaths(sweep.keys)}`,
    );
  }
  if (taken.includes(key))
    throw new FigureAxisProblem(field, `"${named}" is already on another axis of this figure`);
  return key;
}

/** The panel key: named, else the first swept key of objects (architecture variants) off the axes. */
function facetKey(explicit: string | undefined, sweep: SweepShape, taken: readonly string[]): string | null {
  if (explicit !== undefined) return freeKey("facet", explicit, sweep, taken);
  const key = sweep.keys.find((k) => !taken.includes(k) && sweep.points.some((p) => isPanelValue(p[k])));
  return key ?? null;
}

/** The colour keys: the named one (every other swept key must then be on an axis), else all the rest. */
function seriesKeys(explicit: string | undefined, sweep: SweepShape, taken: readonly string[]): string[] {
  const rest = sweep.keys.filter((k) => !taken.includes(k));
  if (explicit === undefined) return rest;
  const key = freeKey("series", explicit, sweep, taken);
  const unplaced = rest.filter((k) => k !== key);
  if (unplaced.length > 0) {
    throw new FigureAxisProblem(
      "series",
      `the swept ${unplaced.join(", ")} would be on no axis of this figure; name it as "facet", or leave "series" out to colour by every other swept value`,
    );
  }
  return [key];
}

function chosenRun(rules: FigureAxisRules, run: string | undefined, sweep: SweepShape, lenient: boolean) {
  if (run === undefined) return null;
  if (!rules.run) throw new FigureAxisProblem("run", "this figure kind does not draw a chosen run");
  if (!lenient && !sweep.runIds.includes(run)) {
    const ids = sweep.runIds.slice(0, 6).join(", ") + (sweep.runIds.length > 6 ? ", …" : "");
    throw new FigureAxisProblem("run", `no run "${run}" in this experiment (run ids: ${ids})`);
  }
  return run;
}

/**
 * The axes of one figure entry under `rules` (its kind's), for this sweep. Throws a
 * {@link FigureAxisProblem} naming the entry's field at fault.
 */
export function resolveFigureAxes(
  entry: FigureEntryInput,
  rules: FigureAxisRules,
  sweep: SweepShape,
  lenient = false,
): FigureAxes {
  const request = typeof entry === "string" ? { kind: entry } : entry;
  const x = sweptAxis("x", rules.x, request.x, sweep, lenient);
  const y = sweptAxis("y", rules.y, request.y, sweep, lenient);
  const axisKeys = [x, y].flatMap((p) => (p === null ? [] : (keyOfPath(sweep.keys, p) ?? [])));
  const drawsSweep = rules.x !== undefined;
  if (!drawsSweep && (request.series !== undefined || request.facet !== undefined)) {
    const field = request.series !== undefined ? "series" : "facet";
    throw new FigureAxisProblem(field, "this figure kind has no swept axes to colour or facet by");
  }
  if (rules.panels === false && request.facet !== undefined)
    throw new FigureAxisProblem(
      "facet",
      "this figure kind draws one panel; every other swept key colours its lines",
    );
  const facet = drawsSweep && rules.panels !== false ? facetKey(request.facet, sweep, axisKeys) : null;
  const series = drawsSweep
    ? seriesKeys(request.series, sweep, [...axisKeys, ...(facet ? [facet] : [])])
    : [];
  return { kind: request.kind, x, y, series, facet, run: chosenRun(rules, request.run, sweep, lenient) };
}
