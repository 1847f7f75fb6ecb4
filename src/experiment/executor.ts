import type { RunConfig } from "./config.js";
import type { RunSummary } from "../metrics/summary.js";
import { importModule } from "../plugins/import-module.js";
import type { Registry } from "../plugins/registry.js";

/**
 * How runs get executed: in this process (one run at a time, tests, or when no compiled worker
 * exists) or on worker threads (worker-pool.ts). Both measure wall-clock figures the same way,
 * around the run only.
 */

/** The run function: `runOne` in production, a fake in tests. Must be a pure function of its inputs. */
export type RunFn = (config: RunConfig, seed: number) => Promise<RunSummary>;

/** What a run module exports as `runOne` (run-one.ts, or a fake in tests): the registry passed in. */
export type RunWithRegistry = (
  config: RunConfig,
  seed: number,
  options: { registry: Registry },
) => Promise<RunSummary>;

/** The `runOne` of the module at `href`; fails naming the module if it exports none. */
export async function importRunOne(href: string): Promise<RunWithRegistry> {
  const mod = (await importModule(href)) as { runOne?: RunWithRegistry };
  if (typeof mod.runOne !== "function") throw new Error(`${href} does not export runOne`);
  return mod.runOne;
}

/** Wall-clock figures of one run (timings.json; never in results.json). */
export interface RunTiming {
  wallSec: number;
  eventsPerSec: number;
  /**
   * Approximate peak JS heap: the largest `heapUsed` seen at the start, every 50 ms while the
   * event loop is free (trace loading) and at the end. The run loop itself is synchronous and
   * cannot be sampled, but its garbage is still on the heap at the end, so this is close.
   */
  peakHeapMb: number;
}

export interface RunTask {
  runId: string;
  config: RunConfig;
  seed: number;
}

export interface RunOutcome {
  summary: RunSummary;
  timing: RunTiming;
}

/**
 * Executes runs; `run` may be called many times concurrently, at most `capacity` make progress.
 * `close` rejects runs still waiting for a slot with a CancelledError and releases resources.
 */
export interface Executor {
  readonly capacity: number;
  readonly kind: "in-process" | "workers";
  run(task: RunTask): Promise<RunOutcome>;
  close(): Promise<void>;
}

/** A run that never started because the executor was closed (another run failed first). */
export class CancelledError extends Error {
  override readonly name = "CancelledError";
}

/** Runs `fn` and measures it (see RunTiming). */
export async function measureRun(fn: RunFn, task: RunTask): Promise<RunOutcome> {
  let peak = process.memoryUsage().heapUsed;
  const sample = (): void => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  };
  const timer = setInterval(sample, 50);
  timer.unref();
  const start = performance.now();
  try {
    const summary = await fn(task.config, task.seed);
    const wallSec = (performance.now() - start) / 1000;
    sample();
    const eventsPerSec = wallSec > 0 ? summary.events / wallSec : 0;
    return { summary, timing: { wallSec, eventsPerSec, peakHeapMb: peak / 2 ** 20 } };
  } finally {
    clearInterval(timer);
  }
}

/** Runs in this process, at most `capacity` at a time (useful for async run functions only). */
export function inProcessExecutor(fn: RunFn, capacity = 1): Executor {
  let active = 0;
  let closed = false;
  const waiting: { resolve: () => void; reject: (e: Error) => void }[] = [];
  const acquire = async (): Promise<void> => {
    if (closed) throw new CancelledError("executor closed");
    if (active < capacity) {
      active++;
      return;
    }
    await new Promise<void>((resolve, reject) => waiting.push({ resolve, reject }));
  };
  const release = (): void => {
    const next = waiting.shift();
    if (next) next.resolve();
    else active--;
  };
  return {
    capacity,
    kind: "in-process",
    async run(task) {
      await acquire();
      try {
        return await measureRun(fn, task);
      } finally {
        release();
      }
    },
    close: async () => {
      closed = true;
      for (const w of waiting.splice(0)) w.reject(new CancelledError("executor closed"));
    },
  };
}
