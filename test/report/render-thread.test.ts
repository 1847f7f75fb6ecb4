import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFigures } from "../../src/report/figures.js";
import { distPath, requireDist } from "../helpers/dist.js";
import { makeResults } from "./fixture.js";

type Render = (spec: unknown) => Promise<string>;
interface SvgModule {
  prewarmRenderer(): void;
  renderSvg: Render;
  stopRenderer(): Promise<void>;
}

/** The compiled modules: the render thread runs dist/src/report/render-worker.js. */
const SVG_JS = distPath("src/report/svg.js");
const RENDER_JS = distPath("src/report/render.js");

describe("the render thread (svg.ts)", () => {
  let svg: SvgModule;
  let here: Render;
  beforeAll(async () => {
    requireDist(SVG_JS);
    svg = (await import(pathToFileURL(SVG_JS).href)) as SvgModule;
    here = ((await import(pathToFileURL(RENDER_JS).href)) as { renderSvgHere: Render }).renderSvgHere;
  });
  afterAll(async () => svg.stopRenderer());

  it("renders every figure to the same bytes as rendering in this thread", async () => {
    const results = makeResults();
    const figures = buildFigures(results, results.experiment.figures);
    expect(figures.length).toBeGreaterThan(2);
    const local = [];
    for (const fig of figures) local.push(await here(fig.vegaLiteSpec));
    svg.prewarmRenderer();
    // All at once: the thread answers each request by its id, in any interleaving.
    const threaded = await Promise.all(figures.map((fig) => svg.renderSvg(fig.vegaLiteSpec)));
    expect(threaded).toEqual(local);
  });

  it("reports a render error from the thread as a rejected promise, and keeps serving", async () => {
    svg.prewarmRenderer();
    await expect(svg.renderSvg({ mark: "nonsense-mark", data: { values: [] } })).rejects.toThrow();
    const results = makeResults();
    const [first] = buildFigures(results, results.experiment.figures);
    expect(await svg.renderSvg(first!.vegaLiteSpec)).toBe(await here(first!.vegaLiteSpec));
  });
});
