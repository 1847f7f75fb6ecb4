import { describe, expect, it } from "vitest";
import { planFromJson } from "../../src/experiment/plan.js";
import { resolvePoint } from "../../src/experiment/resolve.js";
import { experimentPointSchema } from "../../src/experiment/schema.js";
import { BUILTIN_REGISTRY } from "../../src/plugins/builtin.js";

/** The `scheduling` block and per-kind priorities as an experiment file writes them. */

const base = {
  name: "p",
  horizon: "1h",
  cluster: { machines: 10, cpus: 4, memGb: 16 },
  workload: { preset: "google-c" },
};

const parse = (json: unknown) =>
  resolvePoint(experimentPointSchema(BUILTIN_REGISTRY).parse(json), () => ({ path: "" }) as never);

describe("scheduling: bad input", () => {
  it.each([
    ["two-level", "two-level frameworks see only the resources they are offered"],
    ["static-partition", "a static partition's scheduler owns its machines alone"],
  ])("preemption under %s is refused, with the reason, at scheduling.preemption", (type, reason) => {
    const json = { ...base, architecture: { type }, scheduling: { preemption: true } };
    expect(() => planFromJson(json, "x.json")).toThrow(
      new RegExp(
        `^x\\.json: scheduling\\.preemption: preemption is not supported by the ${type} architecture: ${reason}.*\\(use monolithic or shared-state, or set preemption to false\\)$`,
      ),
    );
  });

  it("priority order alone is fine under every architecture", () => {
    for (const type of ["two-level", "static-partition", "monolithic", "shared-state"]) {
      const json = { ...base, architecture: { type }, scheduling: { priorityOrder: true } };
      expect(() => planFromJson(json, "x.json")).not.toThrow();
    }
  });

  it("an unknown field, a non-boolean and a bad priority name their paths", () => {
    expect(() => planFromJson({ ...base, scheduling: { preempt: true } }, "x.json")).toThrow(
      /^x\.json: scheduling\.preempt: unknown field/,
    );
    expect(() => planFromJson({ ...base, scheduling: { preemption: "yes" } }, "x.json")).toThrow(
      /^x\.json: scheduling\.preemption: /,
    );
    const batch = {
      interarrival: { constant: "10s" },
      tasks: { constant: 1 },
      duration: { constant: "1m" },
      cpusPerTask: { constant: 1 },
      memGbPerTask: { constant: 1 },
      priority: -1,
    };
    expect(() => planFromJson({ ...base, workload: { synthetic: { batch } } }, "x.json")).toThrow(
      /^x\.json: workload\.synthetic\.batch\.priority: expected a priority ≥ 0/,
    );
    expect(() =>
      planFromJson({ ...base, workload: { synthetic: { batch: { ...batch, priority: 1.5 } } } }, "x.json"),
    ).toThrow(/^x\.json: workload\.synthetic\.batch\.priority: expected a whole number/);
  });
});

describe("scheduling: resolved config", () => {
  it("is absent unless something is on (configs and resume hashes of other runs unchanged)", () => {
    expect(parse(base)).not.toHaveProperty("scheduling");
    expect(parse({ ...base, scheduling: {} })).not.toHaveProperty("scheduling");
    expect(parse({ ...base, scheduling: { preemption: true } }).scheduling).toEqual({
      priorityOrder: false,
      preemption: true,
    });
  });
});
