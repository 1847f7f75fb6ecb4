import { parentPort, workerData } from "node:worker_threads";
import { measureRun, type RunFn } from "./executor.js";
import type { WorkerInit, WorkerReply, WorkerRequest } from "./worker-protocol.js";

/**
 * Worker-thread entry (compiled to dist/src/experiment/worker.js). Loads the run module named in
 * `workerData` once, then runs one request at a time and replies with its outcome or error.
 */

const init = workerData as WorkerInit;
const port = parentPort;
if (!port) throw new Error("worker.ts must run as a worker thread");

const mod = (await import(init.runModule)) as { runOne?: RunFn };
const runOne = mod.runOne;
if (typeof runOne !== "function") throw new Error(`${init.runModule} does not export runOne`);

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
