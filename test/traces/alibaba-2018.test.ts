import { describe, expect, it } from "vitest";
import { readAlibaba2018 } from "../../src/workloads/traces/alibaba-2018.js";

/** The alibaba-2018 reader on hand-written batch_task rows (test/fixtures/traces/alibaba-2018). */

const DIR = "test/fixtures/traces/alibaba-2018";

describe("alibaba-2018 reader", () => {
  it("one job per task row: instance_num tasks, plan_cpu/100 cores, plan_mem/100 × machine", async () => {
    const r = await readAlibaba2018(`${DIR}/batch_task.csv`, { skipInvalid: true, machineMemGb: 100 });
    expect(r.rows).toBe(5);
    expect(
      r.jobs.map((j) => [j.id, j.submitUs / 1e6, j.tasks, j.cpusPerTask, j.memGbPerTask, j.durationUs / 1e6]),
    ).toEqual([
      [1, 100, 10, 1, 0.59, 60],
      [2, 160, 2, 0.5, 0.39, 240],
      // end_time 0 while running → censored at the latest time in the file (400 s)
      [3, 200, 1, 2, 1.5, 200],
    ]);
    expect(r.dropped).toEqual({ "tasks never started (start_time 0)": 1 });
    expect(r.skipped).toEqual({ "bad plan_cpu": 1 });
    expect(r.jobs.every((j) => j.kind === "batch" && !j.prefill)).toBe(true);
    expect(r.censoredJobs).toEqual([3]); // the one still running
  });

  it("censors at the window's end when one is given", async () => {
    const r = await readAlibaba2018(`${DIR}/batch_task.csv`, { skipInvalid: true, toUs: 1_000_000_000 });
    expect(r.jobs.find((j) => j.id === 3)?.durationUs).toBe(800_000_000);
    expect(r.censoredJobs).toEqual([3]);
    // A window ending before job 3's submit leaves it out, and with it its mark.
    const early = await readAlibaba2018(`${DIR}/batch_task.csv`, { skipInvalid: true, toUs: 190_000_000 });
    expect(early.jobs.map((j) => j.id)).toEqual([1, 2]);
    expect(early.censoredJobs).toEqual([]);
  });

  it("end_time < start_time and short rows are errors naming file:line, or skipped and counted", async () => {
    const bad = `${DIR}/bad.csv`;
    await expect(readAlibaba2018(bad)).rejects.toThrow(`${bad}:1: end_time before start_time: 450 < 500`);
    const r = await readAlibaba2018(bad, { skipInvalid: true });
    expect(r.skipped).toEqual({ "end_time before start_time": 1, "expected 9 columns": 1 });
    expect(r.jobs).toEqual([]);
  });
});
