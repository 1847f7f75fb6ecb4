import { describe, expect, it } from "vitest";
import { buildFigures } from "../../src/report/figures.js";
import { renderSvg } from "../../src/report/render.js";
import { makeResults } from "./fixture.js";

const results = makeResults();
const figures = buildFigures(results, results.experiment.figures);
const byName = (name: string) => {
  const fig = figures.find((f) => f.name === name);
  if (!fig) throw new Error(name);
  return fig;
};

describe("renderSvg", () => {
  it("draws the wait figure with its axis titles, log ticks and the 30 s SLO rule", async () => {
    const svg = await renderSvg(byName("wait-vs-decision-time").vegaLiteSpec);
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain(">Decision time t_job (s)<");
    expect(svg).toContain(">Mean job wait time<");
    for (const tick of [">10ms<", ">1s<", ">1m<", ">1d<", ">0.01<", ">100<"]) expect(svg).toContain(tick);
    expect(svg).toContain("mark-rule");
    expect(svg).toContain(">30 s SLO<");
    expect(svg).toContain(">google-b<");
    expect(svg).toContain(">service<");
  });

  it("draws busyness and utilization figures", async () => {
    const busy = await renderSvg(byName("busyness-vs-decision-time").vegaLiteSpec);
    expect(busy).toContain(">Scheduler busyness<");
    const util = await renderSvg(byName("utilization-over-time").vegaLiteSpec);
    expect(util).toContain(">Simulated time (hours)<");
    expect(util).toContain(">Memory<");
  });

  it("gives byte-identical SVG for the same spec, sequentially and concurrently", async () => {
    for (const fig of figures) {
      const a = await renderSvg(fig.vegaLiteSpec);
      const b = await renderSvg(structuredClone(fig.vegaLiteSpec));
      expect(b).toBe(a);
    }
    const sequential = [];
    for (const fig of figures) sequential.push(await renderSvg(fig.vegaLiteSpec));
    const concurrent = await Promise.all(figures.map((f) => renderSvg(f.vegaLiteSpec)));
    expect(concurrent).toEqual(sequential);
  });

  it("is independent of a rebuilt ResultsFile (figures are a pure function of results)", async () => {
    const again = buildFigures(makeResults(), results.experiment.figures);
    expect(again.map((f) => JSON.stringify(f))).toEqual(figures.map((f) => JSON.stringify(f)));
  });
});

describe("renderSvg inputs", () => {
  it("leaves the spec it renders untouched", async () => {
    const spec = byName("wait-vs-decision-time").vegaLiteSpec;
    const before = structuredClone(spec);
    await renderSvg(spec);
    expect(spec).toStrictEqual(before);
  });
});
