import { describe, expect, it } from "vitest";
import { FailureSchedule } from "../../src/cluster/failures/failure-schedule.js";
import { InputError } from "../../src/engine/errors.js";
import { planFromJson } from "../../src/experiment/plan.js";

/** Bad `failures` blocks: one clear message naming the field path (the CLI cases: test/cli). */

const base = {
  name: "b",
  horizon: "1h",
  cluster: { machines: 10, cpus: 4, memGb: 16 },
  workload: { preset: "google-c" },
};
const repair = { constant: "1h" };

function refused(failures: unknown, cluster: unknown = base.cluster) {
  return () => planFromJson({ ...base, cluster, failures }, "x.json");
}

describe("bad failures blocks", () => {
  it("a zero mean time to failure, per machine or per domain", () => {
    expect(refused({ machines: { timeToFailure: { constant: 0 }, timeToRepair: repair } })).toThrow(
      /^x\.json: failures\.machines\.timeToFailure: the mean time to failure must be longer than 0 s \(got 0 s\)$/,
    );
    const domains = { size: 5, timeToFailure: { exponential: { mean: "0s" } }, timeToRepair: repair };
    expect(refused({ domains })).toThrow(
      /^x\.json: failures\.domains\.timeToFailure: the mean time to failure must be longer than 0 s/,
    );
  });

  it("a negative time to failure", () => {
    expect(refused({ machines: { timeToFailure: { constant: -5 }, timeToRepair: repair } })).toThrow(
      /^x\.json: failures\.machines\.timeToFailure\.constant: expected a non-negative duration, got -5 \(expected a duration like "10s"\)$/,
    );
  });

  it("a failure domain larger than the cell", () => {
    const domains = { size: 11, timeToFailure: { constant: "1d" }, timeToRepair: repair };
    expect(refused({ domains })).toThrow(
      /^x\.json: failures\.domains\.size: a failure domain of 11 machines is larger than the cell \(10 machines\)$/,
    );
  });

  it("a negative restart delay", () => {
    const machines = { timeToFailure: { constant: "1d" }, timeToRepair: repair };
    expect(refused({ machines, lostWork: { service: { restartDelay: -1 } } })).toThrow(
      /^x\.json: failures\.lostWork\.service\.restartDelay: expected a non-negative duration, got -1$/,
    );
    expect(refused({ machines, lostWork: { service: { restartDelay: "-1s" } } })).toThrow(
      /^x\.json: failures\.lostWork\.service\.restartDelay: bad duration "-1s"/,
    );
  });

  it("a weibull with a shape ≤ 0", () => {
    const ttf = { weibull: { shape: 0, scale: "1d" } };
    expect(refused({ machines: { timeToFailure: ttf, timeToRepair: repair } })).toThrow(
      /^x\.json: failures\.machines\.timeToFailure\.weibull\.shape: expected a number > 0$/,
    );
  });

  it("no failure process, or a misspelt field", () => {
    expect(refused({})).toThrow(/^x\.json: failures: expected machines and\/or domains/);
    expect(refused({ machine: {} })).toThrow(/^x\.json: failures\.machine: unknown field/);
  });

  it("typed cells (the performance model) have no failures yet", () => {
    const machines = { timeToFailure: { constant: "1d" }, timeToRepair: repair };
    expect(refused({ machines }, { preset: "quasar-large", scale: 0.1 })).toThrow(
      /^x\.json: failures: machine failures are not modelled for typed cells/,
    );
  });

  it("a valid block is accepted, with lost-work defaults", () => {
    const machines = { timeToFailure: { weibull: { shape: 0.7, scale: "30d" } }, timeToRepair: repair };
    const plan = planFromJson({ ...base, failures: { machines } }, "x.json");
    expect(plan.runs[0]?.config.failures?.lostWork).toEqual({ batch: {}, service: { restartDelayUs: 1e6 } });
  });
});

describe("machine events for unknown machines", () => {
  const lostWork = { batch: {}, service: { restartDelayUs: 0 } };
  it("name the event and the cell's machines", () => {
    const events = [
      { timeUs: 0, machine: 3, kind: "down" as const },
      { timeUs: 5, machine: 10, kind: "up" as const },
    ];
    const make = () => new FailureSchedule({ lostWork, events }, 10);
    expect(make).toThrow(InputError);
    expect(make).toThrow(
      "failures: machine event 1 (up at 5 µs) names machine 10, but the cell has machines 0..9",
    );
  });

  it("refuse capacity updates (not modelled), naming the event", () => {
    const events = [{ timeUs: 7, machine: 2, kind: "update" as const, cpus: 2 }];
    expect(() => new FailureSchedule({ lostWork, events }, 10)).toThrow(
      "failures: machine event 0 (update at 7 µs, machine 2) changes a capacity: not modelled yet (leave update events out)",
    );
  });
});
