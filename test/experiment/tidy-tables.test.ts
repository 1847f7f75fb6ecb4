import { spawnSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { checkBudget, MAX_RECORDED_JOBS } from "../../src/experiment/budget.js";
import { planFromJson } from "../../src/experiment/plan.js";
import type { RunRecord } from "../../src/experiment/results-types.js";
import { runAll } from "../../src/experiment/run-all.js";
import { runOne } from "../../src/experiment/run-one.js";
import { runsCsv } from "../../src/experiment/tidy-tables.js";
import { smallExperiment, tempDir } from "./helpers.js";

/** The string-valued columns of each table; every other column must hold numbers only. */
const STRING_COLUMNS: Record<string, string[]> = {
  "runs.csv": ["runId"],
  "workloads.csv": ["runId", "kind"],
  "schedulers.csv": ["runId", "scheduler", "workloads"],
  "jobs.csv": ["runId", "kind", "outcome"],
  "scheduler-series.csv": ["runId", "scheduler"],
};
/** Columns that may be empty (an event that had not happened by the horizon). */
const NULLABLE = ["firstAttemptSec", "fullyScheduledSec"];
const TABLES = ["runs.csv", "workloads.csv", "schedulers.csv", "jobs.csv"];

type Row = Record<string, string>;

function experiment(metrics: Record<string, unknown>): Record<string, unknown> {
  return { ...smallExperiment(), seeds: [1], horizon: "20m", metrics };
}

async function runInto(jobs: boolean, metrics: Record<string, unknown> = { jobs }): Promise<string> {
  const dir = await tempDir();
  await runAll(planFromJson(experiment(metrics), "tidy.json"), { outDir: dir, run: (c, s) => runOne(c, s) });
  return dir;
}

async function table(dir: string, name: string): Promise<Row[]> {
  const text =
    name === "jobs.csv"
      ? gunzipSync(await readFile(path.join(dir, "jobs.csv.gz"))).toString("utf8")
      : await readFile(path.join(dir, name), "utf8");
  return parse(text, { columns: true }) as Row[];
}

/** Checks every cell: numbers where a number belongs, plain text elsewhere, never JSON. */
function checkTypes(name: string, rows: readonly Row[]): void {
  expect(rows.length).toBeGreaterThan(0);
  const strings = STRING_COLUMNS[name] ?? [];
  for (const row of rows) {
    for (const [column, cell] of Object.entries(row)) {
      expect(cell, `${name} ${column}`).not.toMatch(/^[[{]/);
      if (strings.includes(column)) expect(cell, `${name} ${column}`).not.toBe("");
      else if (cell === "") expect(NULLABLE, `${name} ${column} is empty`).toContain(column);
      else expect(Number.isFinite(Number(cell)), `${name} ${column} = ${cell}`).toBe(true);
    }
  }
}

describe("tidy tables of a real run with metrics.jobs", () => {
  let dir = "";
  let plain = "";
  beforeAll(async () => {
    [dir, plain] = await Promise.all([runInto(true), runInto(false)]);
  });

  it.each(TABLES)("%s parses with a type per column", async (name) => {
    checkTypes(name, await table(dir, name));
  });

  it("names each swept duration <path>_sec, in seconds, and lists the run metrics", async () => {
    const runs = await table(dir, "runs.csv");
    expect(Object.keys(runs[0] ?? {})).toEqual([
      "runId",
      "seed",
      "architecture.decisionTime.*.perJob_sec",
      "events",
      "simulatedSec",
      "cpuUtilization",
      "memUtilization",
      "lockedCpu",
      "lockedMem",
    ]);
    expect(runs.map((r) => Number(r["architecture.decisionTime.*.perJob_sec"]))).toEqual([0.01, 0.1, 1]);
    const schedulers = await table(dir, "schedulers.csv");
    expect(schedulers.map((s) => s.workloads)).toContain("batch|service");
  });

  it("records every submitted job, consistent with the workload counts", async () => {
    const workloads = await table(dir, "workloads.csv");
    const jobs = await table(dir, "jobs.csv");
    for (const w of workloads) {
      const mine = jobs.filter((j) => j.runId === w.runId && j.kind === w.kind);
      expect(mine.length).toBe(Number(w.submitted));
      const count = (outcome: string) => mine.filter((j) => j.outcome === outcome).length;
      expect(count("fully-scheduled")).toBe(Number(w.fullyScheduled));
      expect(count("abandoned")).toBe(Number(w.abandoned));
      expect(count("pending")).toBe(Number(w.pending));
      expect(mine.filter((j) => j.firstAttemptSec === "").length).toBe(Number(w.waitFirstSec_censored));
      expect(mine.filter((j) => j.fullyScheduledSec === "").length).toBe(Number(w.waitFullSec_censored));
    }
  });

  it("keeps results.json and results.csv byte-identical; records only in runs/<id>.json", async () => {
    for (const f of ["results.json", "results.csv", "runs.csv", "workloads.csv", "schedulers.csv"])
      expect(await readFile(path.join(dir, f), "utf8"), f).toBe(await readFile(path.join(plain, f), "utf8"));
    const stored = JSON.parse(await readFile(path.join(dir, "runs", "000-s1.json"), "utf8"));
    expect(stored.summary.jobs.jobId.length).toBeGreaterThan(0);
    await expect(readFile(path.join(plain, "jobs.csv.gz"))).rejects.toThrow();
  });

  it("gzips deterministically (no time in the header)", async () => {
    const gz = await readFile(path.join(dir, "jobs.csv.gz"));
    expect([...gz.subarray(4, 8)]).toEqual([0, 0, 0, 0]);
  });
});

describe("scheduler-series.csv of a run with metrics.schedulerSeries", () => {
  let dir = "";
  let plain = "";
  beforeAll(async () => {
    [dir, plain] = await Promise.all([runInto(false, { schedulerSeries: "7m" }), runInto(false)]);
  });

  it("parses with a type per column, one row per run × scheduler × window", async () => {
    const rows = await table(dir, "scheduler-series.csv");
    checkTypes("scheduler-series.csv", rows);
    expect(Object.keys(rows[0] ?? {})).toEqual([
      ...["runId", "seed", "architecture.decisionTime.*.perJob_sec", "scheduler", "window"],
      ...["windowStartSec", "windowEndSec", "queueLengthMean", "queueLengthMax", "busyness"],
      ...["busynessUseful", "busynessWastedConflict", "busynessWastedNoFit"],
      ...["attempts", "committed", "conflicted"],
    ]);
    // 3 runs × 1 scheduler × 3 windows of 7 min over 20 min (the last one 6 min long).
    expect(rows).toHaveLength(9);
    const spans = rows.slice(0, 3).map((r) => [Number(r.windowStartSec), Number(r.windowEndSec)]);
    expect(spans).toEqual([
      [0, 420],
      [420, 840],
      [840, 1200],
    ]);
  });

  it("holds the numbers of results.json (busyness = the sum of its three parts)", async () => {
    const rows = await table(dir, "scheduler-series.csv");
    const results = JSON.parse(await readFile(path.join(dir, "results.json"), "utf8"));
    const fromJson = results.runs.flatMap((r: RunRecord) =>
      r.summary.schedulerSeries!.schedulers.flatMap((s) =>
        s.attempts.map((attempts, i) => [r.runId, s.name, i, s.queueLengthMean[i], attempts]),
      ),
    );
    const fromCsv = rows.map((r) => [
      r.runId,
      r.scheduler,
      Number(r.window),
      Number(r.queueLengthMean),
      Number(r.attempts),
    ]);
    expect(fromCsv).toEqual(fromJson);
    for (const r of rows) {
      const parts =
        Number(r.busynessUseful) + Number(r.busynessWastedConflict) + Number(r.busynessWastedNoFit);
      expect(Number(r.busyness)).toBe(parts);
    }
  });

  it("changes no other table, and is not written when off", async () => {
    for (const f of ["results.csv", "runs.csv", "workloads.csv", "schedulers.csv"])
      expect(await readFile(path.join(dir, f), "utf8"), f).toBe(await readFile(path.join(plain, f), "utf8"));
    await expect(readFile(path.join(plain, "scheduler-series.csv"))).rejects.toThrow();
  });
});

describe("runs.csv parameter columns", () => {
  it("gives an object its name or type, a number as is, and converts durations to seconds", () => {
    const summary = {
      events: 1,
      simulatedSec: 2,
      cell: { utilization: { cpu: 0.5, mem: 0.25 }, locked: { cpu: 0, mem: 0 } },
    };
    const record = (params: Record<string, unknown>, i: number) =>
      ({ runId: `00${i}-s1`, seed: 1, params, summary }) as unknown as RunRecord;
    const runs = [
      record({ architecture: { type: "omega", name: "fast" }, "cluster.machines": 10, horizon: 60 }, 0),
      record({ architecture: { type: "mesos" }, "cluster.machines": 20, horizon: "2m" }, 1),
    ];
    const text = runsCsv(runs, ["architecture", "cluster.machines", "horizon"]);
    expect(text.split("\n").slice(0, 3)).toEqual([
      "runId,seed,architecture,cluster.machines,horizon_sec,events,simulatedSec,cpuUtilization,memUtilization,lockedCpu,lockedMem",
      "000-s1,1,fast,10,60,1,2,0.5,0.25,0,0",
      "001-s1,1,mesos,20,120,1,2,0.5,0.25,0,0",
    ]);
  });
});

describe("metrics.jobs budget", () => {
  it(`refuses experiments expected to record more than ${MAX_RECORDED_JOBS} jobs`, () => {
    const json = { ...smallExperiment(), horizon: "365d", metrics: { jobs: true } };
    const plan = planFromJson(json, "big.json");
    expect(() => checkBudget({ ...plan, inputs: [] })).toThrow(
      /metrics\.jobs: .* the limit is 2e6 per experiment/,
    );
    const off = planFromJson({ ...json, horizon: "1h" }, "small.json");
    expect(() => checkBudget({ ...off, inputs: [] })).not.toThrow();
  });
});

const PANDAS = spawnSync("python3", ["-c", "import pandas"], { encoding: "utf8" }).status === 0;

const PANDAS_SCRIPT = `
import sys, pandas as pd
d = sys.argv[1]
def check(name, frame, strings):
    for col in frame.columns:
        numeric = pd.api.types.is_numeric_dtype(frame[col])
        ok = pd.api.types.is_string_dtype(frame[col]) if col in strings else numeric
        if not ok:
            sys.exit(f"{name}: column {col} has dtype {frame[col].dtype}")
check("runs.csv", pd.read_csv(f"{d}/runs.csv"), ["runId"])
check("workloads.csv", pd.read_csv(f"{d}/workloads.csv"), ["runId", "kind"])
check("schedulers.csv", pd.read_csv(f"{d}/schedulers.csv"), ["runId", "scheduler", "workloads"])
check("jobs.csv.gz", pd.read_csv(f"{d}/jobs.csv.gz"), ["runId", "kind", "outcome"])
check("scheduler-series.csv", pd.read_csv(f"{d}/scheduler-series.csv"), ["runId", "scheduler"])
print("ok")
`;

describe(
  PANDAS ? "pandas reads the tables" : "pandas reads the tables (skipped: python3 with pandas not found)",
  () => {
    it.skipIf(!PANDAS)(
      "gives numeric dtypes to numeric columns and a text dtype to text columns",
      async () => {
        const dir = await runInto(true, { jobs: true, schedulerSeries: "5m" });
        const out = spawnSync("python3", ["-c", PANDAS_SCRIPT, dir], { encoding: "utf8" });
        expect(out.stderr).toBe("");
        expect(out.stdout.trim()).toBe("ok");
      },
    );
  },
);

describe("tidy tables of a run with failures", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await tempDir();
    const failures = {
      machines: { timeToFailure: { exponential: { mean: "2h" } }, timeToRepair: { constant: "5m" } },
      lostWork: { batch: { checkpointInterval: "1m" }, service: { restartDelay: "10s" } },
    };
    const json = { ...experiment({}), cluster: { machines: 20, cpus: 4, memGb: 16 }, failures };
    await runAll(planFromJson(json, "tidy.json"), { outDir: dir, run: (c, s) => runOne(c, s) });
  });

  it("adds the failure columns, numbers only (availability and recovery empty for batch)", async () => {
    const runs = await table(dir, "runs.csv");
    expect(Object.keys(runs[0] ?? {}).slice(-4)).toEqual([
      "machineFailures",
      "domainFailures",
      "machineDownSec",
      "prefillTasksLost",
    ]);
    const workloads = await table(dir, "workloads.csv");
    expect(Object.keys(workloads[0] ?? {}).slice(-6)).toEqual([
      "tasksLost",
      "lostTaskSec",
      "restarts",
      "availability",
      "timeToRecoverSec_mean",
      "timeToRecoverSec_p90",
    ]);
    for (const row of [...runs, ...workloads])
      for (const [column, cell] of Object.entries(row)) {
        const emptyForBatch = ["availability", "timeToRecoverSec_mean", "timeToRecoverSec_p90"];
        if (row.kind === "batch" && emptyForBatch.includes(column)) expect(cell, column).toBe("");
        else if (!["runId", "kind"].includes(column))
          expect(Number.isFinite(Number(cell)) && cell !== "", `${column} = ${cell}`).toBe(true);
      }
    expect(runs.some((r) => Number(r.machineFailures) > 0)).toBe(true);
  });
});
