import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import type { JobSpec } from "../../src/cluster/job.js";
import { readGoogle2011 } from "../../src/workloads/traces/google-2011.js";
import { googleKind } from "../../src/workloads/traces/google-jobs.js";

/**
 * The google-2011 reader on traces/google-2011-sample (239 jobs cut from the real shards, see
 * its SOURCE.txt). Expected values were checked by hand against the rows (quoted beside them)
 * and the counts by an independent script over the same files.
 */

const SAMPLE = "traces/google-2011-sample";
const TASKS = `${SAMPLE}/task_events-*.csv.gz`;
const JOBS = `${SAMPLE}/job_events-*.csv.gz`;
/** Time of the sample's last task_events row: the horizon open runs are censored at. */
const LAST_US = 10_580_082_446;

const byId = (list: JobSpec[], id: number): JobSpec | undefined => list.find((j) => j.id === id);
const sum = (list: JobSpec[], f: (j: JobSpec) => number): number => list.reduce((a, j) => a + f(j), 0);

describe("google-2011 reader on the real sample", () => {
  it("counts jobs and tasks: 144 prefill jobs (1,147 tasks), 95 submitted (433 tasks)", async () => {
    const r = await readGoogle2011(TASKS, { jobEvents: [JOBS] });
    expect(r.rows).toBe(3536);
    expect(r.files).toHaveLength(4);
    expect([r.prefill.length, sum(r.prefill, (j) => j.tasks)]).toEqual([144, 1147]);
    expect([r.jobs.length, sum(r.jobs, (j) => j.tasks)]).toEqual([95, 433]);
    expect(r.skipped).toEqual({});
    expect(r.dropped).toEqual({
      "task runs starting after the window start, in jobs already running there": 9,
    });
  });

  it("prefill from the t = 0 snapshot, residual mean of the tasks, censored at the last row", async () => {
    const r = await readGoogle2011(TASKS, { jobEvents: [JOBS] });
    // 3418375: task 0 SCHEDULE at 0, KILL at 1,348,139,469; task 1 SCHEDULE at 0, never ends.
    // Priority 9, class 3 → service; CPU 0.0625 × 8, memory 0.09277 × 32.
    expect(byId(r.prefill, 3418375)).toEqual({
      id: 3418375,
      kind: "service",
      cpusPerTask: 0.5,
      memGbPerTask: 0.09277 * 32,
      submitUs: 0,
      tasks: 2,
      durationUs: Math.round((1_348_139_469 + LAST_US) / 2),
      prefill: true,
      priority: 9,
    });
    expect(byId(r.prefill, 3418329)?.durationUs).toBe(LAST_US); // 3 tasks running throughout
  });

  it("submitted jobs: first SUBMIT (job_events if earlier), SCHEDULE → FINISH/KILL", async () => {
    const r = await readGoogle2011(TASKS, { jobEvents: [JOBS] });
    // 6251767011: tasks 0/1 SCHEDULE 1,748,033,643/…657, FINISH 1,869,176,387 / KILL …421.
    const j = byId(r.jobs, 6251767011);
    expect(j).toMatchObject({ kind: "batch", tasks: 2, durationUs: 121_142_754, prefill: false });
    expect(j?.submitUs).toBe(1_747_215_870); // job_events SUBMIT; task_events says …873
    const noJobEvents = await readGoogle2011(TASKS);
    expect(byId(noJobEvents.jobs, 6251767011)?.submitUs).toBe(1_747_215_873);
  });

  it("censors runs still open at the window's end", async () => {
    // 6251995355: 3 tasks SCHEDULEd at 5,125,840,971/986/1001 and never end.
    const all = await readGoogle2011(TASKS);
    expect(byId(all.jobs, 6251995355)?.durationUs).toBe(LAST_US - 5_125_840_986);
    const to = await readGoogle2011(TASKS, { toUs: 7_200_000_000 });
    expect(byId(to.jobs, 6251995355)?.durationUs).toBe(7_200_000_000 - 5_125_840_986);
    expect(byId(to.prefill, 3418329)?.durationUs).toBe(7_200_000_000);
  });

  it("marks the censored jobs: 148 of 239 (140 prefill, 8 submitted)", async () => {
    // Counted independently with awk over the shards: 149 jobs have a task whose last event is
    // SCHEDULE. One of them, 6247761469, is a prefill job whose t = 0 run was EVICTed at
    // 2,234,090,558; its open run (SCHEDULE 2,236,391,037) is a later run, dropped, so its
    // duration is not cut: 148.
    const r = await readGoogle2011(TASKS, { jobEvents: [JOBS] });
    const censored = new Set(r.censoredJobs);
    expect(censored.size).toBe(148);
    expect(r.censoredJobs).toHaveLength(148);
    expect(r.prefill.filter((j) => censored.has(j.id))).toHaveLength(140);
    expect(r.jobs.filter((j) => censored.has(j.id))).toHaveLength(8);
    expect([3418375, 3418329, 6251995355].every((id) => censored.has(id))).toBe(true);
    expect(censored.has(6247761469)).toBe(false);
    expect(censored.has(6251767011)).toBe(false); // FINISH / KILL: ended in the trace
  });

  it("a later window start makes the tasks running then the prefill, shifted to 0", async () => {
    const r = await readGoogle2011(TASKS, { fromUs: 1_800_000_000 });
    // 6251767011 runs 1.748e9 → 1.869e9: running at the new start, 69,176,387 µs left (mean).
    expect(byId(r.prefill, 6251767011)).toMatchObject({ tasks: 2, durationUs: 69_176_404, submitUs: 0 });
    expect(byId(r.jobs, 6251995355)?.submitUs).toBe(5_123_806_550 - 1_800_000_000);
    expect(r.jobs.every((j) => j.submitUs >= 0)).toBe(true);
  });

  it("splits batch/service by the reference rule (priority ≥ 9 and class ∉ {0,1})", async () => {
    const r = await readGoogle2011(TASKS);
    expect(byId(r.prefill, 612573927)?.kind).toBe("batch"); // class 2, priority 8
    expect(byId(r.prefill, 3759279896)?.kind).toBe("batch"); // class 0, priority 9
    expect(byId(r.prefill, 516580966)?.kind).toBe("service"); // class 2, priority 10
    const rule = { minPriority: 9, schedulingClasses: [2, 3], combine: "and" as const };
    expect([googleKind(9, 2, rule), googleKind(11, 1, rule), googleKind(8, 3, rule)]).toEqual([
      "service",
      "batch",
      "batch",
    ]);
    expect(googleKind(8, 3, { ...rule, combine: "or" })).toBe("service");
    const or = await readGoogle2011(TASKS, { service: { combine: "or" } });
    expect(byId(or.prefill, 612573927)?.kind).toBe("service");
  });

  it("task duration rules and machine size are options", async () => {
    const max = await readGoogle2011(TASKS, { taskDuration: "max", machine: { cpus: 4, memGb: 16 } });
    expect(byId(max.prefill, 3418375)).toMatchObject({ durationUs: LAST_US, cpusPerTask: 0.25 });
  });
});

describe("google-2011 malformed rows", () => {
  async function shard(lines: string[]): Promise<string> {
    const dir = await mkdtemp(path.join(tmpdir(), "cellsim-google-"));
    const file = path.join(dir, "task_events-part-00000.csv.gz");
    await writeFile(file, gzipSync(`${lines.join("\n")}\n`));
    return file;
  }
  const ok = "0,,7,0,1,1,u,2,9,0.5,0.25,0,0";

  it("names file:line and the problem; skipInvalid counts by reason", async () => {
    const file = await shard([
      ok,
      "600,,7,0,1,4,u,2,9,0.5,0.25,0",
      "700,,7,x,1,4,u,2,9,0.5,0.25,0,0",
      "800,,7,0,1,4,u,2,9,0.5,0.25,0,0",
      "5,,8,0,1,0,u,2,9,,,,",
    ]);
    await expect(readGoogle2011(file)).rejects.toThrow(`${file}:2: expected 13 columns: got 12`);
    const r = await readGoogle2011(file, { skipInvalid: true });
    expect(r.skipped).toEqual({
      "expected 13 columns": 1,
      "bad task index": 1,
      "time earlier than the previous row's": 1,
    });
    expect(r.prefill.map((j) => [j.id, j.durationUs])).toEqual([[7, 800]]);
  });

  it("reports shards given out of order", async () => {
    await expect(readGoogle2011([`${TASKS.replace("*", "part-00001-of-00500")}`, TASKS])).rejects.toThrow(
      /task_events-part-00000-of-00500.csv.gz:1: time earlier than the previous row's/,
    );
  });

  it("missing files and empty globs are input errors", async () => {
    await expect(readGoogle2011("nope/task_events.csv.gz")).rejects.toThrow(
      "nope/task_events.csv.gz: file not found",
    );
    await expect(readGoogle2011(`${SAMPLE}/nothing-*.gz`)).rejects.toThrow("no file matches");
  });
});
