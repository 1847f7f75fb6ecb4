import { parentPort, workerData } from "node:worker_threads";
import { loadRegistry } from "../plugins/load.js";
import { importRunOne, measureRun, type RunFn } from "./executor.js";
import { runPreloads } from "./worker-preload.js";
import type { WorkerInit, WorkerReply, WorkerRequest } from "./worker-protocol.js";

/**
 * Worker-thread entry (compiled to dist/src/experiment/worker.js). Loads the run module and the
 * experiment's plug-ins named in `workerData` once, then runs one request at a time and replies
 * with its outcome or error.
 */

const init = workerData as WorkerInit;
const port = parentPort;
if (!port) throw new Error("worker.ts must run as a worker thread");

const runWith = await importRunOne(init.runModule);
// The same plug-in files as the parent, so this thread's registry equals the parent's (and the
// same loaders first, e.g. tsx for TypeScript plug-ins).
if (init.plugins.length > 0) await runPreloads();
const { registry } = await loadRegistry(init.plugins);
const runOne: RunFn = (config, seed) => runWith(config, seed, { registry });

port.on("message", (task: WorkerRequest) => {
  void measureRun(runOne, task).then(
    (outcome) => port.postMessage({ type: "done", runId: task.runId, outcome } satisfies WorkerReply),
    (e: unknown) => {
      const err = e instanceof Error ? e : new Error(String(e));
      const reply: WorkerReply = { type: "error", runId: task.runId, name: err.name, message: err.message };
      if (err.stack !== undefined) reply.stack = err.stack;
      port.postMessage(reply);
    },
  );
});
