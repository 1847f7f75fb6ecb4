/**
 * The render thread (see svg.ts): imports the renderer, and with it vega and vega-lite, as soon
 * as it starts, then renders the specs it is sent one at a time, in order.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { TopLevelSpec } from "vega-lite";
import { renderSvgHere } from "./render.js";

/** A render request: the spec to render and the id its reply carries. */
export interface RenderRequest {
  id: number;
  spec: TopLevelSpec;
}

/** The reply to a render request: its SVG, or the error's message and stack. */
export type RenderReply = { id: number; svg: string; error?: undefined } | { id: number; error: string };

/**
 * A small chart with the marks, axes and legend the report's figures use. Rendering it while the
 * run simulates compiles vega's code paths, so the report's first real figure does not pay for
 * that (~0.05 s of the first render on the reference VM). Each render restarts vega's SVG ids, so
 * this one leaves no trace in later output.
 */
const WARM_UP_SPEC: TopLevelSpec = {
  data: { values: [0, 1, 2, 3].map((x) => ({ x, y: x * x, series: x % 2 === 0 ? "a" : "b" })) },
  layer: [
    {
      mark: { type: "line", point: true },
      encoding: {
        x: { field: "x", type: "quantitative", title: "x" },
        y: { field: "y", type: "quantitative", scale: { type: "symlog" } },
        color: { field: "series", type: "nominal" },
      },
    },
    { mark: "rule", encoding: { y: { datum: 4 } } },
    { mark: "text", encoding: { x: { datum: 1 }, y: { datum: 4 }, text: { value: "label" } } },
  ],
};

const port = parentPort;
if (port) {
  if ((workerData as { warmUp?: boolean } | undefined)?.warmUp) await renderSvgHere(WARM_UP_SPEC);
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
