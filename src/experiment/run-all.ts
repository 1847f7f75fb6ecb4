import { mkdir, rm } from "node:fs/promises";
import { availableParallelism } from "node:os";
import path from "node:path";
import { CancelledError, importRunOne, inProcessExecutor, type Executor, type RunFn } from "./executor.js";
import { writeOutputs } from "./outputs.js";
import type { ExperimentPlan, PlannedRun } from "./plan.js";
import { silentProgress, type ProgressReporter } from "./progress.js";
import { codeIdentity } from "./provenance.js";
import type { ResultsFile } from "./results-types.js";
import { readStoredRun, runHash, sealRun, writeStoredRun, type StoredRun } from "./run-store.js";
import { locateWorker, workerExecutor } from "./worker-pool.js";

/**
 * Runs every run of a validated plan and writes the output folder.
 *
 * 1. The plan is already validated (loadPlan), so the output folder is created only now.
 * 2. Each run's resume hash is computed; a run whose `runs/<runId>.json` has that hash (and a
 *    matching content hash) is skipped. A damaged file is run again, with one warning line;
 *    `fresh` runs everything again.
 * 3. The other runs go to an executor: `options.run` in this process if given (tests); `runOne`
 *    in this process when one run executes at a time (one pending run, or `jobs` 1), since a
 *    worker thread would only add its start-up; else worker threads running `runOne` (the
 *    compiled worker; from TypeScript sources the built copy in dist/ is used, and without a
 *    build the runs execute in this process). Runs are pure functions of (config, seed), so
 *    where they execute never changes a byte of the results.
 * 4. Each finished run is written atomically as soon as it ends, so an interrupted experiment
 *    resumes where it stopped. A failing run stops the experiment (the finished ones are kept).
 * 5. results.json, results.csv, the tidy tables, timings.json and manifest.json are written
 *    from the stored runs, sorted by runId: the same inputs give the same bytes whatever `jobs` is.
 */

export interface RunAllOptions {
  /** Output folder (created if missing). */
  outDir: string;
  /** Parallel runs (worker threads); default `os.availableParallelism()`. */
  jobs?: number;
  /** Run with this function in this process instead of worker threads (tests, embedding). */
  run?: RunFn;
  /**
   * Module exporting `runOne` (default: run-one.js): loaded by each worker thread, or by this
   * process when the runs execute here (one at a time).
   */
  workerRunModule?: URL;
  progress?: ProgressReporter;
  /** Ignore stored runs: run every run again, overwriting their files. */
  fresh?: boolean;
  /** Receives one line per problem worth telling the user (e.g. a corrupt stored run). */
  warn?: (line: string) => void;
}

/** What `runAll` (and `runExperiment`) did. */
export interface RunAllResult {
  /** The output folder written. */
  outDir: string;
  /** What results.json now holds. */
  results: ResultsFile;
  /** Run ids executed now, and skipped because a finished result was on disk. */
  executed: string[];
  skipped: string[];
  /** Where the runs executed: worker threads, this thread, or nowhere (all were stored). */
  executor: Executor["kind"] | "none";
}

/**
 * `runOne` in this process with the plan's registry (its plug-ins are already loaded here). The
 * module is imported only now, so an experiment resumed entirely from disk never loads the
 * simulator.
 */
async function inProcessRuns(plan: ExperimentPlan, runModule: URL | undefined): Promise<Executor> {
  // The default module by a literal specifier, so that a bundle includes it (bundle-cli.ts).
  const runWith =
    runModule === undefined ? (await import("./run-one.js")).runOne : await importRunOne(runModule.href);
  return inProcessExecutor((config, seed) => runWith(config, seed, { registry: plan.registry }), 1);
}

/**
 * The executor for `pending` runs of `plan` (also used by run-plans.ts for several plans that
 * load the same plug-ins). One run at a time executes in this process: a worker thread would load the simulator's
 * modules a second time (a few hundred ms) to gain nothing (docs/design.md, Start-up). Workers
 * import the plan's plug-in files themselves (a registry holds functions, which cannot cross
 * threads), so every worker builds the same registry as this process.
 */
export async function makeExecutor(
  plan: ExperimentPlan,
  options: RunAllOptions,
  pending: number,
): Promise<Executor> {
  const jobs = Math.max(1, Math.min(options.jobs ?? availableParallelism(), pending));
  if (options.run) return inProcessExecutor(options.run, jobs);
  const worker = jobs > 1 ? locateWorker() : undefined;
  if (!worker) return inProcessRuns(plan, options.workerRunModule);
  const plugins = plan.plugins.map((p) => p.path);
  return workerExecutor(worker, jobs, { runModule: options.workerRunModule, plugins });
}

/**
 * Splits the plan's runs into those finished on disk (same hash, intact file) and those still to run. A
 * stale file (config or code changed) is re-run silently; a corrupt one with a warning, since
 * it means something damaged the output folder.
 */
export async function partition(
  plan: ExperimentPlan,
  options: RunAllOptions,
): Promise<{ done: StoredRun[]; todo: PendingRun[] }> {
  const code = codeIdentity();
  const done: StoredRun[] = [];
  const todo: PendingRun[] = [];
  for (const run of plan.runs) {
    const hash = runHash(run, plan, code);
    const check = options.fresh ? undefined : await readStoredRun(options.outDir, run.runId, hash);
    if (check?.status === "reusable") {
      done.push({ ...check.stored, params: run.params });
      continue;
    }
    if (check?.status === "corrupt") {
      options.warn?.(`runs/${run.runId}.json is corrupt (${check.reason}); re-running it`);
    }
    todo.push({ run, hash });
  }
  return { done, todo };
}

/**
 * Runs every pending run and hands each result to `onDone` with its item; on the first failure, cancels the runs not yet started, waits for those in
 * flight (their results are still stored, so nothing is half-written) and rethrows that failure.
 */
export async function executeAll<T extends PendingRun>(
  executor: Executor,
  todo: readonly T[],
  onDone: (record: StoredRun, item: T) => Promise<void>,
): Promise<void> {
  let failure: { error: unknown } | undefined;
  await Promise.allSettled(
    todo.map(async (item) => {
      const { run, hash } = item;
      try {
        const { summary, timing } = await executor.run({
          runId: run.runId,
          config: run.config,
          seed: run.seed,
        });
        await onDone(
          sealRun({ runId: run.runId, seed: run.seed, hash, params: run.params, summary, timing }),
          item,
        );
      } catch (error) {
        if (error instanceof CancelledError) return;
        failure ??= { error };
        await executor.close();
      }
    }),
  );
  if (failure) throw failure.error;
}

/** A run still to execute, with its resume hash. */
export interface PendingRun {
  run: PlannedRun;
  hash: string;
}

/** What {@link executeRuns} left in the output folder's runs/. */
export interface ExecutedRuns {
  /** Every run of the plan, finished: resumed from disk or executed now. */
  stored: StoredRun[];
  /** Run ids resumed from disk. */
  resumed: Set<string>;
  /** Run ids executed now. */
  executed: string[];
  executor: RunAllResult["executor"];
}

/**
 * Steps 1–4 above: runs the plan's runs not finished on disk, storing each as it ends, and writes
 * nothing else. Sharded runs (shards.ts) call it with their part of the plan; `keepFolder` stops
 * a failed start from removing the output folder, which other shards may be writing into.
 */
export async function executeRuns(
  plan: ExperimentPlan,
  options: RunAllOptions & { keepFolder?: boolean },
): Promise<ExecutedRuns> {
  const { outDir } = options;
  const progress = options.progress ?? silentProgress;
  // The first folder mkdir creates (undefined if everything existed): removed again if the
  // experiment fails before a single run is stored, so a failed start leaves nothing behind.
  const created = await mkdir(path.join(outDir, "runs"), { recursive: true });
  const { done, todo } = await partition(plan, options);
  const resumed = new Set(done.map((s) => s.runId));
  const stored = [...done];
  progress.start(plan.runs.length, done.length);
  let kind: RunAllResult["executor"] = "none";
  if (todo.length > 0) {
    const executor = await makeExecutor(plan, options, todo.length);
    kind = executor.kind;
    try {
      await executeAll(executor, todo, async (record) => {
        await writeStoredRun(outDir, record);
        stored.push(record);
        progress.runDone(record.runId, stored.length, plan.runs.length);
      });
    } catch (e) {
      const untouched = created !== undefined && stored.length === 0 && options.keepFolder !== true;
      if (untouched) await rm(created, { recursive: true, force: true });
      throw e;
    } finally {
      await executor.close();
      progress.finish();
    }
  }
  return { stored, resumed, executed: todo.map((t) => t.run.runId), executor: kind };
}

/** Runs the plan's runs (see above) and writes the output folder. */
export async function runAll(plan: ExperimentPlan, options: RunAllOptions): Promise<RunAllResult> {
  const { stored, resumed, executed, executor } = await executeRuns(plan, options);
  const results = await writeOutputs(options.outDir, plan, stored, resumed);
  return { outDir: options.outDir, results, executed, skipped: [...resumed].sort(), executor };
}
