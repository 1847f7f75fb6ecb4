import { describe, expect, it } from "vitest";
import type { ResultsFile, RunRecord } from "../../src/experiment/results-types.js";
import type { FrameworkSummary, FrameworksSummary } from "../../src/metrics/summary.js";
import { configValueLines } from "../../src/report/config-lines.js";
import { buildFigures } from "../../src/report/figures.js";
import { frameworksTable } from "../../src/report/frameworks-table.js";
import { buildReportHtml } from "../../src/report/html.js";
import { renderSvg } from "../../src/report/render.js";
import { makeResults } from "./fixture.js";

/**
 * Two architectures ("mono", "mesos") × seeds 1 and 2, frameworks a and b, numbers chosen so the
 * Frameworks table's seed means are easy by hand:
 *
 *   mono s1  a: 10 submitted, 8 completed, 1 failed, 1 skipped, completion mean 20 / p90 40 s,
 *               slowdown 2, locality 0.5, dominant share 0.3;   b: 4, 4, 0, 0, 100 / 120 s, 1,
 *               no blocks, 0.2; Jain's index 0.9.
 *   mono s2  a: 12, 10, 2, 3, 30 / 60 s, 3, 0.7, 0.5;           b: 4, 3, 1, 0, 110 / 130 s, 1.5,
 *               no blocks, 0.1; Jain's index 0.7.
 *   mesos    both seeds as mono s1, except that b completed nothing (no completion, no slowdown).
 *
 * Shares: 61 samples a minute apart over a run of 3630 s; a holds 0.3 at every third sample
 * (0, 3, 6 … 60 min) and 0 between, b 0.1 (mono) or 0.2 (mesos) throughout.
 */
const ARCH = "architecture";
const SAMPLES = 61;

function framework(name: string, over: Partial<FrameworkSummary>): FrameworkSummary {
  return {
    name,
    appsSubmitted: 0,
    appsCompleted: 0,
    appsFailed: 0,
    appsUnfinished: 0,
    jobsSkipped: 0,
    jobsCancelled: 0,
    completionSec: null,
    slowdown: null,
    pipelineMakespanSec: null,
    completionCdf: { sec: [], fraction: [] },
    localTasks: 0,
    remoteTasks: 0,
    locality: null,
    dominantShareMean: null,
    dominantShare: [],
    ...over,
  };
}

const spread = (mean: number, p90: number) => ({ count: 1, mean, p50: mean, p90 });

function section(arch: "mono" | "mesos", seed: number): FrameworksSummary {
  const second = arch === "mono" && seed === 2;
  const aShares = Array.from({ length: SAMPLES }, (_, i) => (i % 3 === 0 ? 0.3 : 0));
  const a = second
    ? framework("a", {
        ...{ appsSubmitted: 12, appsCompleted: 10, appsFailed: 2, jobsSkipped: 3 },
        ...{ completionSec: spread(30, 60), slowdown: spread(3, 3), locality: 0.7, dominantShareMean: 0.5 },
        completionCdf: { sec: [15, 30], fraction: [0.5, 1] },
      })
    : framework("a", {
        ...{ appsSubmitted: 10, appsCompleted: 8, appsFailed: 1, jobsSkipped: 1 },
        ...{ completionSec: spread(20, 40), slowdown: spread(2, 2), locality: 0.5, dominantShareMean: 0.3 },
        completionCdf: { sec: [10, 20], fraction: [0.5, 1] },
      });
  const bDone =
    arch === "mesos"
      ? { appsCompleted: 0 }
      : second
        ? { appsCompleted: 3, appsFailed: 1, completionSec: spread(110, 130), slowdown: spread(1.5, 1.5) }
        : { appsCompleted: 4, completionSec: spread(100, 120), slowdown: spread(1, 1) };
  const b = framework("b", {
    appsSubmitted: 4,
    ...bDone,
    ...(bDone.appsCompleted > 0 ? { completionCdf: { sec: [100], fraction: [1] } } : {}),
    dominantShareMean: second ? 0.1 : 0.2,
  });
  a.dominantShare = aShares;
  b.dominantShare = aShares.map(() => (arch === "mono" ? 0.1 : 0.2));
  return {
    sampleSec: Array.from({ length: SAMPLES }, (_, i) => 60 * i),
    jainIndex: aShares.map(() => 0.8),
    jainIndexMean: second ? 0.7 : 0.9,
    byFramework: [a, b],
  };
}

function results(): ResultsFile {
  const base = makeResults().runs[0]?.summary as RunRecord["summary"];
  const arches = [
    { type: "monolithic", name: "mono" },
    { type: "two-level", name: "mesos" },
  ] as const;
  const runs: RunRecord[] = arches.flatMap((arch, p) =>
    [1, 2].map((seed) => ({
      runId: `00${p}-s${seed}`,
      seed,
      params: { [ARCH]: arch },
      summary: { ...base, simulatedSec: 3630, frameworks: section(arch.name, seed) },
    })),
  );
  const experiment = { name: "fw", description: "", figures: [], sweepPaths: [ARCH], horizonSec: 3630 };
  return { experiment, runs };
}

describe("the Frameworks table", () => {
  it("has a row per sweep point × framework, seeds averaged, Jain's index on a point's first row", () => {
    const table = frameworksTable(results());
    expect(table?.columns).toEqual([
      ...["architecture", "framework", "submitted", "completed", "failed", "missed slots"],
      ...["completion mean (s)", "completion p90 (s)", "slowdown mean", "locality (%)", "dominant share"],
      "Jain's index",
    ]);
    expect(table?.rows).toEqual([
      // a: (10+12)/2, (8+10)/2, (1+2)/2, (1+3)/2; (20+30)/2, (40+60)/2, (2+3)/2, (50+70)/2 %, (0.3+0.5)/2; J (0.9+0.7)/2.
      ["mono", "a", 11, 9, 1.5, 2, 25, 50, 2.5, 60, 0.4, 0.8],
      // b: (4+3)/2 completed, (0+1)/2 failed; (100+110)/2, (120+130)/2, (1+1.5)/2; no blocks; (0.2+0.1)/2.
      ["mono", "b", 4, 3.5, 0.5, 0, 105, 125, 1.25, "–", 0.15, ""],
      ["mesos", "a", 10, 8, 1, 1, 20, 40, 2, 50, 0.3, 0.9],
      ["mesos", "b", 4, 0, 0, 0, "–", "–", "–", "–", 0.2, ""],
    ]);
  });

  it("is left out without framework runs", () => {
    expect(frameworksTable(makeResults())).toBeUndefined();
  });

  it("comes first in the report, and a frameworks workload reads one line per instance", () => {
    const config = {
      workload: {
        source: "frameworks",
        frameworks: [
          { type: "hadoop", interArrival: "20s", maps: { exponential: { mean: 40 } }, delay: "5s" },
          {
            type: "chronos",
            name: "etl",
            jobs: [
              { name: "extract", tasks: 8, duration: "2m" },
              { name: "load", tasks: 4, duration: "1m", parents: ["extract"] },
            ],
          },
        ],
      },
    };
    expect(configValueLines(config.workload)).toEqual([
      "frameworks (2 instances)",
      "hadoop: interArrival 20s · maps exponential(mean 40) · delay 5s",
      "etl (chronos): jobs [extract: tasks 8, duration 2m; load: tasks 4, duration 1m, parents [extract]]",
    ]);
    expect(configValueLines({ preset: "google-c" })).toBe('{"preset":"google-c"}');
    const html = buildReportHtml({ results: results(), manifest: { config }, figures: [] });
    expect(html).toContain("<div>hadoop: interArrival 20s · maps exponential(mean 40) · delay 5s</div>");
    const at = (text: string) => html.indexOf(text);
    expect(at('<section class="runs" id="frameworks">')).toBeGreaterThan(0);
    expect(at('id="frameworks"')).toBeLessThan(at('id="overview"'));
    expect(html).toContain("<h2>Frameworks (2 sweep points)</h2>");
    expect(html).toContain("One row per sweep point × framework, means over the 2 seeds of each point.");
  });
});

describe("the framework figures of a sweep", () => {
  it("draw one panel per sweep point from its first seed, titled by its swept value", () => {
    const [cdf] = buildFigures(results(), ["framework-completion-cdf"]);
    const spec = cdf?.vegaLiteSpec as unknown as { facet?: { sort: string[] } };
    expect(spec.facet?.sort).toEqual(["mono", "mesos"]);
    // Seed 1's CDFs only (seed 2 of mono reached 15 and 30 s).
    expect(cdf?.table.rows).toEqual([
      ["mono", "a", 10, 0.5],
      ["mono", "a", 20, 1],
      ["mono", "b", 100, 1],
      ["mesos", "a", 10, 0.5],
      ["mesos", "a", 20, 1],
    ]);
    expect(cdf?.caption).toContain("No completed application: b (mesos).");
    expect(cdf?.caption).toContain("One panel per sweep point, titled by its architecture");
    expect(cdf?.caption).toContain("the first seed's run of each (of 2 seeds per point)");
    expect(cdf?.caption).toContain("Runs: 000-s1, 001-s1.");
  });

  it("draw the run a figure entry names alone, without panels", async () => {
    const [cdf] = buildFigures(results(), [{ kind: "framework-completion-cdf", run: "000-s2" }]);
    expect((cdf?.vegaLiteSpec as { facet?: unknown }).facet).toBeUndefined();
    expect(cdf?.table.rows).toEqual([
      ["a", 15, 0.5],
      ["a", 30, 1],
      ["b", 100, 1],
    ]);
    expect(cdf?.caption).toContain("Run 000-s2 (chosen by the figure entry).");
    const [shares] = buildFigures(results(), [{ kind: "framework-shares-over-time", run: "001-s1" }]);
    // One full-size chart holds up to 60 steps: 61 samples → bins of 2, the first (0.3 + 0) / 2.
    expect(shares?.table.rows[0]).toEqual(["a", 0, 0.15]);
    expect(shares?.caption).toContain("Each step is the mean of 2 consecutive samples (2 minutes)");
    expect(await renderSvg(shares?.vegaLiteSpec as never)).toContain(
      "Jain's index over the active frameworks",
    );
  });

  it("bin shares into steps: 61 samples, at most 30 steps a panel → means of 3 samples", async () => {
    const [shares] = buildFigures(results(), ["framework-shares-over-time"]);
    // Shares above (y up to the highest share, 0.3), Jain's index in its own row below, same panels.
    type Row = { facet: { sort: string[] }; spec: { encoding: { y: { scale: { domain: number[] } } } } };
    const rows = (shares?.vegaLiteSpec as unknown as { vconcat: Row[] }).vconcat;
    expect(rows.map((r) => r.facet.sort)).toEqual([
      ["mono", "mesos"],
      ["mono", "mesos"],
    ]);
    expect(rows.map((r) => r.spec.encoding.y.scale.domain)).toEqual([
      [0, 0.3],
      [0, 1],
    ]);
    const a = shares?.table.rows.filter((r) => r[0] === "mono" && r[1] === "a") ?? [];
    // Bins [0,3), [3,6) … [57,60) min each hold one 0.3 and two 0: mean 0.1; the last bin is the
    // sample at 60 min alone (0.3), held to the run's end at 3630 s = 60.5 min.
    expect(a).toHaveLength(22);
    expect(a.slice(0, 2)).toEqual([
      ["mono", "a", 0, 0.1],
      ["mono", "a", 3, 0.1],
    ]);
    expect(a.slice(-2)).toEqual([
      ["mono", "a", 60, 0.3],
      ["mono", "a", 60.5, 0.3],
    ]);
    expect(shares?.table.rows.find((r) => r[0] === "mesos" && r[1] === "b")).toEqual(["mesos", "b", 0, 0.2]);
    expect(shares?.caption).toContain("Each step is the mean of 3 consecutive samples (3 minutes)");
    expect(shares?.caption).toContain("Time-mean Jain's index over all samples: mono 0.9, mesos 0.9.");
    const svg = await renderSvg(shares?.vegaLiteSpec as never);
    expect(svg).toContain("mesos");
    expect(await renderSvg(shares?.vegaLiteSpec as never)).toBe(svg);
  });
});
