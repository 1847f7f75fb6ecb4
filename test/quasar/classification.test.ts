import { describe, expect, it } from "vitest";
import { RngFactory } from "../../src/engine/rng.js";
import { AXES, Classifier, type Axis } from "../../src/quasar/classifier.js";
import { generateJobs } from "../../src/quasar/job-gen.js";
import { LowRankModel } from "../../src/quasar/matrix-completion.js";
import { QUASAR_LARGE } from "../../src/quasar/scenario.js";
import { symmetricEigen } from "../../src/quasar/svd.js";
import { runOne } from "../../src/experiment/run-one.js";
import { LARGE_QUARTER, performanceOf, plannedRuns, studyExperiment } from "./helpers.js";

/** Mean and max classification error per axis over the large scenario's 1,200 jobs. */
function errors(entries: number, seed: number) {
  const rng = new RngFactory(seed);
  const jobs = generateJobs(rng.stream("quasar:jobs"), QUASAR_LARGE);
  const c = new Classifier(QUASAR_LARGE, rng.stream("quasar:training"), entries);
  const all: Partial<Record<Axis, number[]>> = {};
  for (const j of jobs) {
    for (const [axis, e] of Object.entries(c.classify(j, AXES).errors)) (all[axis as Axis] ??= []).push(e);
  }
  return Object.fromEntries(
    AXES.map((a) => {
      const v = all[a]!;
      return [a, { mean: v.reduce((s, x) => s + x, 0) / v.length, max: Math.max(...v) }];
    }),
  ) as Record<Axis, { mean: number; max: number }>;
}

describe("SVD and matrix completion", () => {
  it("Jacobi eigen-decomposition of a 2×2 symmetric matrix", () => {
    // [[2,1],[1,2]] has eigenvalues 3 (vector (1,1)/√2) and 1.
    const e = symmetricEigen(Float64Array.from([2, 1, 1, 2]), 2);
    expect(e.values[0]).toBeCloseTo(3, 10);
    expect(e.values[1]).toBeCloseTo(1, 10);
    expect(Math.abs(e.vectors[0]![0]!)).toBeCloseTo(Math.SQRT1_2, 8);
  });

  it("completes an exactly rank-1 (+ row bias) matrix from 2 entries of a new row", () => {
    const shape = [0, 1, 2, 3, 4, 5];
    const rows = Array.from({ length: 10 }, (_, i) =>
      Float64Array.from(shape, (s) => i * 0.3 + s * (0.5 + 0.1 * i)),
    );
    const model = LowRankModel.fit(rows, {
      rank: 1,
      ridge: 1e-8,
      learningRate: 0.01,
      trainEpochs: 0,
      foldInEpochs: 3000,
      rowBias: true,
    });
    const truth = shape.map((s) => 2 + s * 0.85);
    const row = model.complete([1, 4].map((col) => ({ col, value: truth[col]! })));
    truth.forEach((v, j) => expect(row[j]).toBeCloseTo(v, 2));
  });
});

describe("classification error (paper: 2 entries per row suffice)", () => {
  const two = errors(2, 1);
  const one = errors(1, 1);

  it.each(AXES)("%s with 2 entries: mean < 8%, max < 17%", (axis) => {
    expect(two[axis].mean).toBeLessThan(0.08);
    expect(two[axis].max).toBeLessThan(0.17);
  });

  it.each(AXES)("%s with 1 entry is clearly worse (mean ≥ 1.2× the 2-entry mean)", (axis) => {
    expect(one[axis].mean).toBeGreaterThan(1.2 * two[axis].mean);
  });

  it("holds on another seed too", () => {
    const other = errors(2, 7);
    for (const a of AXES) expect(other[a].mean).toBeLessThan(0.08);
  });
});

describe("classification in a run (allocation quasar, quarter of quasar-large)", () => {
  const classification = async (allocation: Record<string, unknown>) => {
    const [run] = plannedRuns(
      studyExperiment(LARGE_QUARTER, { seeds: [1], sweep: undefined, allocation, placement: "paragon" }),
    );
    const p = performanceOf(await runOne(run!.config, 1));
    if (!p.classification) throw new Error("nothing classified");
    return { ...p.classification, submitted: p.jobs.submitted };
  };

  it("2 entries: every axis classified, mean < 8% and max < 17%; 1 entry is clearly worse", async () => {
    const two = await classification({ type: "quasar" });
    const one = await classification({ type: "quasar", entriesPerRow: 1 });
    expect(two.entriesPerRow).toBe(2);
    expect(one.entriesPerRow).toBe(1);
    expect(Object.keys(two.axes).sort()).toEqual([...AXES].sort());
    for (const axis of AXES) {
      const e = two.axes[axis]!;
      expect(e.jobs).toBeGreaterThan(0);
      expect(e.jobs).toBeLessThanOrEqual(two.submitted);
      expect(e.mean).toBeLessThan(0.08);
      expect(e.max).toBeLessThan(0.17);
      expect(one.axes[axis]!.mean).toBeGreaterThan(1.2 * e.mean);
    }
  });

  it("reservation with paragon profiling classifies machine type and interference only, as quasar does", async () => {
    const paragon = await classification({ type: "reservation", profiling: "paragon" });
    const quasar = await classification({ type: "quasar" });
    expect(Object.keys(paragon.axes).sort()).toEqual(["heterogeneity", "interference"]);
    // The same training stream and jobs at a seed (common random numbers): the same errors.
    expect(paragon.axes.heterogeneity).toEqual(quasar.axes.heterogeneity);
    expect(paragon.axes.interference).toEqual(quasar.axes.interference);
  });
});
