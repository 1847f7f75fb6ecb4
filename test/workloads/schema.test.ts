import { describe, it, expect } from "vitest";
import {
  durationSamplerSchema,
  kindGeneratorSchema,
  numberSamplerSchema,
  syntheticKindsSchema,
} from "../../src/workloads/schema.js";

const messages = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  (r.error?.issues ?? []).map((i) => `${i.path.join(".")}: ${i.message}`).join("\n");

describe("workload schemas", () => {
  it("parses every distribution form; durations become µs", () => {
    expect(durationSamplerSchema.parse({ exponential: { mean: "10s" } })).toEqual({
      dist: { type: "exponential", mean: 10e6 },
      ceil: false,
    });
    expect(durationSamplerSchema.parse({ constant: 1 })).toEqual({
      dist: { type: "constant", value: 1e6 },
      ceil: false,
    });
    expect(durationSamplerSchema.parse({ lognormal: { median: "5m", sigma: 1.2 } })).toEqual({
      dist: { type: "lognormal", median: 300e6, sigma: 1.2 },
      ceil: false,
    });
    expect(durationSamplerSchema.parse({ empirical: { values: [1, "2ms"] } }).dist).toEqual({
      type: "empirical",
      values: [1e6, 2e3],
    });
    expect(numberSamplerSchema.parse({ uniform: { min: 1, max: 3 }, ceil: true })).toEqual({
      dist: { type: "uniform", min: 1, max: 3 },
      ceil: true,
    });
    expect(numberSamplerSchema.parse({ constant: 1 }).dist).toEqual({ type: "constant", value: 1 });
  });

  it("rejects unknown keys, zero or two distributions, and bad values with clear messages", () => {
    expect(messages(numberSamplerSchema.safeParse({ constant: 1, normal: 2 }))).toMatch(/normal/);
    expect(messages(numberSamplerSchema.safeParse({ ceil: true }))).toMatch(
      /exactly one distribution.*got none/,
    );
    expect(messages(numberSamplerSchema.safeParse({ constant: 1, exponential: { mean: 2 } }))).toMatch(
      /got constant and exponential/,
    );
    expect(messages(durationSamplerSchema.safeParse({ exponential: { mean: "10 parsecs" } }))).toMatch(
      /exponential\.mean: .*expected a duration like "10s"/,
    );
    expect(messages(durationSamplerSchema.safeParse({ exponential: {} }))).toMatch(
      /exponential\.mean: required/,
    );
    expect(messages(numberSamplerSchema.safeParse({ constant: "3" }))).toMatch(/constant: expected a number/);
    expect(messages(numberSamplerSchema.safeParse({ uniform: { min: 3, max: 1 } }))).toMatch(
      /uniform\.max: expected min ≤ max/,
    );
    expect(messages(numberSamplerSchema.safeParse({ empirical: { values: [] } }))).toMatch(
      /at least one value/,
    );
    expect(messages(numberSamplerSchema.safeParse({ exponential: { mean: 2, sd: 1 } }))).toMatch(/sd/);
  });

  it("kind generators and the synthetic block (an example experiment file)", () => {
    const batch = {
      interarrival: { exponential: { mean: "10s" } },
      tasks: { exponential: { mean: 100 }, ceil: true },
      duration: { exponential: { mean: "100s" } },
      cpusPerTask: { constant: 1 },
      memGbPerTask: { constant: 2 },
    };
    const gen = kindGeneratorSchema.parse(batch);
    expect(gen.tasks).toEqual({ dist: { type: "exponential", mean: 100 }, ceil: true });
    expect(gen.duration.dist).toEqual({ type: "exponential", mean: 100e6 });
    const kinds = syntheticKindsSchema.parse({ batch, service: { ...batch, tasks: { constant: 10 } } });
    expect(kinds.service?.tasks.dist).toEqual({ type: "constant", value: 10 });
    expect(messages(syntheticKindsSchema.safeParse({}))).toMatch(/batch and\/or service/);
    expect(messages(syntheticKindsSchema.safeParse({ batch, other: batch }))).toMatch(/other/);
    expect(messages(kindGeneratorSchema.safeParse({ ...batch, duration: undefined }))).toMatch(/duration/);
  });
});
