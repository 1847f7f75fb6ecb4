/**
 * Reading the sweep back out of results.json: which swept path is the x axis, what the other
 * swept values of a run are (they become colours), and averaging runs that differ only by seed.
 */
import { InputError } from "../engine/errors.js";
import { parseDurationUs, US_PER_SEC } from "../engine/time.js";
import type { ResultsFile, RunRecord } from "../experiment/results-types.js";
import { keyOfPath, keyParts } from "../plugins/figure-axes.js";

/** A swept path used as a numeric axis. Comma-joined sweep keys move several paths together. */
export interface SweepAxis {
  /** The sweep key as written, possibly comma-joined. */
  key: string;
  /** Index of the matched path inside the comma-joined key. */
  index: number;
  /** The matched path, e.g. `architecture.decisionTime.service.perJob`. */
  path: string;
}

/** One sweep point (a row of the sweep before seeds): its x value and every seed's run. */
export interface SweepPoint {
  xSec: number;
  /** Label of the other swept values ("" when nothing else is swept); lines are coloured by it. */
  group: string;
  /** Label of the faceted swept value (its panel), "" when the figure is not faceted. */
  facet: string;
  runs: RunRecord[];
}

/** Swept keys to leave out of a label: one key, several, or none. */
export type Excluded = string | readonly (string | undefined)[] | undefined;

function excludes(exclude: Excluded): (key: string) => boolean {
  const keys = typeof exclude === "string" ? [exclude] : (exclude ?? []);
  return (key) => keys.includes(key);
}

/** The sweep axis of a swept path (resolved by the plan); a path that is not swept is an input error. */
export function sweptAxis(results: ResultsFile, path: string): SweepAxis {
  const key = keyOfPath(results.experiment.sweepPaths, path);
  if (key === undefined) throw new InputError(`results.json: figure axis ${path} is not a swept path`);
  const parts = keyParts(key);
  const index = Math.max(0, parts.indexOf(path));
  return { key, index, path: parts[index] as string };
}

/** The value a run had for `axis` (the element of a tuple for comma-joined keys). */
export function axisValue(run: RunRecord, axis: SweepAxis): unknown {
  const value = run.params[axis.key];
  if (axis.key.includes(",")) return Array.isArray(value) ? value[axis.index] : undefined;
  return value;
}

/** A swept duration (`"0.1s"`, `5`) in seconds; bad values name the run and path. */
export function axisSeconds(run: RunRecord, axis: SweepAxis): number {
  const us = parseDurationUs(axisValue(run, axis));
  if (typeof us === "string") throw new InputError(`results.json run ${run.runId}, ${axis.path}: ${us}`);
  return us / US_PER_SEC;
}

/** How a swept value reads in a legend: a tuple of equal values (`[a, a]`) reads as `a`. */
export function formatParamValue(value: unknown): string {
  if (Array.isArray(value)) {
    const parts = value.map(formatParamValue);
    return parts.every((p) => p === parts[0]) && parts.length > 0 ? (parts[0] as string) : parts.join("/");
  }
  if (typeof value === "string") return value;
  // A swept null leaves the field out (e.g. no failures block): the baseline.
  if (value === null) return "none";
  // A swept object (an architecture, a failures block) reads as its display name, else its type.
  if (typeof value === "object" && value !== null) {
    const o = value as Record<string, unknown>;
    if (typeof o.name === "string") return o.name;
    if (typeof o.type === "string") return o.type;
  }
  return JSON.stringify(value) ?? "undefined";
}

/** Legend title for the swept keys other than `exclude`: last path segments, deduplicated. */
export function otherParamsTitle(results: ResultsFile, exclude?: Excluded): string | undefined {
  const skip = excludes(exclude);
  const keys = results.experiment.sweepPaths.filter((k) => !skip(k));
  if (keys.length === 0) return undefined;
  const short = (key: string): string => {
    const segments = key.split(",").map((p) => p.trim().split(".").at(-1) ?? p);
    return [...new Set(segments)].join("/");
  };
  return keys.map(short).join(" · ");
}

/** Label of a run's swept values other than `exclude`, in sweep order. */
export function otherParamsLabel(results: ResultsFile, run: RunRecord, exclude?: Excluded): string {
  const skip = excludes(exclude);
  return results.experiment.sweepPaths
    .filter((k) => !skip(k))
    .map((k) => paramLabel(k, run.params[k]))
    .join(" · ");
}

/** A swept value in a label: a bare `true`/`false` says nothing alone, so it reads "preemption on". */
function paramLabel(key: string, value: unknown): string {
  if (typeof value !== "boolean") return formatParamValue(value);
  const name = key.split(".").at(-1) ?? key;
  return `${name} ${value ? "on" : "off"}`;
}

/** Reads a run's numeric x value for an axis (a duration in seconds by default). */
export type AxisReader = (run: RunRecord, axis: SweepAxis) => number;

/**
 * Groups runs that share every swept value (they differ only by seed), in first-appearance order,
 * which is the sweep's expansion order because runs are sorted by runId. With `facetKey`, that
 * swept value names the point's panel and is left out of its colour group. `xOf` reads the x value
 * (a swept duration by default; rate multipliers and scheduler counts are plain numbers).
 * `offColour` names the keys left out of the colour label (default: the axis and the facet).
 */
export function sweepPoints(
  results: ResultsFile,
  axis: SweepAxis,
  facetKey?: string,
  xOf: AxisReader = axisSeconds,
  offColour: Excluded = [axis.key, facetKey],
): SweepPoint[] {
  const byKey = new Map<string, SweepPoint>();
  for (const run of results.runs) {
    const key = JSON.stringify(results.experiment.sweepPaths.map((k) => run.params[k] ?? null));
    let point = byKey.get(key);
    if (!point) {
      point = {
        xSec: xOf(run, axis),
        group: otherParamsLabel(results, run, offColour),
        facet: facetKey === undefined ? "" : formatParamValue(run.params[facetKey]),
        runs: [],
      };
      byKey.set(key, point);
    }
    point.runs.push(run);
  }
  return [...byKey.values()];
}

/** Distinct values in first-appearance order (a stable legend order). */
export function uniqueInOrder<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

/** Arithmetic mean; NaN for an empty list (callers skip those points). */
export function mean(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** Rounds to 6 significant digits so specs and tables are compact and print the same everywhere. */
export function roundSig(x: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  return Number(x.toPrecision(6));
}
