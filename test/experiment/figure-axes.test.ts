import { describe, expect, it } from "vitest";
import { InputError } from "../../src/engine/errors.js";
import { planFromJson } from "../../src/experiment/plan.js";
import { smallExperiment } from "./helpers.js";

/**
 * Figure entries name their axes (or take their kind's one default), resolved once by the plan:
 * the report then reads the axes from results.json instead of guessing them from path names.
 */

const DT = "architecture.decisionTime.*.perJob";
const TASK = "architecture.decisionTime.*.perTask";

function experiment(figures: unknown[], sweep: Record<string, unknown> = { [DT]: ["0.01s", "1s"] }) {
  return { ...smallExperiment(), figures, sweep };
}

function errorOf(json: unknown): string {
  try {
    planFromJson(json, "x.json");
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error("expected an InputError");
}

describe("figure axes at plan time", () => {
  it("a name alone takes its kind's one default axis", () => {
    const plan = planFromJson(experiment(["wait-vs-decision-time", "utilization-over-time"]), "x.json");
    expect(plan.figures).toEqual(["wait-vs-decision-time", "utilization-over-time"]);
    expect(plan.figureAxes).toEqual([
      { kind: "wait-vs-decision-time", x: DT, y: null, series: [], facet: null, run: null },
      { kind: "utilization-over-time", x: DT, y: null, series: [], facet: null, run: null },
    ]);
  });

  it("an object entry names its x axis; other swept keys colour the lines by default", () => {
    const sweep = { [DT]: ["0.01s", "1s"], [TASK]: ["1ms", "10ms"] };
    const plan = planFromJson(experiment([{ kind: "wait-vs-decision-time", x: TASK }], sweep), "x.json");
    expect(plan.figureAxes[0]).toEqual({
      kind: "wait-vs-decision-time",
      x: TASK,
      y: null,
      series: [DT],
      facet: null,
      run: null,
    });
  });

  it("two swept paths that fit equally are ambiguous: the entry must name one", () => {
    const sweep = {
      "architecture.decisionTime.batch.perJob": ["1s"],
      "architecture.decisionTime.service.perJob": ["1s"],
    };
    const perKind = { perJob: "0.1s", perTask: "5ms" };
    const architecture = { type: "monolithic", decisionTime: { batch: perKind, service: perKind } };
    expect(errorOf({ ...experiment(["wait-vs-decision-time"], sweep), architecture })).toMatch(
      /^x\.json: figures\[0\]\.x: figure wait-vs-decision-time: several swept paths fit this figure's x axis \(architecture\.decisionTime\.batch\.perJob, architecture\.decisionTime\.service\.perJob\)/,
    );
  });

  it("rejects an x that is not swept, or that the kind cannot draw, naming figures[i].x", () => {
    expect(errorOf(experiment(["utilization-over-time", { kind: "wait-vs-decision-time", x: TASK }]))).toBe(
      `x.json: figures[1].x: figure wait-vs-decision-time: "${TASK}" is not swept; the experiment sweeps ${DT}`,
    );
    const sweep = { [DT]: ["0.01s"], "workload.rateMultiplier.batch": [1, 2] };
    expect(
      errorOf(experiment([{ kind: "wait-vs-decision-time", x: "workload.rateMultiplier.batch" }], sweep)),
    ).toMatch(
      /^x\.json: figures\[0\]\.x: .*cannot be this figure's x axis: it needs a swept architecture\.decisionTime/,
    );
  });

  it("rejects a series that would leave a swept key on no axis, and an unknown run", () => {
    const sweep = { [DT]: ["0.01s"], "workload.rateMultiplier.batch": [1, 2], "cluster.machines": [10, 20] };
    expect(
      errorOf(
        experiment([{ kind: "wait-vs-decision-time", series: "workload.rateMultiplier.batch" }], sweep),
      ),
    ).toMatch(/^x\.json: figures\[0\]\.series: .*the swept cluster\.machines would be on no axis/);
    expect(errorOf(experiment([{ kind: "machine-utilization-heatmap", run: "999-s1" }]))).toMatch(
      /^x\.json: figures\[0\]\.run: .*no run "999-s1"/,
    );
    expect(errorOf(experiment([{ kind: "wait-vs-decision-time", run: "0-s1" }]))).toMatch(
      /^x\.json: figures\[0\]\.run: .*does not draw a chosen run/,
    );
  });

  it("a figure needing an unswept axis fails as before, and object entries are strict", () => {
    expect(errorOf(experiment(["wait-vs-arrival-rate"]))).toBe(
      `x.json: figures[0]: figure wait-vs-arrival-rate needs a swept workload.rateMultiplier.batch (or workload.rateMultiplier) path; the experiment sweeps ${DT}`,
    );
    expect(errorOf(experiment([{ kind: "wait-vs-decision-time", xx: DT }]))).toMatch(
      /figures\.0\.xx|figures\[0\]\.xx/,
    );
    expect(errorOf(experiment([{ kind: "nope" }]))).toMatch(/figures\[0\]\.kind: unknown figure kind "nope"/);
  });

  it("a swept object is the facet, and can be named explicitly", () => {
    const sweep = {
      architecture: [{ type: "monolithic" }, { type: "monolithic", name: "m2" }],
      [DT]: ["1s"],
    };
    const plan = planFromJson(experiment(["wait-vs-decision-time"], sweep), "x.json");
    expect(plan.figureAxes[0]).toMatchObject({ x: DT, facet: "architecture", series: [] });
  });
});
