import { describe, expect, it } from "vitest";
import { planFromJson } from "../../src/experiment/plan.js";
import { readAlibabaPai2020 } from "../../src/workloads/traces/alibaba-pai-2020.js";
import { readPaiMachineSpec } from "../../src/workloads/traces/pai-machines.js";

/** The alibaba-pai-2020 reader on hand-made rows in the published schema (test/fixtures/traces/alibaba-pai-2020). */

const DIR = "test/fixtures/traces/alibaba-pai-2020";
const TASKS = `${DIR}/pai_task_table.csv`;
const JOBS = `${DIR}/pai_job_table.csv`;

describe("alibaba-pai-2020 reader", () => {
  it("one job per task row: inst_num tasks, plan_cpu/100 CPUs, plan_mem GB, plan_gpu/100 GPUs, gangs", async () => {
    const r = await readAlibabaPai2020(TASKS);
    expect(r.rows).toBe(8);
    expect(r.files).toEqual([TASKS]);
    expect(
      r.jobs.map((j) => [
        j.id,
        j.submitUs / 1e6,
        j.tasks,
        j.cpusPerTask,
        j.memGbPerTask,
        j.resources?.gpus,
        j.gang,
        j.durationUs / 1e6,
      ]),
    ).toEqual([
      // 600.0 → 6 CPUs; plan_gpu 50 → half a GPU; one instance: no gang
      [1, 1000, 1, 6, 29.296875, 0.5, undefined, 600],
      // the parameter server: empty plan_gpu → no GPU at all
      [2, 1100, 1, 8, 30, undefined, undefined, 3600],
      // 4 workers of one whole GPU each: a gang
      [3, 1100, 4, 6, 40, 1, true, 3600],
      // Failed, kept with its run time: 2 × 8 GPUs, a gang
      [4, 1200, 2, 12, 100, 8, true, 300],
      // Running: censored at the latest time in the file (5400 s): 3400 s
      [5, 2000, 1, 4, 10, 0.25, undefined, 3400],
      // row 6 is Waiting (dropped); row 7 ends when it starts: 1 µs; plan_gpu 0.0 → no GPU
      [7, 3000, 1, 0.5, 2.5, undefined, undefined, 1e-6],
      [8, 5000, 1, 2, 8, 0.5, undefined, 400],
    ]);
    expect(r.jobs.every((j) => j.kind === "batch" && !j.prefill)).toBe(true);
    expect(r.jobs.filter((j) => j.resources === undefined).every((j) => !("resources" in j))).toBe(true);
    expect(r.dropped).toEqual({ "tasks never launched (Waiting, or start_time 0)": 1 });
    expect(r.notes).toEqual({
      "failed tasks kept (run time as recorded)": 2,
      "tasks censored at the window's end (Running, or no end_time)": 1,
    });
    expect(r.skipped).toEqual({});
  });

  it("with the job table, submit is the job's submission (its start_time); duration stays the task's run", async () => {
    const r = await readAlibabaPai2020(TASKS, { jobTable: [JOBS] });
    expect(r.files).toEqual([JOBS, TASKS]);
    expect(r.rows).toBe(6 + 8);
    expect(r.jobs.map((j) => [j.id, j.submitUs / 1e6, j.durationUs / 1e6])).toEqual([
      [1, 900, 600],
      [2, 1000, 3600],
      [3, 1000, 3600],
      [4, 1200, 300],
      [5, 1950, 3400],
      [7, 2900, 1e-6],
      // j7 has no job row: its task's own start_time
      [8, 5000, 400],
    ]);
    expect(r.notes?.["tasks without a pai_job_table row (submit = task start_time)"]).toBe(1);
  });

  it("options: failed drop, no gangs, kind, and the window (shift and censoring at its end)", async () => {
    const dropped = await readAlibabaPai2020(TASKS, { failed: "drop", gang: false, kind: "service" });
    expect(dropped.jobs.map((j) => j.id)).toEqual([1, 2, 3, 5, 7]);
    expect(dropped.dropped["failed tasks (failed: drop)"]).toBe(2);
    expect(dropped.jobs.some((j) => j.gang !== undefined)).toBe(false);
    expect(dropped.jobs.every((j) => j.kind === "service")).toBe(true);

    // [1100 s, 2500 s): jobs 2–5, shifted by 1100 s; the Running task is cut at 2500 s
    const w = await readAlibabaPai2020(TASKS, { fromUs: 1100e6, toUs: 2500e6 });
    expect(w.jobs.map((j) => [j.id, j.submitUs / 1e6, j.durationUs / 1e6])).toEqual([
      [2, 0, 3600],
      [3, 0, 3600],
      [4, 100, 300],
      [5, 900, 500],
    ]);
    expect(w.notes).toEqual({
      "failed tasks kept (run time as recorded)": 1,
      "tasks censored at the window's end (Running, or no end_time)": 1,
    });
  });

  it("unusable rows name file:line, or are skipped and counted by reason", async () => {
    const bad = `${DIR}/bad_task_table.csv`;
    await expect(readAlibabaPai2020(bad)).rejects.toThrow(`${bad}:2: bad plan_gpu: "abc" (column 9)`);
    const r = await readAlibabaPai2020(bad, { skipInvalid: true });
    expect(r.rows).toBe(6);
    expect(r.skipped).toEqual({
      "bad plan_gpu": 1,
      "unknown status": 1,
      "bad inst_num": 1,
      "end_time before start_time": 1,
      "expected 10 columns": 1,
    });
    expect(r.jobs.map((j) => j.id)).toEqual([1]);
  });

  it("a bad job-table row names its file:line too", async () => {
    await expect(readAlibabaPai2020(TASKS, { jobTable: [TASKS] })).rejects.toThrow(
      `${TASKS}:1: expected 6 columns: got 10`,
    );
  });
});

describe("pai_machine_spec → cell", () => {
  it("every machine with the most common spec; the specs listed, most common first", async () => {
    const cell = await readPaiMachineSpec(`${DIR}/pai_machine_spec.csv`);
    expect(cell.cluster).toEqual({ machines: 6, cpus: 96, memGb: 512, resources: { gpus: 8 } });
    expect(cell.kinds).toEqual([
      { gpuTypes: ["P100", "V100", "V100M32"], cpus: 96, memGb: 512, gpus: 8, machines: 3 },
      { gpuTypes: ["T4"], cpus: 96, memGb: 512, gpus: 2, machines: 2 },
      { gpuTypes: ["MISC"], cpus: 64, memGb: 256, gpus: 4, machines: 1 },
    ]);
    expect(cell.tracedGpus).toBe(3 * 8 + 2 * 2 + 4);
    expect(cell.rows).toBe(6);
  });

  it("a bad spec row names file:line", async () => {
    await expect(readPaiMachineSpec(TASKS)).rejects.toThrow(`${TASKS}:1: expected 5 columns: got 10`);
  });
});

describe("alibaba-pai-2020 in experiment files", () => {
  const experiment = (workload: Record<string, unknown>) => ({
    name: "t",
    horizon: "1h",
    cluster: { machines: 4, cpus: 96, memGb: 512, resources: { gpus: 8 } },
    workload: { trace: TASKS, format: "alibaba-pai-2020", ...workload },
  });

  it("takes its options (jobTable resolved like trace) and rejects another format's", () => {
    const plan = planFromJson(
      experiment({ jobTable: JOBS, gang: false, failed: "drop", kind: "batch" }),
      "x.json",
    );
    expect(plan.runs[0]?.config.workload).toMatchObject({
      type: "trace",
      format: "alibaba-pai-2020",
      options: { jobTable: [JOBS], gang: false, failed: "drop", kind: "batch" },
    });
    expect(() => planFromJson(experiment({ machineMemGb: 96 }), "x.json")).toThrow(/machineMemGb/);
    expect(() => planFromJson(experiment({ failed: "maybe" }), "x.json")).toThrow(/failed/);
  });
});

describe("alibaba-pai-2020 censoring", () => {
  it("lists the Running task (row 5, job j4: no end_time) as the one censored job", async () => {
    const read = await readAlibabaPai2020(TASKS);
    expect(read.censoredJobs).toEqual([5]);
  });
});
