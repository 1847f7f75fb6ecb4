import { describe, expect, it } from "vitest";
import { planFromJson } from "../../src/experiment/plan.js";
import { expandSweep, parseSweep, runId, setPath, thinSweep } from "../../src/experiment/sweep.js";
import { monolithicDecisionTimes, smallExperiment } from "./helpers.js";

describe("sweep paths", () => {
  it("`*` sets the path under every object-valued key (multi-path decision times)", () => {
    const target = { decisionTime: { batch: { perJob: 1 }, service: { perJob: 2, perTask: 3 } } };
    setPath(target, ["decisionTime", "*", "perJob"], "9s");
    expect(target.decisionTime).toEqual({ batch: { perJob: "9s" }, service: { perJob: "9s", perTask: 3 } });
  });

  it("`*` over a single-path decision time sets the shared field", () => {
    const target = { decisionTime: { perJob: "0.1s", perTask: "5ms" } };
    setPath(target, ["decisionTime", "*", "perJob"], "9s");
    expect(target.decisionTime).toEqual({ perJob: "9s", perTask: "5ms" });
  });

  it("creates missing intermediate objects", () => {
    const target: Record<string, unknown> = {};
    setPath(target, ["architecture", "decisionTime", "*", "perJob"], 1);
    expect(target).toEqual({ architecture: { decisionTime: { perJob: 1 } } });
  });

  it("a swept null leaves the field out: one sweep runs a baseline without failures", () => {
    const exp = {
      ...smallExperiment(),
      failures: { machines: { timeToFailure: { constant: 3600 }, timeToRepair: { constant: 60 } } },
      sweep: {
        failures: [null, { machines: { timeToFailure: { constant: 7200 }, timeToRepair: { constant: 60 } } }],
      },
    };
    const plan = planFromJson(exp, "x.json");
    expect(plan.runs[0]!.config.failures).toBeUndefined();
    expect(plan.runs.at(-1)!.config.failures?.machines?.timeToFailure.dist).toEqual({
      type: "constant",
      value: 7_200_000_000,
    });
  });

  it("a swept single-path perJob reaches both kinds of the RunConfig", () => {
    const plan = planFromJson(smallExperiment(), "x.json");
    const last = monolithicDecisionTimes(plan.runs.at(-1)!.config);
    expect(last?.batch.perJobUs).toBe(1_000_000);
    expect(last?.service.perJobUs).toBe(1_000_000);
  });
});

describe("sweep expansion", () => {
  const json = (): Record<string, unknown> => ({
    ...smallExperiment(),
    sweep: {
      "architecture.decisionTime.*.perJob": ["0.01s", "1s"],
      "cluster.machines,cluster.cpus": [
        [10, 2],
        [20, 4],
        [30, 8],
      ],
    },
  });

  it("is the cartesian product, first key outermost, seeds innermost, with stable ids", () => {
    const plan = planFromJson(json(), "x.json");
    expect(plan.sweepPaths).toEqual(["architecture.decisionTime.*.perJob", "cluster.machines,cluster.cpus"]);
    expect(plan.runs.map((r) => r.runId)).toEqual([
      "000-s1",
      "000-s2",
      "001-s1",
      "001-s2",
      "002-s1",
      "002-s2",
      "003-s1",
      "003-s2",
      "004-s1",
      "004-s2",
      "005-s1",
      "005-s2",
    ]);
    const r = plan.runs[3];
    expect(r?.params).toEqual({
      "architecture.decisionTime.*.perJob": "0.01s",
      "cluster.machines,cluster.cpus": [20, 4],
    });
    expect(r?.config.cluster).toMatchObject({ machines: 20, cpus: 4 });
    expect(plan.runs[6]?.params["architecture.decisionTime.*.perJob"]).toBe("1s");
  });

  it("rejects a tuple of the wrong length, naming the sweep key", () => {
    const bad = json();
    (bad.sweep as Record<string, unknown>)["cluster.machines,cluster.cpus"] = [[10, 2], [20]];
    expect(() => planFromJson(bad, "x.json")).toThrow(
      'x.json: sweep["cluster.machines,cluster.cpus"]: value [1] must be a list of 2 values (one per path), got 1 values',
    );
  });

  it("names the sweep point whose value is invalid", () => {
    const bad = { ...smallExperiment(), sweep: { "cluster.machines": [10, -1] } };
    expect(() => planFromJson(bad, "x.json")).toThrow(
      "x.json: cluster.machines: must be > 0, got number -1 (sweep point 1: cluster.machines=-1)",
    );
  });

  it("reports a typo in a swept path as an unknown field", () => {
    const bad = { ...smallExperiment(), sweep: { "cluster.machnes": [10] } };
    expect(() => planFromJson(bad, "x.json")).toThrow("x.json: cluster.machnes: unknown field");
  });

  it("refuses to sweep descriptive fields and empty lists", () => {
    expect(() => planFromJson({ ...smallExperiment(), sweep: { seeds: [[1]] } }, "x.json")).toThrow(
      /cannot be swept/,
    );
    expect(() => planFromJson({ ...smallExperiment(), sweep: { horizon: [] } }, "x.json")).toThrow(
      /non-empty list/,
    );
  });

  it("pads run ids past 1000 points so string order is sweep order", () => {
    expect(runId(7, 1500, 3)).toBe("0007-s3");
    expect(runId(7, 10, 3)).toBe("007-s3");
  });

  it("expands without axes to the base point", () => {
    const points = expandSweep({ a: 1 }, parseSweep(undefined, "x.json"), "x.json");
    expect(points).toEqual([{ index: 0, params: {}, raw: { a: 1 } }]);
  });

  it("thins long value lists to first, middle and last", () => {
    const [axis] = thinSweep(parseSweep({ a: [1, 2, 3, 4, 5, 6, 7] }, "x.json"), 3);
    expect(axis?.values).toEqual([1, 4, 7]);
  });
});

describe("overrides", () => {
  it("--seeds and --horizon replace the file's values", () => {
    const plan = planFromJson(smallExperiment(), "x.json", { seeds: [7], horizon: "2h" });
    expect(plan.seeds).toEqual([7]);
    expect(plan.runs.map((r) => r.runId)).toEqual(["000-s7", "001-s7", "002-s7"]);
    expect(plan.runs[0]?.config.horizonUs).toBe(7_200_000_000);
  });

  it("--quick caps the horizon, keeps the first seed and thins the sweep", () => {
    const json = { ...smallExperiment(), horizon: "7d", sweep: { "cluster.machines": [1, 2, 3, 4, 5] } };
    const plan = planFromJson(json, "x.json", { quick: true });
    expect(plan.runs.map((r) => [r.runId, r.params["cluster.machines"]])).toEqual([
      ["000-s1", 1],
      ["001-s1", 3],
      ["002-s1", 5],
    ]);
    expect(plan.horizonSec).toBe(86_400);
  });

  it("--quick honours the file's quick object", () => {
    const json = { ...smallExperiment(), quick: { horizon: "10m", seeds: [2], sweepValues: 1 } };
    const plan = planFromJson(json, "x.json", { quick: true });
    expect(plan.runs.map((r) => r.runId)).toEqual(["000-s2"]);
    expect(plan.horizonSec).toBe(600);
  });

  it("a bad --horizon names the option", () => {
    expect(() => planFromJson(smallExperiment(), "x.json", { horizon: "soon" })).toThrow(
      /^--horizon: bad duration/,
    );
  });
});

describe("setPath into lists", () => {
  it("enters a list by an element's index, or every element with *", () => {
    const target = { workload: { frameworks: [{ type: "hadoop" }, { type: "spark" }] } };
    setPath(target, ["workload", "frameworks", "1", "mode"], "coarse");
    expect(target.workload.frameworks).toEqual([{ type: "hadoop" }, { type: "spark", mode: "coarse" }]);
    setPath(target, ["workload", "frameworks", "*", "cpus"], 2);
    expect(target.workload.frameworks).toEqual([
      { type: "hadoop", cpus: 2 },
      { type: "spark", mode: "coarse", cpus: 2 },
    ]);
  });

  it("refuses an index past the end or a segment that is not one", () => {
    const target = { frameworks: [{ type: "hadoop" }] };
    expect(() => setPath(target, ["frameworks", "1", "delay"], "1s")).toThrow(
      /"1" is not an element of a list of 1 \(expected an index 0–0 or \*\)/,
    );
    expect(() => setPath(target, ["frameworks", "first", "delay"], "1s")).toThrow(
      /"first" is not an element/,
    );
  });
});
