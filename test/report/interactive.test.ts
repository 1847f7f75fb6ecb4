import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as vega from "vega";
import * as vl from "vega-lite";
import type { TopLevelSpec } from "vega-lite";
import { beforeAll, describe, expect, it } from "vitest";
import type { ResultsFile } from "../../src/experiment/results-types.js";
import { buildFigures } from "../../src/report/figures.js";
import { buildReportHtml } from "../../src/report/html.js";
import { renderFigures, writeReport } from "../../src/report/index.js";
import { interactiveSpec } from "../../src/report/interactive.js";
import type { RenderedFigure } from "../../src/report/types.js";
import { makeArchResults } from "./arch-fixture.js";
import { makeManifest, makeResults } from "./fixture.js";
import { makeGridResults, makeRateResults } from "./omega-fixture.js";
import { makePairedResults } from "./paired-fixture.js";

const ARCH_KINDS = [
  "conflict-fraction-vs-decision-time",
  "abandoned-vs-decision-time",
  "wait-vs-decision-time",
  "busyness-vs-decision-time",
  "utilization-over-time",
];

type Json = Record<string, unknown>;

/** Every unit spec (one with a mark) in a spec, with the encoding it inherits from its parents. */
function units(spec: Json, inherited: Json = {}, out: { unit: Json; encoding: Json }[] = []) {
  const encoding = { ...inherited, ...((spec.encoding as Json | undefined) ?? {}) };
  if (spec.mark !== undefined) out.push({ unit: spec, encoding });
  if (spec.spec) units(spec.spec as Json, encoding, out);
  for (const key of ["layer", "concat", "hconcat", "vconcat"]) {
    for (const child of (spec[key] as Json[] | undefined) ?? []) units(child, encoding, out);
  }
  return out;
}

function fixtureSpecs(): { name: string; spec: TopLevelSpec }[] {
  const sets: ResultsFile[] = [
    makeResults(),
    makeArchResults(ARCH_KINDS),
    makeRateResults(),
    makeGridResults(),
    makePairedResults(),
  ];
  return sets.flatMap((r) =>
    buildFigures(r, r.experiment.figures).map((f) => ({ name: f.name, spec: f.vegaLiteSpec })),
  );
}

describe("interactiveSpec", () => {
  const specs = fixtureSpecs();

  it("covers several figure kinds", () => {
    expect(new Set(specs.map((s) => s.name)).size).toBeGreaterThanOrEqual(8);
  });

  it.each(specs.map((s, i) => [`${i} ${s.name}`, s.spec] as const))(
    "%s compiles and runs in vega without errors",
    async (_name, spec) => {
      const warnings: unknown[] = [];
      const logger = vega.logger(vega.Warn);
      logger.warn = (...args: unknown[]) => (warnings.push(args), logger);
      const compiled = vl.compile(interactiveSpec(spec), { logger }).spec;
      const view = new vega.View(vega.parse(compiled), { renderer: "none", logLevel: vega.Error });
      await view.runAsync();
      view.finalize();
      expect(warnings).toEqual([]);
    },
  );

  it("puts a tooltip on every mark and leaves the figure's own spec untouched", () => {
    for (const { spec } of specs) {
      const before = JSON.stringify(spec);
      const out = interactiveSpec(spec) as unknown as Json;
      expect(JSON.stringify(spec)).toBe(before);
      expect((out.config as Json).mark).toMatchObject({ tooltip: true });
      for (const { unit } of units(out)) expect(unit.mark).toMatchObject({ tooltip: true });
    }
  });

  it("binds a selection to every categorical colour legend, dimming the series not chosen", () => {
    let bound = 0;
    for (const { spec } of specs) {
      const out = units(interactiveSpec(spec) as unknown as Json);
      const params = out.flatMap(({ unit }) => (unit.params as Json[] | undefined) ?? []);
      const legends = out.filter(({ encoding }) => {
        const color = encoding.color as Json | undefined;
        return color?.field !== undefined && color.legend !== null && color.type === "nominal";
      });
      if (legends.length === 0) continue;
      expect(params).toHaveLength(1);
      expect(params[0]).toMatchObject({ bind: "legend", select: { type: "point" } });
      for (const { unit } of legends) {
        const enc = unit.encoding as Json;
        const dim = (enc.opacity ?? enc.strokeOpacity) as Json;
        expect(dim).toEqual({ condition: { param: params[0]?.name, value: 1 }, value: 0.15 });
      }
      bound++;
    }
    expect(bound).toBeGreaterThanOrEqual(5);
  });
});

describe("buildReportHtml with interactive", () => {
  let figures: RenderedFigure[];
  let plain: string;
  let html: string;

  beforeAll(async () => {
    figures = await renderFigures(makeResults());
    const input = { results: makeResults(), manifest: makeManifest(), figures };
    plain = buildReportHtml(input);
    html = buildReportHtml({ ...input, interactive: true });
  });

  it("leaves the default page as it was: no scripts, same bytes as interactive: false", () => {
    expect(plain).not.toMatch(/<script/i);
    expect(
      buildReportHtml({ results: makeResults(), manifest: makeManifest(), figures, interactive: false }),
    ).toBe(plain);
    expect(plain).toContain("</footer>\n</div></body>\n</html>\n");
  });

  it("inlines vega, vega-lite and vega-embed once each, and loads nothing from elsewhere", () => {
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
    expect(scripts).toEqual(["", "", "", ' type="application/json" id="cellsim-specs"', ""]);
    // The global each UMD bundle defines, once per page.
    for (const global of [".vega={}", ".vegaLite={}", ".vegaEmbed=t("]) {
      expect(html.split(global)).toHaveLength(2);
    }
    expect(html).not.toMatch(/<script[^>]*\ssrc=|<link|sourceMappingURL/i);
    expect(html.length - plain.length).toBeGreaterThan(500_000);
  });

  it("keeps every static SVG (the no-JavaScript fallback) and embeds one spec per figure", () => {
    const page = html.slice(0, html.indexOf("<script"));
    expect(page.match(/<svg /g)).toHaveLength(figures.length);
    const json = /<script type="application\/json" id="cellsim-specs">([^<]*)<\/script>/.exec(html)?.[1];
    const specs = JSON.parse(json ?? "[]") as { id: string }[];
    expect(specs.map((s) => s.id)).toEqual(figures.map((f) => `fig-${f.name}`));
    expect(html).toContain("hover a mark for its values");
  });
});

describe("writeReport with interactive", () => {
  it("writes the same figure files as the default report; only report.html differs", async () => {
    const dir = await mkdtemp(join(tmpdir(), "cellsim-interactive-"));
    try {
      await writeFile(join(dir, "results.json"), JSON.stringify(makeResults()));
      await writeFile(join(dir, "manifest.json"), JSON.stringify(makeManifest()));
      const read = (files: string[]) => Promise.all(files.map((f) => readFile(f, "utf8")));
      const plain = await writeReport(dir);
      const plainFiles = await read([...plain.figureFiles, plain.reportPath]);
      const rich = await writeReport(dir, { interactive: true });
      expect(await read(rich.figureFiles)).toEqual(plainFiles.slice(0, -1));
      expect(await readFile(rich.reportPath, "utf8")).toContain('id="cellsim-specs"');
      expect(plainFiles.at(-1)).not.toContain("<script");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
