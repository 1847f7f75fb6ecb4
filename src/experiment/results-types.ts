import type { RunSummary } from "../metrics/summary.js";
import type { QuasarRunSummary } from "../quasar/summary.js";
import type { FigureAxes } from "../plugins/figure-axes.js";

/**
 * Version of the results.json layout. Raised on every change a reader would notice (a field
 * renamed, removed or given a new meaning; adding fields does not raise it); CHANGELOG.md says
 * what changed.
 */
export const RESULTS_SCHEMA_VERSION = 1;

/** One run of an experiment as stored in results.json. */
export interface RunRecord {
  /** Stable id: `<point index, 3 digits>-s<seed>`, e.g. `004-s2`. Runs are listed in expansion order (points in sweep order, seeds in the file's order). */
  runId: string;
  seed: number;
  /** Each swept path (as written in the experiment file, e.g. `architecture.decisionTime.*.perJob`) → its value as written. */
  params: Record<string, unknown>;
  summary: RunSummary;
}

/**
 * The summary of a Quasar-study run in results.json: the core's QuasarRunSummary tagged
 * `model: "quasar"`, without the per-job `outcomes` (their distributions and the sorted
 * perf/target line are kept) and with the per-machine heatmap rounded to 0.001, which keeps a
 * 200-machine run's record near 0.5 MB. Cell-model summaries carry no `model` field.
 */
export type QuasarResultSummary = { model: "quasar" } & Omit<QuasarRunSummary, "outcomes">;

/** A Quasar-study run as stored in results.json. */
export interface QuasarRunRecord extends Omit<RunRecord, "summary"> {
  summary: QuasarResultSummary;
}

/** The summary of any run. */
export type AnyRunSummary = RunSummary | QuasarResultSummary;

/** Any run record (narrow with `isQuasarRecord`). */
export type AnyRunRecord = RunRecord | QuasarRunRecord;

/** True when a summary comes from a Quasar-study run. */
export function isQuasarSummary(summary: AnyRunSummary): summary is QuasarResultSummary {
  return "model" in summary && summary.model === "quasar";
}

/** True when a run record comes from a Quasar-study run. */
export function isQuasarRecord(run: AnyRunRecord): run is QuasarRunRecord {
  return isQuasarSummary(run.summary);
}

/** Simulated events of a run, whichever model ran it. */
export function summaryEvents(summary: AnyRunSummary): number {
  return isQuasarSummary(summary) ? summary.eventsProcessed : summary.events;
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

/**
 * results.json: byte-identical for the same experiment file and seeds, whatever `--jobs`. An
 * experiment runs one model (plan.ts rejects sweeps that mix them), so its runs are all
 * cell-model runs (`ResultsFile`) or all Quasar-study runs (`QuasarResultsFile`).
 */
export interface ResultsFile {
  /** {@link RESULTS_SCHEMA_VERSION} of the writer (absent in files written before cellsim 0.2). */
  schemaVersion?: number;
  experiment: ResultsExperiment;
  runs: RunRecord[];
}

/** results.json of a Quasar-study experiment. */
export interface QuasarResultsFile {
  schemaVersion?: number;
  experiment: ResultsExperiment;
  runs: QuasarRunRecord[];
}

/** Either kind of results file. */
export type AnyResultsFile = ResultsFile | QuasarResultsFile;

/** True for the results of a Quasar-study experiment (its first run decides; none → false). */
export function isQuasarResults(results: AnyResultsFile): results is QuasarResultsFile {
  const first = results.runs[0];
  return first !== undefined && isQuasarRecord(first);
}
