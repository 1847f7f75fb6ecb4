import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { US_PER_DAY } from "../../src/engine/time.js";
import {
  checkBudget,
  estimateRun,
  formatBytes,
  formatCount,
  MAX_EVENTS_PER_RUN,
} from "../../src/experiment/budget.js";
import type { RunConfig } from "../../src/experiment/config.js";
import { loadPlan } from "../../src/experiment/load-plan.js";
import { planFromJson, type ExperimentPlan } from "../../src/experiment/plan.js";

const GB = 1e9;

const base = {
  name: "b",
  horizon: "1d",
  cluster: { machines: 100, cpus: 4, memGb: 16 },
  workload: { preset: "google-c" },
};

function plan(json: Record<string, unknown>): ExperimentPlan {
  return planFromJson({ ...base, ...json }, "x.json");
}

function config(json: Record<string, unknown>): RunConfig {
  return (plan(json).runs[0] as { config: RunConfig }).config;
}

/** One batch kind, one task per job, constant sizes. */
function synthetic(interarrival: unknown, cpusPerTask = 1) {
  const batch = {
    interarrival: { constant: interarrival },
    tasks: { constant: 1 },
    duration: { constant: "1m" },
    cpusPerTask: { constant: cpusPerTask },
    memGbPerTask: { constant: 1 },
  };
  return { synthetic: { batch } };
}

describe("estimateRun", () => {
  it("counts a synthetic kind's jobs from its mean inter-arrival over the horizon, three events each", () => {
    const e = estimateRun(config({ workload: synthetic("10s") }));
    expect(e.jobs).toBe(86_400 / 10 + 1);
    expect(e.events).toBe(3 * e.jobs);
    expect(e.eventsField).toBe("horizon");
  });

  it("matches the google-c preset's published rate (≈23k jobs a day) plus its prefill", () => {
    const e = estimateRun(config({}));
    expect(e.jobs).toBeGreaterThan(23_000);
    expect(e.jobs).toBeLessThan(24_000);
  });

  it.each([
    [
      { cluster: { machines: 1e9, cpus: 4, memGb: 16 }, prefill: { cpuFraction: 0 } },
      "bytesField",
      "cluster.machines",
    ],
    [{ metrics: { samplePeriod: "1us" } }, "bytesField", "metrics.samplePeriod"],
    [{ metrics: { samplePeriod: "1ms", machines: 100 } }, "bytesField", "metrics.machines"],
    [{ workload: { preset: "google-c", rateMultiplier: 1e9 } }, "eventsField", "workload.rateMultiplier"],
    [{ workload: synthetic("1us") }, "eventsField", "workload.synthetic.batch.interarrival"],
  ] as const)("names the field that drives the cost: %j → %s %s", (json, key, field) => {
    expect(estimateRun(config(json))[key]).toBe(field);
  });

  it("takes a trace's row count as its jobs", () => {
    const trace = { trace: "t.csv", format: "cellsim" };
    const e = estimateRun(config({ workload: trace }), 1_000);
    expect(e.jobs).toBe(1_000);
    expect(e.events).toBe(3_000);
  });

  it("charges memory per machine and per sample", () => {
    const small = estimateRun(config({})).bytes;
    const bigCell = estimateRun(
      config({ cluster: { machines: 1e6, cpus: 4, memGb: 16 }, prefill: { cpuFraction: 0 } }),
    );
    expect(bigCell.bytes - small).toBeGreaterThan(1e6 * 200);
    const dense = estimateRun(config({ metrics: { samplePeriod: "1s" } })).bytes;
    expect(dense - small).toBeGreaterThan(86_400 * 4 * 50);
  });
});

describe("checkBudget", () => {
  it("passes a run within budget", () => {
    expect(() => checkBudget(plan({}), 16 * GB)).not.toThrow();
  });

  it("refuses a run over the event cap with the field, the run and the numbers", () => {
    const p = plan({ seeds: [1, 2], workload: { preset: "google-c", rateMultiplier: 1e6 } });
    expect(() => checkBudget(p, 16 * GB)).toThrow(
      /^x\.json: workload\.rateMultiplier: run 000-s1 \(and 1 more runs\) would simulate ~6\.9e10 events and need ~\S+ TB of memory; the limits are 1e9 events per run and this machine's 16 GB; pass --ignore-budget to run anyway$/,
    );
  });

  it("refuses a run over the machine's memory", () => {
    expect(() => checkBudget(plan({ metrics: { samplePeriod: "10ms" } }), 2 * GB)).toThrow(
      /^x\.json: metrics\.samplePeriod: run 000-s1 would simulate ~\d+ events and need ~2\.9 GB of memory; .* this machine's 2\.0 GB;/,
    );
  });

  it("--ignore-budget skips the estimate, not what would stop the run", () => {
    const over = plan({ workload: { preset: "google-c", rateMultiplier: 1e6 } });
    expect(() => checkBudget({ ...over, overrides: { ignoreBudget: true } }, GB)).not.toThrow();
    const never = plan({ workload: synthetic(0) });
    expect(() => checkBudget({ ...never, overrides: { ignoreBudget: true } }, GB)).toThrow(
      "x.json: workload.synthetic.batch.interarrival: mean must be > 0 (jobs would never stop arriving)",
    );
  });

  it("refuses a prefill that would need more jobs than a kind may have", () => {
    const p = plan({ workload: synthetic("10s", 0.00001), prefill: { cpuFraction: 1 } });
    expect(() => checkBudget({ ...p, overrides: { ignoreBudget: true } }, 1e15)).toThrow(
      "x.json: prefill.cpuFraction: filling the cell would take ~4e7 batch jobs; the limit is 5e6 per kind (lower prefill.cpuFraction or cluster.machines)",
    );
  });

  it("leaves every shipped experiment well inside it (1e8 events, 4 GB)", async () => {
    const dirs = ["experiments", "studies/omega/experiments", "studies/quasar/experiments"];
    const files = dirs.flatMap((d) =>
      readdirSync(d)
        .filter((f) => f.endsWith(".json"))
        .map((f) => path.join(d, f)),
    );
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const p = await loadPlan(file);
      for (const run of p.runs) {
        const rows =
          run.config.workload.type === "trace"
            ? p.inputs.find((i) => i.path === (run.config.workload as { path: string }).path)?.rows
            : undefined;
        const e = estimateRun(run.config, rows);
        expect(e.events, `${file} ${run.runId}`).toBeLessThan(MAX_EVENTS_PER_RUN / 10);
        expect(e.bytes, `${file} ${run.runId}`).toBeLessThan(4 * GB);
      }
    }
  });
});

describe("formatting", () => {
  it.each([
    [12, "12"],
    [999_999.4, "999999"],
    [3.2e11, "3.2e11"],
    [1e9, "1e9"],
    [Infinity, "∞"],
  ])("formatCount(%d) = %s", (n, text) => {
    expect(formatCount(n)).toBe(text);
  });

  it.each([
    [800e6, "800 MB"],
    [1.5e9, "1.5 GB"],
    [41e9, "41 GB"],
    [2.8e13, "28 TB"],
    [1e21, "1e6 PB"],
  ])("formatBytes(%d) = %s", (n, text) => {
    expect(formatBytes(n)).toBe(text);
  });

  it("a 10-year horizon is still a finite estimate", () => {
    expect(Number.isFinite(estimateRun(config({ horizon: 3650 * 86_400 })).events)).toBe(true);
    expect(3650 * US_PER_DAY).toBeLessThan(2 ** 53);
  });
});
