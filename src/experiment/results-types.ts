import type { RunSummary } from "../metrics/summary.js";
import type { FigureAxes } from "../plugins/figure-axes.js";

export type { RunSummary };

/**
 * Version of the results.json layout (2: performance summaries replace the Quasar model's own). Raised on every change a reader would notice (a field
 * renamed, removed or given a new meaning; adding fields does not raise it); CHANGELOG.md says
 * what changed.
 */
export const RESULTS_SCHEMA_VERSION = 2;

/** One run of an experiment as stored in results.json. */
export interface RunRecord {
  /** Stable id: `<point index, 3 digits>-s<seed>`, e.g. `004-s2`. Runs are listed in expansion order (points in sweep order, seeds in the file's order). */
  runId: string;
  seed: number;
  /** Each swept path (as written in the experiment file, e.g. `architecture.decisionTime.*.perJob`) → its value as written. */
  params: Record<string, unknown>;
  summary: RunSummary;
}

/** The `experiment` block of results.json. */
export interface ResultsExperiment {
  name: string;
  description: string;
  /** Figure kinds requested by the experiment file, in order. */
  figures: string[];
  /**
   * Each figure's axes as the plan resolved them, in the order of `figures` (absent in files
   * written before cellsim recorded them; the report then falls back to each kind's default).
   */
  figureAxes?: FigureAxes[];
  /** Swept paths in expansion order (outermost first). */
  sweepPaths: string[];
  horizonSec: number;
}

/** results.json: byte-identical for the same experiment file and seeds, whatever `--jobs`. */
export interface ResultsFile {
  /** {@link RESULTS_SCHEMA_VERSION} of the writer (absent in files written before cellsim 0.2). */
  schemaVersion?: number;
  experiment: ResultsExperiment;
  runs: RunRecord[];
}
