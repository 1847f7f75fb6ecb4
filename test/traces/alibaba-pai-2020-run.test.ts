import { copyFile, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { JobSpec } from "../../src/cluster/job.js";
import { planFromJson } from "../../src/experiment/plan.js";
import { runOne } from "../../src/experiment/run-one.js";
import { CLI_MAIN, cellsim } from "../helpers/cli.js";
import { requireDist } from "../helpers/dist.js";
import { readAlibabaPai2020 } from "../../src/workloads/traces/alibaba-pai-2020.js";
import { readCellsim } from "../../src/workloads/traces/cellsim.js";

/**
 * The alibaba-pai-2020 fixture replayed on a GPU cell: in process with the over-commit invariant
 * checked after every event (GPUs included) under two architectures, then through the built CLI
 * (`run`, `trace inspect --machine-spec`, `trace convert`, bad input).
 */

const FIXTURE = path.resolve("test/fixtures/traces/alibaba-pai-2020");

/**
 * Four 8-GPU machines (the traced cell's most common node). Random first fit spreads job 3's four
 * 1-GPU workers over the machines, so the 2 × 8-GPU gang (job 4) waits for them to end; a batch
 * queue (`retry.when: "freed"`) keeps it waiting instead of abandoning it.
 */
const experiment = (dir: string, architecture: Record<string, unknown> = { type: "monolithic" }) => ({
  name: "pai",
  horizon: "3h",
  cluster: { machines: 4, cpus: 96, memGb: 512, resources: { gpus: 8 } },
  workload: {
    trace: `${dir}/pai_task_table.csv`,
    format: "alibaba-pai-2020",
    jobTable: `${dir}/pai_job_table.csv`,
  },
  architecture,
  retry: { when: "freed" },
  metrics: { machines: 4 },
});

describe("alibaba-pai-2020 on a GPU cell", () => {
  for (const architecture of [
    { type: "monolithic" },
    { type: "shared-state", conflictMode: "fine", transactionMode: "all-or-nothing" },
  ]) {
    it(`${architecture.type}: never over-commits GPUs, starts gangs whole, accounts for every job`, async () => {
      const config = planFromJson(experiment(FIXTURE, architecture), "pai.json").runs[0]?.config;
      if (!config) throw new Error("no run");
      const firstStarts = new Map<number, number>();
      const hooks = {
        tasksStarted: (spec: JobSpec, machines: readonly number[]) => {
          if (spec.gang === true && !firstStarts.has(spec.id)) firstStarts.set(spec.id, machines.length);
        },
      };
      const s = await runOne(config, 1, { checkInvariants: true, hooks });
      const batch = s.workloads.batch;
      expect(batch?.submitted).toBe(7);
      expect(batch?.fullyScheduled).toBe(7);
      // The two gangs (ids 3: 4 × 1 GPU, 4: 2 × 8 GPUs) each started all their tasks at once.
      expect([...firstStarts].sort((a, b) => a[0] - b[0])).toEqual([
        [3, 4],
        [4, 2],
      ]);
      const gpus = s.cell.resources?.find((r) => r.name === "gpus");
      expect(gpus?.total).toBe(32);
      expect(gpus?.utilization).toBeGreaterThan(0);
      expect(gpus?.utilization).toBeLessThanOrEqual(1);
    });
  }
});

describe("alibaba-pai-2020 through the CLI", () => {
  let dir = "";
  beforeAll(async () => {
    requireDist(CLI_MAIN);
    dir = await mkdtemp(path.join(tmpdir(), "cellsim-pai-"));
    for (const f of await readdir(FIXTURE))
      if (f.endsWith(".csv")) await copyFile(path.join(FIXTURE, f), path.join(dir, f));
  });

  it("run: exit 0, the reader's counts in the manifest, a GPU heatmap figure", async () => {
    const json = { ...experiment("."), figures: ["machine-gpu-heatmap"] };
    await writeFile(path.join(dir, "pai.json"), JSON.stringify(json));
    const r = await cellsim(["run", "pai.json", "--out", "out"], dir);
    expect(r.code, r.stderr).toBe(0);
    const manifest = JSON.parse(await readFile(path.join(dir, "out", "manifest.json"), "utf8"));
    const input = manifest.inputs.find((i: { format?: string }) => i.format === "alibaba-pai-2020");
    expect(input).toMatchObject({
      files: ["pai_job_table.csv", "pai_task_table.csv"],
      rows: 14,
      kinds: { batch: 7, service: 0 },
      dropped: { "tasks never launched (Waiting, or start_time 0)": 1 },
      notes: {
        "failed tasks kept (run time as recorded)": 2,
        "tasks censored at the window's end (Running, or no end_time)": 1,
        "tasks without a pai_job_table row (submit = task start_time)": 1,
      },
    });
    const figures = await readdir(path.join(dir, "out", "figures"));
    expect(figures.some((f) => f.includes("gpu"))).toBe(true);
  });

  it("run with a malformed task row: exit 2, one message naming file:line, no results", async () => {
    const json = {
      ...experiment("."),
      name: "bad",
      workload: { trace: "bad_task_table.csv", format: "alibaba-pai-2020" },
    };
    await writeFile(path.join(dir, "bad.json"), JSON.stringify(json));
    const r = await cellsim(["run", "bad.json", "--out", "out-bad"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bad_task_table.csv:2: bad plan_gpu: "abc" (column 9)');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    await expect(readdir(path.join(dir, "out-bad"))).rejects.toThrow();
  });

  it("trace inspect --machine-spec prints the cell block; a bad --failed value exits 2", async () => {
    const r = await cellsim(
      ["trace", "inspect", "pai_task_table.csv", "--machine-spec", "pai_machine_spec.csv", "--out", "rep"],
      dir,
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(
      "6 machines, 32 GPUs (cell: every machine with the most common spec, 48 GPUs)",
    );
    expect(r.stdout).toContain('"cluster": {"machines":6,"cpus":96,"memGb":512,"resources":{"gpus":8}}');
    const bad = await cellsim(["trace", "inspect", "pai_task_table.csv", "--failed", "maybe"], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--failed: expected keep|drop, got "maybe"');
  });

  it("trace convert to the native CSV and back: the same jobs, GPU fractions and gangs included", async () => {
    const r = await cellsim(["trace", "convert", "pai_task_table.csv", "--out", "pai.csv"], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("read 8 alibaba-pai-2020 rows from 1 file(s), wrote 7 jobs (0 prefill)");
    const text = await readFile(path.join(dir, "pai.csv"), "utf8");
    expect(text.split("\n")[0]).toContain("gpus_per_task");
    const back = await readCellsim(path.join(dir, "pai.csv"));
    const read = await readAlibabaPai2020(path.join(dir, "pai_task_table.csv"));
    expect(back.prefill).toEqual([]);
    expect(back.jobs).toEqual(read.jobs);
    expect(back.jobs.map((j) => [j.id, j.resources?.gpus, j.gang])).toEqual([
      [1, 0.5, undefined],
      [2, undefined, undefined],
      [3, 1, true],
      [4, 8, true],
      [5, 0.25, undefined],
      [7, undefined, undefined],
      [8, 0.5, undefined],
    ]);
  });

  it("the example experiments/traces/pai-gpu.json validates; its window holds the sample's launched tasks", async () => {
    const r = await cellsim(["validate", path.resolve("experiments/traces/pai-gpu.json")], dir);
    expect(r.code, r.stderr).toBe(0);
    const sample = "traces/alibaba-pai-2020-synthetic";
    const read = await readAlibabaPai2020(`${sample}/pai_task_table.csv`, {
      jobTable: [`${sample}/pai_job_table.csv`],
      fromUs: 1_000_000e6,
      toUs: 1_007_200e6,
    });
    // 247 task rows, 4 of them Waiting; every launched task was submitted inside the two hours.
    expect([read.rows, read.jobs.length, read.dropped]).toEqual([
      195 + 247,
      243,
      { "tasks never launched (Waiting, or start_time 0)": 4 },
    ]);
    expect(read.jobs.filter((j) => j.gang === true).length).toBeGreaterThan(0);
  });
});
