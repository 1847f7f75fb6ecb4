/**
 * vega-lite spec → SVG string, in Node, with no canvas and no fonts: text widths are estimated
 * from character counts, and SVG clip/gradient ids restart at every render, so the same spec
 * always yields the same bytes.
 */
import * as vega from "vega";
import * as vl from "vega-lite";
import type { TopLevelSpec } from "vega-lite";

/** Not in vega's typings, but exported at runtime by vega-scenegraph. */
interface TextMetrics {
  canvas(use: boolean): void;
}

/** Renders serially: the SVG id counters are process-wide, so interleaved renders would share them. */
let queue: Promise<unknown> = Promise.resolve();

/** Renders a vega-lite spec to a standalone SVG string (byte-identical for the same spec). */
export function renderSvg(vegaLiteSpec: TopLevelSpec): Promise<string> {
  const next = queue.then(() => renderNow(vegaLiteSpec));
  queue = next.catch(() => undefined);
  return next;
}

async function renderNow(spec: TopLevelSpec): Promise<string> {
  // Measuring text with a canvas (when the optional `canvas` package is present) would make
  // layout depend on the fonts installed on this machine.
  (vega as unknown as { textMetrics: TextMetrics }).textMetrics.canvas(false);
  vega.resetSVGDefIds();
  // vega tags inline data rows with ids in place; a copy keeps the caller's spec untouched.
  const compiled = vl.compile(structuredClone(spec), { logger: vega.logger(vega.Error) }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none", logLevel: vega.Error });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
