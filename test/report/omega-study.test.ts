import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadPlan } from "../../src/experiment/plan.js";
import { buildCombinedHtml, type StudySection } from "../../src/report/omega/combined-report.js";
import { OMEGA_STUDIES } from "../../src/report/omega/claims.js";
import { renderFigures } from "../../src/report/index.js";
import { makeRateResults } from "./omega-fixture.js";

describe("experiments/omega", () => {
  for (const study of OMEGA_STUDIES) {
    it(`${study.file} validates, matches its study name and has a small --quick`, async () => {
      expect(existsSync(study.file)).toBe(true);
      const full = await loadPlan(study.file);
      expect(full.name).toBe(study.name);
      expect(full.seeds.length).toBeGreaterThanOrEqual(3);
      expect(full.figures.length).toBeGreaterThan(0);
      const quick = await loadPlan(study.file, { quick: true });
      expect(quick.seeds).toEqual([1]);
      expect(quick.horizonSec).toBeLessThanOrEqual(6 * 3600);
      expect(quick.runs.length).toBeLessThanOrEqual(27);
    });
  }
});

describe("combined Omega report", () => {
  it("shows every study in paper order with its claims, figures inline, and unrun studies as such", async () => {
    const results = makeRateResults();
    const figures = await renderFigures(results, ["wait-vs-arrival-rate"]);
    const sections: StudySection[] = OMEGA_STUDIES.map((study) => {
      const ran = study.name === "omega-fig8-arrival-rate";
      return { study, href: study.name, results: ran ? results : undefined, figures: ran ? figures : [] };
    });
    const html = buildCombinedHtml(sections, true);
    const order = OMEGA_STUDIES.map((s) => html.indexOf(`Fig ${s.figures}. `));
    expect(order.every((at, i) => at > 0 && (i === 0 || at > (order[i - 1] as number)))).toBe(true);
    expect(html).toContain("saturates at ≈ 2.5× (A), 6× (B), 9.5× (C)");
    expect(html).toContain('<a href="omega-fig8-arrival-rate/report.html">');
    expect(html.match(/<svg/g)).toHaveLength(1);
    expect(html.match(/Not run yet/g)).toHaveLength(OMEGA_STUDIES.length - 1);
    expect(html).toContain("Quick run");
    expect(buildCombinedHtml(sections, true)).toBe(html);
  });
});
