import { describe, expect, it } from "vitest";
import { InputError } from "../../src/engine/errors.js";
import { planFromJson } from "../../src/experiment/plan.js";
import { pairedDifferences, unpairedDifference } from "../../src/metrics/paired.js";
import { buildFigures, FIGURE_KINDS } from "../../src/report/figures.js";
import { renderSvg } from "../../src/report/render.js";
import type { FigureSpec } from "../../src/report/types.js";
import { smallExperiment } from "../experiment/helpers.js";
import { BATCH_WAIT, makePairedResults, PAIRED_ARCH_PATH } from "./paired-fixture.js";

const NAME = "paired-differences";
/** t with 2 degrees of freedom, two-sided 95 %: (2p − 1) / √(2p(1 − p)) at p = 0.975. */
const T2 = 0.95 / Math.sqrt(2 * 0.975 * 0.025);

function figure(results = makePairedResults()): FigureSpec {
  const [fig] = buildFigures(results, [NAME]);
  if (!fig) throw new Error("no figure");
  return fig;
}

describe("paired-differences on two architectures × three seeds", () => {
  const fig = figure();

  it("tables the per-seed differences' mean and 95 % t interval, computed by hand", () => {
    // Wait, Omega − mono per seed: 12 − 10, 23 − 20, 31 − 30 = 2, 3, 1 → mean 2, sd 1.
    const waitHalf = (T2 * 1) / Math.sqrt(3);
    // Busyness per seed: 0.25 − 0.5, 0.45 − 0.7, 0.4 − 0.6 = −0.25, −0.25, −0.2 → mean −0.7/3;
    // squared deviations (1/60)², (1/60)², (2/60)² sum to 6/3600, so sd = √(1/1200) and
    // the half-width t·sd/√3 = t/60.
    const busyMean = -0.7 / 3;
    const busyHalf = T2 / 60;
    expect(fig.table.columns).toEqual(["point", "metric", "n seeds", "mean difference", "CI low", "CI high"]);
    expect(fig.table.rows.map((r) => r.slice(0, 3))).toEqual([
      ["Omega", "mean batch wait (s)", 3],
      ["Omega", "batch-scheduler busyness", 3],
    ]);
    const [wait, busy] = fig.table.rows.map((r) => r.slice(3) as number[]);
    const expected = [
      [2, 2 - waitHalf, 2 + waitHalf],
      [busyMean, busyMean - busyHalf, busyMean + busyHalf],
    ];
    for (const [i, row] of [wait, busy].entries()) {
      for (const [j, value] of (row ?? []).entries()) expect(value).toBeCloseTo(expected[i]?.[j] ?? NaN, 5);
    }
    expect(wait?.[1]).toBeCloseTo(-0.484138, 6);
    expect(busy?.[2]).toBeCloseTo(-0.161622, 6);
  });

  it("is narrower than the interval that ignores the pairing", () => {
    const bySeed = (xs: readonly number[]): Map<number, number> => new Map(xs.map((x, i) => [i + 1, x]));
    const [mono, omega] = BATCH_WAIT;
    const paired = pairedDifferences(bySeed(omega), bySeed(mono));
    const unpaired = unpairedDifference(omega, mono);
    expect(paired.mean).toBe(unpaired.mean);
    expect(paired.halfWidth).toBeLessThan((unpaired.halfWidth ?? 0) / 8);
  });

  it("says in the caption what the baseline is, that differences are paired by seed, and n", () => {
    expect(fig.title).toBe("Paired differences vs mono");
    expect(fig.caption).toContain("the baseline mono (the first sweep point)");
    expect(fig.caption).toContain("paired by seed");
    expect(fig.caption).toContain("common random numbers");
    expect(fig.caption).toContain("over seeds 1, 2, 3 (n = 3 seeds)");
    expect(fig.caption).toContain("95 % Student-t confidence interval");
  });

  it("renders one row per non-baseline point with its interval, identically each time", async () => {
    const svg = await renderSvg(fig.vegaLiteSpec);
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain(">Δ mean batch wait (s)<");
    expect(svg).toContain(">Δ batch-scheduler busyness<");
    expect(svg).toContain(">Omega<");
    expect(svg).not.toContain(">mono<");
    expect(await renderSvg(figure().vegaLiteSpec)).toBe(svg);
  });

  it("compares each further point with the first, pairing only the seeds both ran", () => {
    const results = makePairedResults();
    const third = results.runs.filter((r) => r.runId.startsWith("001-") && r.seed !== 3);
    results.runs.push(
      ...third.map((r) => ({
        ...r,
        runId: r.runId.replace("001-", "002-"),
        params: { [PAIRED_ARCH_PATH]: { type: "two-level" } },
      })),
    );
    const rows = figure(results).table.rows;
    expect(rows.map((r) => [r[0], r[2]])).toEqual([
      ["Omega", 3],
      ["two-level", 2],
      ["Omega", 3],
      ["two-level", 2],
    ]);
    // Seeds 1, 2 only: 2 and 3 → mean 2.5.
    expect(rows[1]?.[3]).toBe(2.5);
  });
  it("leaves out, and names, a point that shares no seed with the baseline", () => {
    const results = makePairedResults();
    const [first] = results.runs;
    if (!first) throw new Error("empty fixture");
    results.runs.push({
      ...first,
      runId: "002-s9",
      seed: 9,
      params: { [PAIRED_ARCH_PATH]: { type: "two-level" } },
    });
    const fig9 = figure(results);
    expect(fig9.table.rows.map((r) => r[0])).toEqual(["Omega", "Omega"]);
    expect(fig9.caption).toContain(
      "2 point × metric pair(s) have no value under any seed the baseline also ran",
    );
  });

  it("says when intervals are too narrow to see", () => {
    expect(fig.caption).not.toContain("under a pixel");
    const results = makePairedResults();
    for (const run of results.runs.filter((r) => r.runId.startsWith("001-"))) {
      const batch = run.summary.workloads.batch;
      // Omega waits exactly 2 s longer under every seed: sd 0, an interval of zero width.
      if (batch) batch.waitFirstSec.mean = (BATCH_WAIT[0][run.seed - 1] ?? 0) + 2;
    }
    const thin = figure(results);
    expect(thin.table.rows[0]?.slice(3)).toEqual([2, 2, 2]);
    expect(thin.caption).toContain("1 interval(s) are under a pixel wide");
  });
});

describe("paired-differences refuses what it cannot compare", () => {
  const check = FIGURE_KINDS[NAME].check;

  it("refuses one seed and no sweep in its check, explaining why", () => {
    expect(check([PAIRED_ARCH_PATH], { machinesSampled: 0, seeds: 1 })).toMatch(
      /needs at least 2 seeds .*has 1\): set "seeds" to two or more/,
    );
    expect(check([], { machinesSampled: 0, seeds: 3 })).toMatch(/^needs a sweep/);
    expect(check([PAIRED_ARCH_PATH], { machinesSampled: 0, seeds: 3 })).toBeUndefined();
  });

  it("refuses a one-seed experiment file before anything runs", () => {
    const json = { ...smallExperiment(), seeds: [1], figures: [NAME] };
    expect(() => planFromJson(json, "x.json")).toThrow(
      /figures\[0\]: figure paired-differences needs at least 2 seeds/,
    );
    expect(planFromJson({ ...json, seeds: [1, 2] }, "x.json").runs).toHaveLength(6);
  });

  it("refuses to build from one seed's results or a single sweep point", () => {
    expect(() => figure(makePairedResults([1]))).toThrow(InputError);
    expect(() => figure(makePairedResults([1]))).toThrow(/at least 2 seeds/);
    const single = makePairedResults();
    single.runs = single.runs.filter((r) => r.runId.startsWith("000-"));
    expect(() => figure(single)).toThrow(/at least 2 sweep points; the sweep has 1/);
  });
});
