/**
 * The render thread (see svg.ts): imports the renderer, and with it vega and vega-lite, as soon
 * as it starts, then renders the specs it is sent one at a time, in order.
 */
import { parentPort } from "node:worker_threads";
import type { TopLevelSpec } from "vega-lite";
import { renderSvgHere } from "./render.js";

/** A render request: the spec to render and the id its reply carries. */
export interface RenderRequest {
  id: number;
  spec: TopLevelSpec;
}

/** The reply to a render request: its SVG, or the error's message and stack. */
export type RenderReply = { id: number; svg: string; error?: undefined } | { id: number; error: string };

const port = parentPort;
if (port) {
  port.on("message", (request: RenderRequest) => {
    renderSvgHere(request.spec).then(
      (svg) => port.postMessage({ id: request.id, svg } satisfies RenderReply),
      (err: unknown) =>
        port.postMessage({
          id: request.id,
          error: err instanceof Error ? (err.stack ?? err.message) : String(err),
        }),
    );
  });
}
