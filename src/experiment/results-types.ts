import type { RunSummary } from "../metrics/summary.js";

/** One run of an experiment as stored in results.json. */
export interface RunRecord {
  /** Stable id: `<point index, 3 digits>-s<seed>`, e.g. `004-s2`. Runs are listed in expansion order (points in sweep order, seeds in the file's order). */
  runId: string;
  seed: number;
  /** Each swept path (as written in the experiment file, e.g. `architecture.decisionTime.*.perJob`) → its value as written. */
  params: Record<string, unknown>;
  summary: RunSummary;
}

/** results.json: byte-identical for the same experiment file and seeds, whatever `--jobs`. */
export interface ResultsFile {
  experiment: {
    name: string;
    description: string;
    /** Figure kinds requested by the experiment file, in order. */
    figures: string[];
    /** Swept paths in expansion order (outermost first). */
    sweepPaths: string[];
    horizonSec: number;
  };
  runs: RunRecord[];
}
