/**
 * Where SVGs are rendered: in this thread (vega and vega-lite imported on first use), or, after
 * `prewarmRenderer`, on a render thread that started loading them at once. Loading vega and
 * vega-lite is the largest single part of a `cellsim run` beyond its simulation (~0.16 s on the
 * reference VM); on the render thread it overlaps validating, simulating and writing results, so a
 * one-run experiment does not wait for it. Both paths run the same renderer (render.ts), one
 * render at a time, so the SVG bytes are the same.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { TopLevelSpec } from "vega-lite";
import type { RenderReply, RenderRequest } from "./render-worker.js";

/** The render thread and the replies it owes, by request id. */
interface RenderThread {
  worker: Worker;
  pending: Map<number, { resolve(svg: string): void; reject(err: Error): void }>;
  nextId: number;
}

let thread: RenderThread | undefined;

/**
 * Starts the render thread, which loads vega and vega-lite right away and renders a small chart to
 * warm them up; later `renderSvg` calls go to it. A no-op when it is running already or when the compiled worker file is absent (running
 * from TypeScript sources, as the tests do): rendering then stays in this thread.
 */
export function prewarmRenderer(): void {
  if (thread) return;
  const file = new URL("./render-worker.js", import.meta.url);
  if (!existsSync(fileURLToPath(file))) return;
  const worker = new Worker(file, { workerData: { warmUp: true } });
  // Idle, the thread must not keep the process alive; a pending render refs it again.
  worker.unref();
  const started: RenderThread = { worker, pending: new Map(), nextId: 0 };
  worker.on("message", (reply: RenderReply) => {
    const waiter = started.pending.get(reply.id);
    if (!waiter) return;
    started.pending.delete(reply.id);
    if (started.pending.size === 0) worker.unref();
    if (reply.error !== undefined) waiter.reject(new Error(reply.error));
    else waiter.resolve(reply.svg);
  });
  worker.on("error", (err) => failThread(started, err));
  worker.on("exit", () => failThread(started, new Error("the render thread exited")));
  thread = started;
}

/** The thread is gone: its pending renders fail and later ones render in this thread. */
function failThread(gone: RenderThread, err: Error): void {
  if (thread === gone) thread = undefined;
  for (const waiter of gone.pending.values()) waiter.reject(err);
  gone.pending.clear();
}

/** Renders a vega-lite spec to a standalone SVG string (byte-identical for the same spec). */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const t = thread;
  if (!t) return (await import("./render.js")).renderSvgHere(spec);
  const id = t.nextId++;
  const reply = new Promise<string>((resolve, reject) => t.pending.set(id, { resolve, reject }));
  t.worker.ref();
  t.worker.postMessage({ id, spec } satisfies RenderRequest);
  return reply;
}

/** Stops the render thread, if any (the next render happens in this thread). */
export async function stopRenderer(): Promise<void> {
  const t = thread;
  thread = undefined;
  if (t) await t.worker.terminate();
}
