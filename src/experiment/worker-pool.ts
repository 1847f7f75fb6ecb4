import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { InputError } from "../engine/errors.js";
import { CancelledError, type Executor, type RunOutcome, type RunTask } from "./executor.js";
import type { WorkerInit, WorkerReply } from "./worker-protocol.js";

/**
 * A fixed pool of worker threads, each running one run at a time. Runs are independent pure
 * functions, so which worker runs what never changes results; the caller sorts by runId.
 */

/**
 * The compiled worker entry. Beside this file when running from dist; when running from the
 * TypeScript sources (vitest), `./worker.js` does not exist and the compiled copy in
 * `dist/src/experiment/` is used if the project was built. `undefined` → run in process.
 */
export function locateWorker(): URL | undefined {
  const candidates = [
    new URL("./worker.js", import.meta.url),
    new URL("../../dist/src/experiment/worker.js", import.meta.url),
  ];
  return candidates.find((u) => existsSync(fileURLToPath(u)));
}

interface Pending {
  task: RunTask;
  resolve: (o: RunOutcome) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  pending?: Pending;
}

function replyError(reply: Extract<WorkerReply, { type: "error" }>): Error {
  const err = reply.name === "InputError" ? new InputError(reply.message) : new Error(reply.message);
  if (reply.stack !== undefined) err.stack = reply.stack;
  return err;
}

/** A pool of `size` workers, each loading the run module and the plug-ins of `setup`. */
class WorkerPool implements Executor {
  readonly kind = "workers";
  private readonly idle: Slot[] = [];
  private readonly queue: Pending[] = [];
  private readonly slots: Slot[];
  /** Once set, every queued and future run fails with it (see `fail`). */
  private failure: Error | undefined;

  constructor(
    workerUrl: URL,
    readonly capacity: number,
    setup: WorkerSetup = {},
  ) {
    const init: WorkerInit = {
      runModule: (setup.runModule ?? new URL("./run-one.js", workerUrl)).href,
      plugins: [...(setup.plugins ?? [])],
    };
    this.slots = Array.from({ length: capacity }, () => this.spawn(workerUrl, init));
  }

  run(task: RunTask): Promise<RunOutcome> {
    return new Promise<RunOutcome>((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      this.queue.push({ task, resolve, reject });
      const slot = this.idle.shift();
      if (slot) this.dispatch(slot);
    });
  }

  async close(): Promise<void> {
    this.failure ??= new CancelledError("executor closed");
    for (const job of this.queue.splice(0)) job.reject(this.failure);
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private spawn(workerUrl: URL, init: WorkerInit): Slot {
    const slot: Slot = { worker: new Worker(workerUrl, { workerData: init }) };
    slot.worker.on("message", (reply: WorkerReply) => this.onReply(slot, reply));
    // An error thrown while the worker starts (its run module or a plug-in failed to load)
    // arrives as a plain Error: an InputError keeps its kind by name, so it stays bad input.
    slot.worker.on("error", (err) =>
      this.fail(slot, err.name === "InputError" ? new InputError(err.message) : err),
    );
    slot.worker.on("exit", (code) => {
      if (slot.pending) this.fail(slot, new Error(`run worker exited with code ${code}`));
    });
    this.idle.push(slot);
    return slot;
  }

  private dispatch(slot: Slot): void {
    const job = this.queue.shift();
    if (!job) return void this.idle.push(slot);
    slot.pending = job;
    slot.worker.postMessage(job.task);
  }

  private onReply(slot: Slot, reply: WorkerReply): void {
    const p = slot.pending;
    if (!p || p.task.runId !== reply.runId) return;
    slot.pending = undefined;
    this.dispatch(slot);
    if (reply.type === "done") p.resolve(reply.outcome);
    else p.reject(replyError(reply));
  }

  /**
   * A worker died (e.g. its run module failed to load): fail its run and everything queued,
   * which would otherwise wait forever for a reply.
   */
  private fail(slot: Slot, err: Error): void {
    this.failure ??= err;
    slot.pending?.reject(err);
    slot.pending = undefined;
    for (const job of this.queue.splice(0)) job.reject(this.failure);
  }
}

/** What each worker loads: the run module and the experiment's plug-in files. */
export interface WorkerSetup {
  /** Module exporting `runOne` (default: run-one.js beside the worker). */
  runModule?: URL | undefined;
  /** Absolute paths of plug-in modules (default none). */
  plugins?: readonly string[];
}

/** A pool of `size` worker threads running `runOne` with the experiment's plug-ins loaded. */
export function workerExecutor(workerUrl: URL, size: number, setup: WorkerSetup = {}): Executor {
  return new WorkerPool(workerUrl, size, setup);
}
