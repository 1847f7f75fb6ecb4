import { describe, expect, it } from "vitest";
import { BUILTIN_CONTEXT, planFromJson } from "../../../src/experiment/plan.js";
import { analyticCases, type AnalyticRow } from "../analytic.js";
import { MESOS_SECTIONS } from "../claims.js";
import { buildCombinedHtml, type SectionView } from "../combined-report.js";
import { macrobenchmark, MESOS_EXPERIMENTS, SHARING } from "../experiments.js";
import { judgeAll, claimsMarkdown } from "../verdicts/index.js";
import { judgeNearOne, judgeRatio } from "../verdicts/simulated.js";

describe("studies/mesos experiments", () => {
  for (const e of MESOS_EXPERIMENTS) {
    it(`${e.name} validates, has three seeds and a small --quick`, () => {
      const full = planFromJson(e, e.name, {}, (p) => p, BUILTIN_CONTEXT);
      expect(full.seeds).toEqual([1, 2, 3]);
      const quick = planFromJson(e, e.name, { quick: true }, (p) => p, BUILTIN_CONTEXT);
      expect(quick.seeds).toEqual([1]);
      expect(quick.horizonSec).toBeLessThanOrEqual(3600);
      expect(quick.runs.length).toBeLessThanOrEqual(6);
    });
  }

  it("every shared run uses the one SHARING block (switching the allocator is one edit)", () => {
    const plans = MESOS_EXPERIMENTS.map((e) => planFromJson(e, e.name, {}, (p) => p, BUILTIN_CONTEXT));
    const shared = plans.flatMap((p) => p.runs).filter((r) => r.config.architecture.type === "two-level");
    // Macrobenchmark 1 point, delay scheduling 3, failover 1; three seeds each.
    expect(shared.length).toBe(3 + 9 + 3);
    expect(macrobenchmark.sweep.architecture[0]).toBe(SHARING);
  });
});

describe("verdict rules", () => {
  it("a ratio holds when its excess over 1 has the paper's sign and is within a factor 1.5", () => {
    expect(judgeRatio(1.12, 1.1)).toBe("yes");
    expect(judgeRatio(1.3, 1.1)).toBe("partly");
    expect(judgeRatio(0.9, 1.1)).toBe("no");
    expect(judgeRatio(0.95, 0.96)).toBe("yes");
    expect(judgeRatio(1.01, 0.96)).toBe("no");
    expect(judgeNearOne(0.94, 0.95)).toBe(true);
    expect(judgeNearOne(0.9, 0.95)).toBe(false);
  });
});

describe("combined Mesos report", () => {
  it("shows every section with its claims, unrun sections as such, and claims.md one row a claim", () => {
    const rows: AnalyticRow[] = analyticCases(4, 1, 10).map((c) => {
      const o = { rampUpSec: 10, completionSec: 20, utilization: 0.5 };
      return { case: c, paper: o, expected: o, onSample: o, simulated: o };
    });
    const judged = judgeAll(new Map(), rows);
    const claims = MESOS_SECTIONS.reduce((n, s) => n + s.claims.length, 0);
    expect(judged.length).toBe(claims);
    expect(judged.filter((c) => c.verdict.value === "no check written")).toEqual([]);
    // Simulated numbers equal to the derivation and the paper: the analytic claims hold.
    expect(judged.slice(0, 3).map((c) => c.verdict.holds)).toEqual(["yes", "yes", "yes"]);
    expect(judged.slice(3).every((c) => c.verdict.holds === "not run")).toBe(true);
    let next = 0;
    const views: SectionView[] = MESOS_SECTIONS.map((section) => ({
      section,
      results: undefined,
      figures: [],
      judged: judged.slice(next, (next += section.claims.length)),
    }));
    const html = buildCombinedHtml(views, rows, true);
    expect(html).toContain("Quick run");
    expect(html.match(/Not run yet/g)).toHaveLength(MESOS_SECTIONS.length - 1);
    expect(html).toContain("ramp-up (s) simulated");
    expect(buildCombinedHtml(views, rows, true)).toBe(html);
    expect(claimsMarkdown(judged).split("\n")).toHaveLength(claims + 3);
  });
});
