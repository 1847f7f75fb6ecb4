import { InputError } from "../engine/errors.js";
import { formatCount } from "./budget.js";
import { UNSWEEPABLE_FIELDS } from "./schema.js";
import { isRecord } from "./zod-issues.js";

/**
 * Sweep expansion, done on the raw JSON before validation so a swept value is checked exactly
 * like a value written in the file (same messages, same defaults).
 *
 * - A sweep key is a dotted path; its value is the list of values to try.
 * - A `*` segment applies the rest of the path to every key at that level whose value is an
 *   object (`architecture.decisionTime.*.perJob` sets `batch.perJob` and `service.perJob`). If no
 *   key at that level holds an object — a single-path `decisionTime: {perJob, perTask}`, which
 *   already stands for every kind, or an omitted one — `*` matches the object itself, so the same
 *   key sets the shared `decisionTime.perJob`. As the last segment, `*` sets every existing key.
 * - Missing intermediate objects are created; a typo therefore surfaces as "unknown field" when
 *   the point is validated, naming the point.
 * - A value of null removes the field at that point (its default; an optional block is absent),
 *   e.g. `"failures": [null, {…}]` runs a baseline without failures beside the failing points.
 * - Comma-joined paths move together: each value is a tuple with one entry per path.
 * - Points are the cartesian product of the keys, first key outermost, in the file's key order.
 */

/** One sweep key: its paths (split on `,` then `.`) and the values to try. */
export interface SweepAxis {
  /** The key as written, e.g. `cluster.preset,workload.preset`; params are keyed by it. */
  key: string;
  paths: string[][];
  values: unknown[];
}

/** One point of the sweep: the experiment JSON with the swept values written in. */
export interface SweepPoint {
  index: number;
  /** Each sweep key (as written) → its value at this point (as written). */
  params: Record<string, unknown>;
  raw: Record<string, unknown>;
}

/**
 * Most sweep points one experiment may expand to (after `--quick` thinning, before seeds). Each
 * point is a copy of the experiment validated on its own, and the product of a few long lists
 * grows fast: 10 keys of 100 values would be 1e20 points. Split such a study into experiments.
 */
export const MAX_SWEEP_POINTS = 10_000;

/**
 * Path segments that would reach an object's prototype instead of a field (`__proto__.x` would
 * set `x` on every object of the process).
 */
const FORBIDDEN_SEGMENTS: readonly string[] = ["__proto__", "constructor", "prototype"];

function sweepError(file: string, key: string, message: string): InputError {
  return new InputError(`${file}: sweep[${JSON.stringify(key)}]: ${message}`);
}

function parsePath(file: string, key: string, path: string): string[] {
  const segments = path.trim().split(".");
  if (segments.some((s) => s.trim() === "")) throw sweepError(file, key, `empty segment in path "${path}"`);
  const first = segments[0] as string;
  if (first === "*") throw sweepError(file, key, "a path cannot start with *");
  if (UNSWEEPABLE_FIELDS.includes(first)) throw sweepError(file, key, `"${first}" cannot be swept`);
  const trimmed = segments.map((s) => s.trim());
  const forbidden = trimmed.find((s) => FORBIDDEN_SEGMENTS.includes(s));
  if (forbidden !== undefined)
    throw sweepError(file, key, `"${forbidden}" is not a field name (it names the object's prototype)`);
  return trimmed;
}

function checkTuples(file: string, key: string, paths: string[][], values: unknown[]): void {
  if (paths.length === 1) return;
  values.forEach((v, i) => {
    if (!Array.isArray(v) || v.length !== paths.length) {
      const got = Array.isArray(v) ? `${v.length} values` : JSON.stringify(v);
      throw sweepError(
        file,
        key,
        `value [${i}] must be a list of ${paths.length} values (one per path), got ${got}`,
      );
    }
  });
}

/** Reads and checks the `sweep` object of an experiment file (absent → no axes). */
export function parseSweep(sweep: unknown, file: string): SweepAxis[] {
  if (sweep === undefined) return [];
  if (!isRecord(sweep)) throw new InputError(`${file}: sweep: expected an object of path → list of values`);
  const seen = new Set<string>();
  return Object.entries(sweep).map(([key, values]) => {
    const paths = key.split(",").map((p) => parsePath(file, key, p));
    for (const p of paths) {
      const joined = p.join(".");
      if (seen.has(joined)) throw sweepError(file, key, `path "${joined}" is swept twice`);
      seen.add(joined);
    }
    if (!Array.isArray(values) || values.length === 0)
      throw sweepError(file, key, "expected a non-empty list");
    checkTuples(file, key, paths, values);
    return { key, paths, values };
  });
}

/** Keeps at most `max` values per axis, evenly spread and always including the first and last. */
export function thinSweep(axes: readonly SweepAxis[], max: number): SweepAxis[] {
  return axes.map((axis) => {
    const n = axis.values.length;
    if (n <= max) return axis;
    const picks =
      max === 1 ? [0] : Array.from({ length: max }, (_, i) => Math.round((i * (n - 1)) / (max - 1)));
    return { ...axis, values: [...new Set(picks)].map((i) => axis.values[i]) };
  });
}

/**
 * Writes `value` at `segments` inside `target` (see the `*` rule above). A list is entered by an
 * element's index (`workload.frameworks.0.delay`), or every element with `*`.
 */
export function setPath(
  target: Record<string, unknown> | unknown[],
  segments: readonly string[],
  value: unknown,
): void {
  if (Array.isArray(target)) {
    setInList(target, segments, value);
    return;
  }
  const [seg, ...rest] = segments;
  if (seg === undefined) return;
  if (seg === "*") {
    const keys = Object.keys(target).filter((k) => rest.length === 0 || isRecord(target[k]));
    if (rest.length === 0) for (const k of keys) target[k] = structuredClone(value);
    else if (keys.length === 0) setPath(target, rest, value);
    else for (const k of keys) setPath(target[k] as Record<string, unknown>, rest, value);
    return;
  }
  if (rest.length === 0) {
    // No field of an experiment takes null: a swept null leaves the field out (its default, or
    // for an optional block such as `failures`, none), so one sweep can include the baseline.
    if (value === null) delete target[seg];
    else target[seg] = structuredClone(value);
    return;
  }
  // Own fields only: an inherited `toString` is not a field of the experiment.
  if (!Object.hasOwn(target, seg) || target[seg] === undefined) target[seg] = {};
  const child = target[seg];
  if (!isContainer(child)) throw new Error(`"${seg}" holds ${JSON.stringify(child)}, not an object`);
  setPath(child, rest, value);
}

/** An object or a list: something a path goes on into. */
function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  return Array.isArray(value) || isRecord(value);
}

/** `setPath` into a list: the segment is an element's index, or `*` for every element. */
function setInList(list: unknown[], segments: readonly string[], value: unknown): void {
  const [seg, ...rest] = segments;
  if (seg === undefined) return;
  const indices =
    seg === "*" ? list.map((_, i) => i) : /^(0|[1-9][0-9]*)$/.test(seg) ? [Number(seg)] : undefined;
  if (indices === undefined || indices.some((i) => i >= list.length))
    throw new Error(
      `"${seg}" is not an element of a list of ${list.length} (expected an index 0–${list.length - 1} or *)`,
    );
  for (const i of indices) {
    if (rest.length === 0) {
      list[i] = structuredClone(value);
      continue;
    }
    const child = list[i];
    if (!isContainer(child)) throw new Error(`element ${i} holds ${JSON.stringify(child)}, not an object`);
    setPath(child, rest, value);
  }
}

function applyAxis(file: string, raw: Record<string, unknown>, axis: SweepAxis, value: unknown): void {
  const parts = axis.paths.length === 1 ? [value] : (value as unknown[]);
  axis.paths.forEach((path, i) => {
    try {
      setPath(raw, path, parts[i]);
    } catch (e) {
      throw sweepError(file, axis.key, `cannot set ${path.join(".")}: ${(e as Error).message}`);
    }
  });
}

/** Index tuples of the cartesian product, first axis outermost. */
function product(sizes: readonly number[]): number[][] {
  let out: number[][] = [[]];
  for (const size of sizes)
    out = out.flatMap((prefix) => Array.from({ length: size }, (_, i) => [...prefix, i]));
  return out;
}

/** Refuses a sweep of more than {@link MAX_SWEEP_POINTS} points, before anything is expanded. */
function checkPointCount(axes: readonly SweepAxis[], file: string): void {
  const sizes = axes.map((a) => a.values.length);
  const points = sizes.reduce((a, b) => a * b, 1);
  if (points <= MAX_SWEEP_POINTS) return;
  throw new InputError(
    `${file}: sweep: ${axes.length} keys of ${sizes.join(" × ")} values expand to ${formatCount(points)} points; ` +
      `the limit is ${MAX_SWEEP_POINTS} per experiment (split it into several experiments, or sweep fewer values)`,
  );
}

/** Expands `base` (the experiment without `sweep`/`quick`) into its sweep points, in order. */
export function expandSweep(
  base: Record<string, unknown>,
  axes: readonly SweepAxis[],
  file: string,
): SweepPoint[] {
  checkPointCount(axes, file);
  return product(axes.map((a) => a.values.length)).map((choice, index) => {
    const raw = structuredClone(base);
    const params: Record<string, unknown> = {};
    axes.forEach((axis, i) => {
      const value = axis.values[choice[i] as number];
      params[axis.key] = value;
      applyAxis(file, raw, axis, value);
    });
    return { index, params, raw };
  });
}

/** Stable run id: the point index zero-padded (3 digits, more for big sweeps) and the seed. */
export function runId(pointIndex: number, pointCount: number, seed: number): string {
  const width = Math.max(3, String(Math.max(0, pointCount - 1)).length);
  return `${String(pointIndex).padStart(width, "0")}-s${seed}`;
}
