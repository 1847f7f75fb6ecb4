import { describe, expect, it } from "vitest";
import { cliDurationValue, MAX_DURATION_US, parseDurationUs, US_PER_DAY } from "../../src/engine/time.js";
import { jsonErrorOffset, jsonSyntaxError, lineColumn } from "../../src/experiment/json-syntax.js";
import { planFromJson } from "../../src/experiment/plan.js";
import { fractionAbove, planWarnings, workloadWarnings } from "../../src/experiment/preflight.js";
import { expandSweep, MAX_SWEEP_POINTS, parseSweep, setPath } from "../../src/experiment/sweep.js";
import type { RunConfig } from "../../src/experiment/config.js";
import type { Sampler } from "../../src/workloads/spec.js";

/** Schema-level checks of bad input (the CLI-level ones are in test/cli/bad-input.test.ts). */

const base = {
  name: "b",
  horizon: "1h",
  cluster: { machines: 10, cpus: 4, memGb: 16 },
  workload: { preset: "google-c" },
};

describe("duration cap", () => {
  it.each([["1e400s"], [1e300], [Infinity], ["3651d"], [3651 * 86_400]])("refuses %j", (value) => {
    expect(parseDurationUs(value)).toMatch(/is longer than the limit of 10 years \(3650d\)$/);
  });

  it("accepts exactly 10 years", () => {
    expect(parseDurationUs("3650d")).toBe(MAX_DURATION_US);
    expect(MAX_DURATION_US).toBe(3650 * US_PER_DAY);
  });

  it("applies to every duration field, with its path", () => {
    const json = { ...base, retry: { retryDelay: "1e400s" } };
    expect(() => planFromJson(json, "x.json")).toThrow(
      /^x\.json: retry\.retryDelay: duration "1e400s" is longer/,
    );
  });
});

describe("a bare number is seconds on the command line", () => {
  it.each([
    ["3600", 3600],
    ["1.5", 1.5],
    ["1e3", 1000],
    ["1d", "1d"],
    ["10 s", "10 s"],
  ])("%s → %j", (text, value) => {
    expect(cliDurationValue(text)).toBe(value);
  });

  it("--horizon 3600 is an hour", () => {
    expect(planFromJson(base, "x.json", { horizon: "3600" }).horizonSec).toBe(3600);
  });
});

describe("sweep limits", () => {
  it("refuses more than MAX_SWEEP_POINTS points before expanding them", () => {
    const sweep = Object.fromEntries(
      Array.from({ length: 10 }, (_, i) => [`k${i}`, Array.from({ length: 100 }, (_, v) => v)]),
    );
    expect(() => expandSweep({}, parseSweep(sweep, "x.json"), "x.json")).toThrow(
      "x.json: sweep: 10 keys of 100 × 100 × 100 × 100 × 100 × 100 × 100 × 100 × 100 × 100 values expand to 1e20 points; the limit is 10000 per experiment (split it into several experiments, or sweep fewer values)",
    );
  });

  it("expands exactly MAX_SWEEP_POINTS points", () => {
    const axes = parseSweep(
      { a: Array.from({ length: 100 }, (_, i) => i), b: Array.from({ length: 100 }, (_, i) => i) },
      "x.json",
    );
    expect(expandSweep({}, axes, "x.json")).toHaveLength(MAX_SWEEP_POINTS);
  });

  it.each([
    "__proto__.polluted",
    "cluster.__proto__",
    "architecture.constructor.prototype",
    "prototype.x",
    "a, constructor",
  ])("refuses the key %j, naming it", (key) => {
    expect(() => parseSweep({ [key]: [1] }, "x.json")).toThrow(
      new RegExp(
        `^x\\.json: sweep\\[${JSON.stringify(key).replace(/[.[\]]/g, "\\$&")}\\]: "(__proto__|constructor|prototype)" is not a field name`,
      ),
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("does not take an inherited member for a field", () => {
    const target: Record<string, unknown> = {};
    setPath(target, ["toString", "x"], 1);
    expect(target).toEqual({ toString: { x: 1 } });
  });
});

describe("JSON syntax errors", () => {
  it.each([
    ['{\n  "name": "t",\n  "horizon": "1h" x\n}', 3, 19, "Expected ',' or '}' after property value"],
    ['{\n  "a": nope\n}', 2, 9, "Unexpected token 'o'"],
    ['{"a": 1,\n}', 2, 1, "Expected double-quoted property name"],
    ["[1,,2]", 1, 4, "Unexpected token ','"],
    ['{"a": 1} x', 1, 10, "Unexpected non-whitespace character after JSON"],
    ['{\n  "a": 1', 2, 9, "Expected ',' or '}' after property value"],
    ["", 1, 1, "Unexpected end of JSON input"],
  ])("%j → line %d, column %d", (text, line, column, reason) => {
    let error: Error | undefined;
    try {
      JSON.parse(text);
    } catch (e) {
      error = e as Error;
    }
    expect(jsonSyntaxError("x.json", text, error as Error).message).toBe(
      `x.json:${line}:${column}: not valid JSON: ${reason}`,
    );
  });

  it("finds the offset V8 reports when it reports one", () => {
    const text = '{"a": [1, 2 3]}';
    expect(jsonErrorOffset(text)).toBe(12);
    expect(lineColumn("ab\ncd", 4)).toEqual({ line: 2, column: 2 });
  });
});

function config(json: Record<string, unknown>): RunConfig {
  return (planFromJson({ ...base, ...json }, "x.json").runs[0] as { config: RunConfig }).config;
}

function kind(cpusPerTask: unknown, memGbPerTask: unknown = { constant: 1 }) {
  return {
    interarrival: { exponential: { mean: "10s" } },
    tasks: { constant: 1 },
    duration: { constant: "1m" },
    cpusPerTask,
    memGbPerTask,
  };
}

describe("tasks larger than every machine", () => {
  const s = (dist: Sampler["dist"], ceil = false): Sampler => ({ dist, ceil });

  it.each([
    [s({ type: "constant", value: 5 }), 1],
    [s({ type: "constant", value: 4 }), 0],
    [s({ type: "uniform", min: 2, max: 6 }), 0.5],
    [s({ type: "empirical", values: [1, 2, 6] }), 0.25],
    [s({ type: "exponential", mean: 1 }), Math.exp(-4)],
    [s({ type: "uniform", min: 3, max: 5 }, true), 0.5],
  ])("fractionAbove(%j, 4) = %d", (sampler, fraction) => {
    expect(fractionAbove(sampler, 4)).toBeCloseTo(fraction, 9);
  });

  it("a lognormal's tail follows the normal distribution", () => {
    // ln(4 / 1) / σ = 1.6449 standard deviations: the normal 95th percentile.
    const sigma = Math.log(4) / 1.6448536;
    expect(fractionAbove(s({ type: "lognormal", median: 1, sigma }), 4)).toBeCloseTo(0.05, 6);
  });

  it("warns with the field, the share of jobs and the machine size", () => {
    const c = config({
      workload: { synthetic: { batch: kind({ uniform: { min: 1, max: 6 } }, { constant: 20 }) } },
    });
    expect(workloadWarnings(c)).toEqual([
      "workload.synthetic.batch.cpusPerTask: ~144 of ~361 batch jobs (40%) ask for tasks larger than a machine's 4 CPUs; such jobs are never placed (each is retried until abandoned)",
      "workload.synthetic.batch.memGbPerTask: every batch job asks for tasks larger than a machine's 16 GB of memory; such jobs are never placed (each is retried until abandoned)",
    ]);
  });

  it("stays quiet when fewer than one such job is expected, and for the presets", () => {
    expect(
      workloadWarnings(config({ workload: { synthetic: { batch: kind({ exponential: { mean: 0.1 } }) } } })),
    ).toEqual([]);
    for (const preset of ["google-a", "google-b", "google-c"])
      expect(workloadWarnings(config({ horizon: "30d", cluster: { preset }, workload: { preset } }))).toEqual(
        [],
      );
  });

  it("a plan warns once per distinct warning, naming the sweep points when not all have it", () => {
    const json = {
      ...base,
      seeds: [1, 2],
      workload: { synthetic: { batch: kind({ constant: 1 }) } },
      sweep: { "workload.synthetic.batch.cpusPerTask.constant": [1, 8] },
    };
    const plan = planFromJson(json, "x.json");
    expect(plan.warnings).toEqual([
      "x.json: workload.synthetic.batch.cpusPerTask: every batch job asks for tasks larger than a machine's 4 CPUs; such jobs are never placed (each is retried until abandoned) (sweep points workload.synthetic.batch.cpusPerTask.constant=8)",
    ]);
    expect(
      planWarnings(
        plan.runs.filter((r) => r.params["workload.synthetic.batch.cpusPerTask.constant"] === 8),
        "x.json",
      ),
    ).toHaveLength(1);
  });
});

describe("scheduler failover (failures.schedulers)", () => {
  const failing = (entries: unknown, architecture: unknown = { type: "two-level" }) => ({
    ...base,
    architecture,
    failures: { schedulers: entries },
  });

  it.each([
    [
      "a negative fixed downtime",
      [{ scheduler: "master", at: [10], downtime: -1 }],
      /^x\.json: failures\.schedulers\[0\]\.downtime: expected a non-negative duration, got -1$/,
    ],
    [
      "a negative downtime in a distribution",
      [{ scheduler: "master", at: [10], downtime: { exponential: { mean: -3 } } }],
      /^x\.json: failures\.schedulers\[0\]\.downtime\.exponential\.mean: expected a non-negative duration, got -3/,
    ],
    [
      "an unknown framework",
      [{ scheduler: "mesos-batch-1", at: [10], downtime: 5 }],
      /^x\.json: failures\.schedulers\[0\]\.scheduler: unknown scheduler "mesos-batch-1" of architecture two-level: expected one of mesos-batch-0\|mesos-service-0\|master$/,
    ],
    [
      "no failure time at all",
      [{ scheduler: "master", downtime: 5 }],
      /^x\.json: failures\.schedulers\[0\]\.at: expected `at` \(failure times\) or `timeToFailure`/,
    ],
    [
      "a time to failure that never advances time",
      [{ scheduler: "master", timeToFailure: { constant: 0 }, downtime: 0 }],
      /^x\.json: failures\.schedulers\[0\]\.timeToFailure: the time to failure must have a mean of at least 1µs$/,
    ],
    [
      "a scheduler listed twice",
      [
        { scheduler: "master", at: [10], downtime: 5 },
        { scheduler: "master", at: [20], downtime: 5 },
      ],
      /^x\.json: failures\.schedulers\[1\]\.scheduler: scheduler "master" is listed twice/,
    ],
  ])("refuses %s, naming the field", (_what, entries, message) => {
    expect(() => planFromJson(failing(entries), "x.json")).toThrow(message);
  });

  it("accepts every scheduler of the architecture by name, and the two-level master", () => {
    const entries = ["mesos-batch-0", "mesos-service-0", "master"].map((scheduler) => ({
      scheduler,
      timeToFailure: { exponential: { mean: "10m" } },
      downtime: { uniform: { min: "4s", max: "8s" } },
    }));
    const plan = planFromJson(failing(entries), "x.json");
    expect(plan.runs[0]!.config.failures!.schedulers!.map((f) => f.scheduler)).toEqual([
      "mesos-batch-0",
      "mesos-service-0",
      "master",
    ]);
    const shared = planFromJson(
      failing([{ scheduler: "omega-batch-2", at: ["1m"], downtime: "5s" }], {
        type: "shared-state",
        schedulers: { batch: 3, service: 1 },
      }),
      "x.json",
    );
    expect(shared.runs[0]!.config.failures!.schedulers![0]!.atUs).toEqual([60e6]);
  });

  it("leaves the run config without failures when none are configured (resume hashes unchanged)", () => {
    expect("failures" in planFromJson(base, "x.json").runs[0]!.config).toBe(false);
  });
});
