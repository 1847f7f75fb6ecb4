/**
 * Which swept paths a figure puts on its axes. An experiment's `figures` entry is a kind name or
 * an object naming the kind and, optionally, its axes; the plan resolves every figure's axes once,
 * from the sweep definition, and results.json records them (`experiment.figureAxes`), so the
 * report reads its axes instead of guessing them from the swept paths. Figure kinds declare what
 * their axes accept (`FigureAxisRules`); this file needs nothing of the report, so the experiment
 * layer can use it.
 */

/** A figure entry written as an object: its kind and, optionally, what goes on which axis. */
export interface FigureRequest {
  kind: string;
  /** A swept path (a path inside a comma-joined sweep key is fine) for the x axis. */
  x?: string | undefined;
  /** A swept path for the y axis (figures with two swept axes, e.g. busyness-grid). */
  y?: string | undefined;
  /** The sweep key whose values colour the lines. */
  series?: string | undefined;
  /** The sweep key drawn one panel per value. */
  facet?: string | undefined;
  /** The runId a figure of single runs draws (e.g. a heatmap), instead of its default choice. */
  run?: string | undefined;
}

/** A figure entry as written in an experiment file: a kind name, or a {@link FigureRequest}. */
export type FigureEntryInput = string | FigureRequest;

/** One figure's resolved axes, as recorded in results.json (`experiment.figureAxes`). */
export interface FigureAxes {
  kind: string;
  /** The swept path on the x axis; null when the figure has no swept x axis. */
  x: string | null;
  /** The swept path on the y axis; null unless the kind has a swept y axis. */
  y: string | null;
  /** Sweep keys whose values colour the lines, in sweep order ([] when none). */
  series: string[];
  /** The sweep key drawn one panel per value; null when the figure draws one panel. */
  facet: string | null;
  /** The runId the figure draws; null for the kind's default choice of runs. */
  run: string | null;
}

/** What one swept axis of a figure kind accepts. */
export interface SweptAxisRule {
  /** What the axis needs, for error messages: `a swept architecture.decisionTime[.<kind>].perJob …`. */
  needs: string;
  /** Patterns a swept path must match, most preferred first (the default takes the first that fits). */
  accepts: readonly RegExp[];
  /**
   * When no swept path fits, use the innermost sweep key (or none when nothing is swept) rather
   * than fail; any swept path may then be named explicitly.
   */
  orInnermost?: boolean;
}

/** The axes a figure kind has; a kind without rules draws no swept axis. */
export interface FigureAxisRules {
  x?: SweptAxisRule;
  y?: SweptAxisRule;
  /**
   * False when the figure draws one panel whatever is swept: every swept key off its axes colours
   * the lines (no default facet, and an entry may not name one).
   */
  panels?: false;
  /** True when the figure draws chosen single runs, so an entry may name one with `run`. */
  run?: boolean;
}

/** What the resolver sees of the experiment's sweep. */
export interface SweepShape {
  /** Sweep keys as written, outermost first. */
  keys: readonly string[];
  /** Every sweep point's params (sweep key → value as written), in sweep order. */
  points: readonly Record<string, unknown>[];
  /** Every planned (or stored) run id. */
  runIds: readonly string[];
}

/** A bad figure entry: the entry's field at fault (`x`, `series` …, or "" for the entry). */
export class FigureAxisProblem extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** The kind a figure entry names. */
export function entryKind(entry: FigureEntryInput): string {
  return typeof entry === "string" ? entry : entry.kind;
}

/** The paths of a sweep key (`a,b` moves two paths together). */
export function keyParts(key: string): string[] {
  return key.split(",").map((p) => p.trim());
}

/** The sweep key holding `path` (a path inside the key, or the whole key), or undefined. */
export function keyOfPath(keys: readonly string[], path: string): string | undefined {
  return keys.find((k) => k === path || keyParts(k).includes(path));
}
