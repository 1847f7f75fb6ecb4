import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadPlan } from "../../../src/experiment/load-plan.js";
import { renderFigures } from "../../../src/report/index.js";
import { makeRateResults } from "../../../test/report/omega-fixture.js";
import { OMEGA_STUDIES } from "../claims.js";
import { buildCombinedHtml, type StudySection } from "../combined-report.js";
import { claimsMarkdown, judgeAll } from "../verdicts/index.js";

describe("studies/omega/experiments", () => {
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
    const judged = judgeAll(new Map([["omega-fig8-arrival-rate", results]]));
    let next = 0;
    const sections: StudySection[] = OMEGA_STUDIES.map((study) => {
      const ran = study.name === "omega-fig8-arrival-rate";
      const mine = judged.slice(next, (next += study.claims.length));
      return {
        study,
        href: study.name,
        results: ran ? results : undefined,
        figures: ran ? figures : [],
        judged: mine,
      };
    });
    const hiFi = judged.slice(next);
    const html = buildCombinedHtml(sections, true, hiFi);
    const order = OMEGA_STUDIES.map((s) => html.indexOf(`Fig ${s.figures}. `));
    expect(order.every((at, i) => at > 0 && (i === 0 || at > (order[i - 1] as number)))).toBe(true);
    expect(html).toContain("saturates at ≈ 2.5× (A), 6× (B), 9.5× (C)");
    expect(html).toContain('<a href="omega-fig8-arrival-rate/report.html">');
    expect(html.match(/<svg/g)).toHaveLength(1);
    expect(html.match(/Not run yet/g)).toHaveLength(OMEGA_STUDIES.length - 1);
    expect(html).toContain("Quick run");
    expect(buildCombinedHtml(sections, true, hiFi)).toBe(html);
  });
});

describe("Omega claim verdicts", () => {
  it("judge every claim; unrun studies say so; fig 8 reads the saturation multipliers", () => {
    const judged = judgeAll(new Map([["omega-fig8-arrival-rate", makeRateResults()]]));
    const claims = OMEGA_STUDIES.reduce((n, s) => n + s.claims.length, 0);
    expect(judged.length).toBe(claims + 3);
    expect(judged.filter((c) => c.verdict.value === "no check written")).toEqual([]);
    const fig8 = judged.filter((c) => c.figures === "8");
    // The fixture saturates google-a at 3× (paper 2.5×: 20% off) and google-c at 4× (paper 9.5×).
    expect(fig8[0]!.verdict.value).toContain("A 3× (paper ≈2.5×)");
    expect(fig8[0]!.verdict.value).toContain("C 4× (paper ≈9.5×)");
    expect(fig8[0]!.verdict.holds).toBe("no");
    // Service busyness 0.1 → 0.4 and wait 0.5 → 2 s from 1× to 4×: it rises.
    expect(fig8[1]!.verdict.holds).toBe("yes");
    const others = judged.filter((c) => c.figures !== "8" && c.figures !== "hi-fi");
    expect(others.every((c) => c.verdict.holds === "not run")).toBe(true);
    const md = claimsMarkdown(judged);
    expect(md.split("\n")).toHaveLength(judged.length + 3);
    expect(md).toContain("| 8 | The batch scheduler saturates");
  });
});
