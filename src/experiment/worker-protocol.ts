import type { RunOutcome, RunTask } from "./executor.js";

/** Messages between run-all (parent) and worker.ts, as plain structured-cloneable data. */

/** Parent → worker: run this. */
export type WorkerRequest = RunTask;

/** Worker → parent: the outcome, or the error (InputError keeps its name across the boundary). */
export type WorkerReply =
  | { type: "done"; runId: string; outcome: RunOutcome }
  | { type: "error"; runId: string; name: string; message: string; stack?: string };

/** `workerData` of a run worker. */
export interface WorkerInit {
  /** URL (href) of a module exporting `runOne(config, seed, {registry})`. */
  runModule: string;
  /** Absolute paths of the experiment's plug-in modules (each worker builds its registry). */
  plugins: string[];
}
