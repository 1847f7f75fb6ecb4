import type { TopLevelSpec } from "vega-lite";
import type { AnyResultsFile, QuasarResultsFile, ResultsFile } from "../experiment/results-types.js";
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
  /** The model the experiment's runs use (cell by default). */
  model?: "cell" | "quasar";
  /** `metrics.timeline` of the experiment (each run records its tasks). */
  timeline?: boolean;
  /** How many distinct seeds each sweep point runs under (undefined when not known). */
  seeds?: number;
}

interface FigureKindBase {
  description: string;
  /** Why the figure cannot be drawn for this experiment (checked before running), or undefined. */
  check?(sweepPaths: readonly string[], ctx: FigureCheckContext): string | undefined;
  /**
   * The swept axes the figure draws and what each accepts; the plan resolves them once per figure
   * entry (explicit or the kind's default) and `build` receives the result. None: no swept axis.
   */
  axes?: FigureAxisRules;
}

/** A figure of cell-model runs (every Omega and architectures figure). */
export interface CellFigureKind extends FigureKindBase {
  model?: "cell";
  /** The figure(s), a pure function of results.json. */
  build(results: ResultsFile, axes: FigureAxes): FigureSpec[] | FigureSpec;
}

/** A figure of Quasar-study runs (src/quasar). */
export interface QuasarFigureKind extends FigureKindBase {
  model: "quasar";
  /** The figure(s), a pure function of results.json. */
  build(results: QuasarResultsFile, axes: FigureAxes): FigureSpec[] | FigureSpec;
}

/** A figure drawn from either model's runs. */
export interface AnyModelFigureKind extends FigureKindBase {
  model: "any";
  /** The figure(s), a pure function of results.json. */
  build(results: AnyResultsFile, axes: FigureAxes): FigureSpec[] | FigureSpec;
}

/** A registered figure kind: what `cellsim list` prints and how the figure is built. */
export type FigureKind = CellFigureKind | QuasarFigureKind | AnyModelFigureKind;
