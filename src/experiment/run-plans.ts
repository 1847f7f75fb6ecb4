import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { Executor, RunFn } from "./executor.js";
import { writeOutputs } from "./outputs.js";
import type { ExperimentPlan } from "./plan.js";
import { silentProgress, type ProgressReporter } from "./progress.js";
import { executeAll, makeExecutor, partition, type PendingRun, type RunAllResult } from "./run-all.js";
import { writeStoredRun, type StoredRun } from "./run-store.js";

/**
 * Runs several experiments' runs through one pool of workers (a study: `npm run reproduce:*`).
 *
 * `runAll` one experiment after the other leaves cores idle at every experiment's end: while its
 * last runs finish, and while its report renders. Here every plan's pending runs go to one
 * executor in the order given (plan by plan, each in plan order), so a core that finishes a run
 * takes the next one, whatever experiment it belongs to. When a plan's last run is stored, its
 * output folder is written (as `runAll` writes it: the same bytes) and `onPlanDone` is called,
 * while the workers go on with the next plans' runs. Resuming and storing each run as it ends
 * are `runAll`'s (run-all.ts).
 */

/** One experiment of a {@link runPlans} batch and its output folder. */
export interface PlanOutput {
  plan: ExperimentPlan;
  outDir: string;
}

/** Options of {@link runPlans}. */
export interface RunPlansOptions {
  /** Parallel runs (worker threads); default `os.availableParallelism()`. */
  jobs?: number | undefined;
  /** Run with this function in this process instead of worker threads (tests, embedding). */
  run?: RunFn;
  /** Hears every run of every plan, as one batch. */
  progress?: ProgressReporter;
  /** Receives one line per problem worth telling the user (e.g. a corrupt stored run). */
  warn?: (line: string) => void;
  /**
   * Called once per plan, in the order given, when its output folder is written (to render its
   * report, log its time). The workers keep running the later plans' runs meanwhile.
   */
  onPlanDone?: (entry: PlanOutput, result: RunAllResult) => Promise<void>;
}

/** Where one plan of the batch stands. */
interface PlanProgress {
  entry: PlanOutput;
  stored: StoredRun[];
  resumed: Set<string>;
  todo: PendingRun[];
  /** Runs still executing or queued. */
  left: number;
  /** Resolved when its last run is stored. */
  finished: Promise<void>;
  finish: () => void;
}

/** Runs every plan's runs (see above); returns what `runAll` would have, per plan, in order. */
export async function runPlans(
  entries: readonly PlanOutput[],
  options: RunPlansOptions = {},
): Promise<RunAllResult[]> {
  const first = entries[0];
  if (first === undefined) return [];
  checkSamePlugins(entries);
  const progress = options.progress ?? silentProgress;
  const states: PlanProgress[] = [];
  for (const entry of entries) {
    await mkdir(path.join(entry.outDir, "runs"), { recursive: true });
    const { done, todo } = await partition(entry.plan, { outDir: entry.outDir, warn: options.warn });
    let finish = () => {};
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const resumed = new Set(done.map((s) => s.runId));
    states.push({ entry, stored: [...done], resumed, todo, left: todo.length, finished, finish });
    if (todo.length === 0) finish();
  }
  const total = entries.reduce((n, e) => n + e.plan.runs.length, 0);
  const pending = states.flatMap((state) => state.todo.map((p) => ({ ...p, state })));
  let stored = total - pending.length;
  progress.start(total, stored);
  let executor: Executor | undefined;
  let kind: RunAllResult["executor"] = "none";
  const results: RunAllResult[] = [];
  try {
    if (pending.length > 0) {
      const { jobs, run } = options;
      executor = await makeExecutor(first.plan, { outDir: first.outDir, jobs, run }, pending.length);
      kind = executor.kind;
    }
    // Outputs are written plan by plan, in order, as each plan's runs are all stored.
    const outputs = writeInOrder(states, kind, options.onPlanDone, results);
    // Handled here so that a failure while the runs go on is not an unhandled rejection; the
    // await below still throws it.
    outputs.catch(() => undefined);
    if (executor !== undefined) {
      await executeAll(executor, pending, async (record, item) => {
        const state = item.state;
        await writeStoredRun(state.entry.outDir, record);
        state.stored.push(record);
        progress.runDone(record.runId, ++stored, total);
        if (--state.left === 0) state.finish();
      });
    }
    await outputs;
  } finally {
    await executor?.close();
    progress.finish();
  }
  return results;
}

/** Writes each plan's outputs once its runs are stored, in the order of `states`. */
async function writeInOrder(
  states: readonly PlanProgress[],
  kind: RunAllResult["executor"],
  onPlanDone: RunPlansOptions["onPlanDone"],
  results: RunAllResult[],
): Promise<void> {
  for (const state of states) {
    await state.finished;
    const { plan, outDir } = state.entry;
    const written = await writeOutputs(outDir, plan, state.stored, state.resumed);
    const result: RunAllResult = {
      outDir,
      results: written,
      executed: state.todo.map((t) => t.run.runId),
      skipped: [...state.resumed].sort(),
      executor: state.todo.length > 0 ? kind : "none",
    };
    results.push(result);
    await onPlanDone?.(state.entry, result);
  }
}

/** Workers load plug-ins by file, once: every plan of one pool must name the same ones. */
function checkSamePlugins(entries: readonly PlanOutput[]): void {
  const key = (e: PlanOutput) => JSON.stringify(e.plan.plugins.map((p) => p.path));
  const expected = key(entries[0] as PlanOutput);
  const other = entries.find((e) => key(e) !== expected);
  if (other !== undefined)
    throw new Error(
      `runPlans: ${other.plan.file} loads other plug-ins than ${(entries[0] as PlanOutput).plan.file}; run them apart`,
    );
}
