import type { TopLevelSpec } from "vega-lite";
import type { ResultsFile } from "../experiment/results-types.js";
import type { FigureAxes, FigureAxisRules } from "../plugins/figure-axes.js";

/** A cell of a figure's data table: numbers stay numbers so tests and CSV readers can use them. */
export type TableCell = string | number;

/** The data behind a chart, exactly as plotted (after averaging over seeds, before clamping). */
export interface FigureTable {
  columns: string[];
  rows: TableCell[][];
}

/** One chart of the report: a vega-lite spec plus the words and numbers that explain it. */
export interface FigureSpec {
  /** File-name-safe id, e.g. `wait-vs-decision-time` or `utilization-over-time`. */
  name: string;
  title: string;
  caption: string;
  vegaLiteSpec: TopLevelSpec;
  table: FigureTable;
}

/** A figure with its SVG rendered (see `renderSvg`). */
export interface RenderedFigure extends FigureSpec {
  svg: string;
}

/** What a figure's check may look at besides the swept paths. */
export interface FigureCheckContext {
  /** `metrics.machines` of the experiment (per-machine samples). */
  machinesSampled: number;
  /** True when the experiment's runs have jobs with a performance model (a cell with machine types). */
  performance?: boolean;
  /** `metrics.timeline` of the experiment (each run records its tasks). */
  timeline?: boolean;
  /** How many distinct seeds each sweep point runs under (undefined when not known). */
  seeds?: number;
}

/** A registered figure kind: what `cellsim list` prints and how the figure is built. */
export interface FigureKind {
  description: string;
  /**
   * `performance`: the figure draws the performance part of run summaries (perf/target,
   * used/allocated/reserved CPU, classification), so the experiment's jobs must carry a
   * performance model.
   */
  needs?: "performance";
  /** Why the figure cannot be drawn for this experiment (checked before running), or undefined. */
  check?(sweepPaths: readonly string[], ctx: FigureCheckContext): string | undefined;
  /**
   * The swept axes the figure draws and what each accepts; the plan resolves them once per figure
   * entry (explicit or the kind's default) and `build` receives the result. None: no swept axis.
   */
  axes?: FigureAxisRules;
  /** The figure(s), a pure function of results.json and the figure's resolved axes. */
  build(results: ResultsFile, axes: FigureAxes): FigureSpec[] | FigureSpec;
}
