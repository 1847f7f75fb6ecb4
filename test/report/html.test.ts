import { beforeAll, describe, expect, it } from "vitest";
import { buildReportHtml } from "../../src/report/html.js";
import { renderFigures } from "../../src/report/index.js";
import type { RenderedFigure } from "../../src/report/types.js";
import { makeManifest, makeResults } from "./fixture.js";

const SVG_NAMESPACES = ['xmlns="http://www.w3.org/2000/svg"', 'xmlns:xlink="http://www.w3.org/1999/xlink"'];

let figures: RenderedFigure[];
let html: string;

beforeAll(async () => {
  figures = await renderFigures(makeResults());
  html = buildReportHtml({ results: makeResults(), manifest: makeManifest(), figures });
});

describe("buildReportHtml", () => {
  it("references nothing outside the page", () => {
    const stripped = SVG_NAMESPACES.reduce((text, ns) => text.split(ns).join(""), html);
    expect(stripped).not.toMatch(/https?:\/\//i);
    expect(stripped).not.toMatch(/\/\/cdn|<script|<link|@import|url\(/i);
    expect(html).not.toMatch(/\ssrc=/i);
    const hrefs = [...html.matchAll(/\shref="([^"]*)"/g)].map((m) => m[1]);
    expect(hrefs.length).toBeGreaterThan(0);
    expect(hrefs.every((h) => h?.startsWith("#"))).toBe(true);
  });

  it("has a header with experiment, config and provenance", () => {
    expect(html).toContain("<h1>fixture-omega-fig5</h1>");
    expect(html).toContain("Synthetic &lt;fixture&gt; for report tests &amp; escaping");
    expect(html).not.toContain("<fixture>");
    for (const text of [
      "0.1.0",
      "0123456789abcdef0123456789abcdef01234567",
      "v20.19.0",
      "random-first-fit",
    ]) {
      expect(html).toContain(text);
    }
    expect(html).toMatch(/<dt>seeds<\/dt><dd>1, 2<\/dd>/);
    expect(html).toMatch(/<dt>runs<\/dt><dd>12<\/dd>/);
    expect(html).toContain("<dt>sweep architecture.decisionTime.*.perJob</dt><dd>0.01s, 1s, 100s</dd>");
  });

  it("shows the failures and scheduling blocks when the experiment has them, and only then", () => {
    expect(html).not.toContain("<dt>failures</dt>");
    expect(html).not.toContain("<dt>scheduling</dt>");
    const manifest = makeManifest();
    const config = manifest.config as Record<string, unknown>;
    config.failures = { schedulers: [{ scheduler: "master", at: ["20m"], downtime: "5s" }] };
    config.scheduling = { preemption: true };
    const page = buildReportHtml({ results: makeResults(), manifest, figures: [] });
    expect(page).toMatch(/<dt>scheduling<\/dt><dd>\{&quot;preemption&quot;:true\}<\/dd>/);
    expect(page).toMatch(/<dt>failures<\/dt><dd>\{&quot;schedulers&quot;:/);
  });

  it("has a table of contents and one section per figure with SVG, caption and data table", () => {
    for (const fig of figures) {
      expect(html).toContain(`<a href="#fig-${fig.name}">`);
      expect(html).toContain(`<section class="figure" id="fig-${fig.name}">`);
    }
    expect(html.match(/<svg /g)).toHaveLength(figures.length);
    expect(html.match(/<details><summary>Data table/g)).toHaveLength(figures.length);
    expect(html).toContain("Solid lines: batch; dashed: service.");
  });

  it("lists every run with its swept values and key metrics", () => {
    const runsSection = html.slice(html.indexOf('id="runs"'));
    for (const run of makeResults().runs) expect(runsSection).toContain(`<td>${run.runId}</td>`);
    expect(runsSection).toContain('<th scope="col">batch mean waitFirstSec</th>');
    expect(runsSection).toContain('<th scope="col">service abandoned</th>');
    expect(runsSection).toContain("<td>google-b</td>");
  });

  it("is deterministic and tolerates a manifest without the expected fields", () => {
    expect(buildReportHtml({ results: makeResults(), manifest: makeManifest(), figures })).toBe(html);
    const bare = buildReportHtml({ results: makeResults(), manifest: null, figures: [] });
    expect(bare).toContain("<dt>git commit</dt><dd>unknown</dd>");
    expect(bare).toContain("<dt>seeds</dt><dd>1, 2</dd>");
  });
});
