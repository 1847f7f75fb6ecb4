import { writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/engine/errors.js";
import { loadPlan } from "../../src/experiment/load-plan.js";
import { planFromJson } from "../../src/experiment/plan.js";
import { monolithicDecisionTimes, smallExperiment, tempDir } from "./helpers.js";

/** The InputError message `planFromJson` throws for `json` (fails the test if none). */
function errorOf(json: unknown, file = "experiments/x.json"): string {
  try {
    planFromJson(json, file);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error("expected an InputError");
}

function base(): Record<string, unknown> {
  const { sweep: _sweep, ...rest } = smallExperiment();
  return rest;
}

describe("experiment schema", () => {
  it("names the full path of an unknown field", () => {
    const json = { ...base(), architecture: { type: "monolithic", decisionTime: { batch: { perJb: 1 } } } };
    expect(errorOf(json)).toBe("experiments/x.json: architecture.decisionTime.batch.perJb: unknown field");
  });

  it("rejects unknown top-level fields", () => {
    expect(errorOf({ ...base(), horizn: "1d" })).toBe("experiments/x.json: horizn: unknown field");
  });

  it("explains a bad unit", () => {
    expect(errorOf({ ...base(), horizon: "7days" })).toBe(
      'experiments/x.json: horizon: bad duration "7days": expected a number with a unit µs|us|ms|s|m|h|d, e.g. "0.1s"',
    );
  });

  it("reports every problem, one per line, each naming the file", () => {
    const json = { ...base(), horizon: "7days", placement: "nope", cluster: { preset: "google-q" } };
    const lines = errorOf(json).split("\n");
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line.startsWith("experiments/x.json: ")).toBe(true);
    expect(
      lines.some((l) => l.startsWith('experiments/x.json: cluster.preset: unknown preset "google-q"')),
    ).toBe(true);
    expect(lines.some((l) => l.includes('placement: unknown placement policy "nope": expected one of'))).toBe(
      true,
    );
  });

  it("names missing required fields and the valid architecture types", () => {
    const { horizon: _h, ...noHorizon } = base();
    expect(errorOf(noHorizon)).toBe("experiments/x.json: horizon: required field is missing");
    expect(errorOf({ ...base(), architecture: { type: "mesos" } })).toMatch(
      /architecture\.type: unknown architecture "mesos": expected one of monolithic\|/,
    );
  });

  it("asks for exactly one workload form", () => {
    expect(errorOf({ ...base(), workload: { preset: "google-c", trace: "x.csv", format: "cellsim" } })).toBe(
      "experiments/x.json: workload: expected an object with exactly one of preset, synthetic, trace, source",
    );
  });

  it("resolves presets, units and defaults into a RunConfig", () => {
    const plan = planFromJson({ ...base(), cluster: { preset: "google-c" }, seeds: undefined }, "x.json");
    expect(plan.seeds).toEqual([1]);
    const config = plan.runs[0]?.config;
    expect(config?.horizonUs).toBe(3_600_000_000);
    expect(config?.cluster.preset).toBe("google-c");
    expect(monolithicDecisionTimes(config!).service).toEqual({ perJobUs: 100_000, perTaskUs: 5_000 });
    expect(config?.retry).toEqual({
      retryDelayUs: 1_000_000,
      maxAttempts: 1000,
      maxAttemptsWithoutProgress: 100,
    });
    expect(config?.metrics.samplePeriodUs).toBe(3_600_000_000 / 288);
    expect(config?.placement).toBe("random-first-fit");
    expect(config?.workload.type).toBe("synthetic");
    expect(config?.prefill.cpuFraction).toBeGreaterThan(0); // the preset's prefill
  });

  it("metrics.schedulerSeries: a window length, absent from the run config when off", () => {
    const on = planFromJson({ ...base(), metrics: { schedulerSeries: "10m" } }, "x.json").runs[0]?.config;
    expect(on?.metrics).toEqual({ samplePeriodUs: 3_600_000_000 / 288, schedulerSeriesUs: 600_000_000 });
    const off = planFromJson(base(), "x.json").runs[0]?.config;
    expect(off?.metrics).toEqual({ samplePeriodUs: 3_600_000_000 / 288 });
    expect(errorOf({ ...base(), metrics: { schedulerSeries: 0 } })).toMatch(
      /metrics\.schedulerSeries: must be longer than 0/,
    );
    // 1 h in windows of 0.1 s: 36,000 windows.
    expect(errorOf({ ...base(), metrics: { schedulerSeries: "100ms" } })).toMatch(
      /metrics\.schedulerSeries: makes 36000 windows over the horizon; at most 10000/,
    );
  });

  it("cluster.resources and per-task resources: resolved when declared, absent from the config when not", () => {
    const gen = {
      interarrival: { exponential: { mean: "10s" } },
      tasks: { constant: 1 },
      duration: { constant: "1m" },
      cpusPerTask: { constant: 1 },
      memGbPerTask: { constant: 1 },
    };
    const json = {
      ...base(),
      cluster: { machines: 2, cpus: 4, memGb: 16, resources: { ssdGb: 100 } },
      workload: { synthetic: { batch: { ...gen, resources: { ssdGb: { uniform: { min: 10, max: 50 } } } } } },
    };
    const config = planFromJson(json, "x.json").runs[0]?.config;
    expect(config?.cluster).toEqual({ machines: 2, cpus: 4, memGb: 16, resources: { ssdGb: 100 } });
    const w = config?.workload;
    expect(w?.type === "synthetic" && w.kinds.batch?.resources).toEqual({
      ssdGb: { dist: { type: "uniform", min: 10, max: 50 }, ceil: false },
    });
    expect(planFromJson(base(), "x.json").runs[0]?.config.cluster).toEqual({
      machines: 20,
      cpus: 4,
      memGb: 16,
    });
    expect(errorOf({ ...json, cluster: { machines: 2, cpus: 4, memGb: 16 } })).toMatch(
      /workload\.synthetic\.batch\.resources\.ssdGb: "ssdGb" is not a resource of the cell/,
    );
    expect(
      errorOf({ ...json, cluster: { machines: 2, cpus: 4, memGb: 16, resources: { "ssd-gb": 1 } } }),
    ).toMatch(/cluster\.resources\.ssd-gb: expected a name of letters/);
    expect(
      errorOf({ ...json, cluster: { machines: 2, cpus: 4, memGb: 16, resources: { ssdGb: -1 } } }),
    ).toMatch(/cluster\.resources\.ssdGb: expected a number ≥ 0/);
  });

  it("keeps multi-path decision times per kind, with defaults for the missing one", () => {
    const architecture = { type: "monolithic", decisionTime: { service: { perJob: 10 } } };
    const config = planFromJson({ ...base(), architecture }, "x.json").runs[0]?.config;
    expect(monolithicDecisionTimes(config!)).toEqual({
      batch: { perJobUs: 100_000, perTaskUs: 5_000 },
      service: { perJobUs: 10_000_000, perTaskUs: 5_000 },
    });
  });

  it("accepts one rate multiplier for every kind", () => {
    const config = planFromJson({ ...base(), workload: { preset: "google-c", rateMultiplier: 2 } }, "x.json")
      .runs[0]?.config;
    expect(config?.workload.type === "synthetic" && config.workload.rateMultiplier).toEqual({
      batch: 2,
      service: 2,
    });
  });
});

describe("experiment files on disk", () => {
  it("names the experiment file and the missing trace", async () => {
    const dir = await tempDir();
    const file = path.join(dir, "t.json");
    await writeFile(
      file,
      JSON.stringify({ ...base(), workload: { trace: "missing.csv", format: "cellsim" } }),
    );
    await expect(loadPlan(file)).rejects.toThrow(`${file}: workload.trace: file not found: `);
    await expect(loadPlan(file)).rejects.toThrow(/missing\.csv/);
  });

  it("surfaces a malformed trace row as file:line", async () => {
    const dir = await tempDir();
    const trace = path.join(dir, "bad.csv");
    const header = "job_id,submit_s,workload,tasks,cpus_per_task,mem_gb_per_task,duration_s";
    await writeFile(trace, `${header}\n1,0,batch,2,1,1,10\n2,soon,batch,1,1,1,10\n`);
    const file = path.join(dir, "t.json");
    await writeFile(file, JSON.stringify({ ...base(), workload: { trace: "bad.csv", format: "cellsim" } }));
    const err = await loadPlan(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(/bad\.csv:3\b/);
  });

  it("hashes the experiment file and each trace", async () => {
    const dir = await tempDir();
    const header = "job_id,submit_s,workload,tasks,cpus_per_task,mem_gb_per_task,duration_s";
    await writeFile(path.join(dir, "ok.csv"), `${header}\n1,0,batch,2,1,1,10\n`);
    const file = path.join(dir, "t.json");
    await writeFile(file, JSON.stringify({ ...base(), workload: { trace: "ok.csv", format: "cellsim" } }));
    const plan = await loadPlan(file);
    expect(plan.inputs.map((i) => path.basename(i.path))).toEqual(["t.json", "ok.csv"]);
    for (const i of plan.inputs) expect(i.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("rejects a file that is not JSON, naming it", async () => {
    const dir = await tempDir();
    const file = path.join(dir, "broken.json");
    await writeFile(file, '{"name": ');
    await expect(loadPlan(file)).rejects.toThrow(`${file}:1:10: not valid JSON`);
  });
});
