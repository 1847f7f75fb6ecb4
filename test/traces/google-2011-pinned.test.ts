import { createHash } from "node:crypto";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import type { JobSpec } from "../../src/cluster/job.js";
import { readGoogle2011 } from "../../src/workloads/traces/google-2011.js";
import type { GoogleReadOptions } from "../../src/workloads/traces/types.js";

/**
 * Pins the google-2011 reader's complete output on traces/google-2011-sample (every job's every
 * field, the counts of skipped and dropped rows) so that reader optimizations cannot change a
 * result unnoticed. The hashes were taken from the Map-of-task-objects reader the typed-array
 * table replaced, whose output was identical byte for byte (also on both shared shards).
 */

const SAMPLE = "traces/google-2011-sample";
const TASKS = `${SAMPLE}/task_events-*.csv.gz`;
const JOBS = `${SAMPLE}/job_events-*.csv.gz`;

/**
 * Digest of the output without `priority` (a field added later: the hashes below predate it
 * and still pin every other field byte for byte); the priorities are pinned on their own.
 */
async function digest(opts: GoogleReadOptions): Promise<string> {
  const { prefill, jobs, rows, skipped, dropped } = await readGoogle2011(TASKS, opts);
  const strip = (list: JobSpec[]): JobSpec[] => list.map(({ priority: _priority, ...rest }) => rest);
  return sha256(JSON.stringify({ prefill: strip(prefill), jobs: strip(jobs), rows, skipped, dropped }));
}

const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");

describe("google-2011 reader output on the sample, pinned", () => {
  it("default options", async () => {
    expect(await digest({})).toBe("31c2720115f9978dbdd9be207a7cee6fbd79f9745deb72c16898744c5f7d57a7");
  });
  it("with job_events", async () => {
    expect(await digest({ jobEvents: [JOBS] })).toBe(
      "3fe56daa1f0f4bc5cd810171aa59f805ab730ba1462b05b9c63b5351267b7365",
    );
  });
  it("median durations, later window start", async () => {
    expect(await digest({ jobEvents: [JOBS], taskDuration: "median", fromUs: 1_800_000_000 })).toBe(
      "e51758bfbf79d5de93e27c608c9a3a8e392eb79c5c8b89304c2ae2c73da6c8c4",
    );
  });
  it("max durations, earlier window end", async () => {
    expect(await digest({ taskDuration: "max", toUs: 7_200_000_000 })).toBe(
      "14759d7ac3276812919c7186358e91286018a5c947e720bd935bd18a7fcae019",
    );
  });
  // Checked against an independent script over the sample (first non-empty priority per job).
  it("priorities: every job carries its first task row's, in output order", async () => {
    const { prefill, jobs } = await readGoogle2011(TASKS, { jobEvents: [JOBS] });
    const all = [...prefill, ...jobs];
    expect(all.every((j) => Number.isInteger(j.priority) && j.priority! >= 0 && j.priority! <= 11)).toBe(
      true,
    );
    expect(sha256(JSON.stringify(all.map((j) => [j.id, j.priority])))).toBe(
      "2a45b6bef557c9fea0a0d44d438d81391ab5fcff82089bf9f1bbce07376041b5",
    );
  });
});

describe("google-2011 task bookkeeping", () => {
  async function shard(lines: string[]): Promise<string> {
    const dir = await mkdtemp(path.join(tmpdir(), "cellsim-google-"));
    const file = path.join(dir, "task_events-part-00000.csv.gz");
    await writeFile(file, gzipSync(`${lines.join("\n")}\n`));
    return file;
  }
  // Job 8's task 5 runs, the job has no run open, then task 2 (a lower index, seen later) and
  // task 5 again run; job 9 has a huge task index; job 7 runs from the t = 0 snapshot.
  const rows = (rerunEnd: string) => [
    "0,,7,0,1,1,u,2,9,0.5,0.25,0,0",
    "0,,8,5,1,0,u,0,1,0.1,0.1,0,0",
    "10,,8,5,1,1,u,0,1,0.1,0.1,0,0",
    "20,,8,5,1,4,u,0,1,0.1,0.1,0,0",
    "30,,8,2,1,1,u,0,1,0.1,0.1,0,0",
    "35,,8,5,1,1,u,0,1,0.1,0.1,0,0",
    "40,,8,2,1,4,u,0,1,0.1,0.1,0,0",
    `${rerunEnd},,8,5,1,4,u,0,1,0.1,0.1,0,0`,
    "50,,7,0,1,5,u,2,9,0.5,0.25,0,0",
    "60,,9,1000000000,1,1,u,2,9,0.5,0.25,0,0",
    "70,,9,1000000000,1,4,u,2,9,0.5,0.25,0,0",
  ];
  const brief = (r: Awaited<ReturnType<typeof readGoogle2011>>) =>
    [...r.prefill, ...r.jobs].map((j) => [j.id, j.tasks, j.submitUs, j.durationUs]);

  it("reruns after a job's runs all ended, tasks in any index order, sparse indexes", async () => {
    const file = await shard(rows("45"));
    // Job 8: task 5 ran 10 + 10, task 2 ran 10 → mean 15, max 20.
    const expected = (d8: number) => [
      [7, 1, 0, 50],
      [8, 2, 0, d8],
      [9, 1, 60, 10],
    ];
    expect(brief(await readGoogle2011(file))).toEqual(expected(15));
    expect(brief(await readGoogle2011(file, { taskDuration: "max" }))).toEqual(expected(20));
    expect(brief(await readGoogle2011(file, { taskDuration: "median" }))).toEqual(expected(15));
  });

  it("a non-integer time (quoted line) still gives the per-task result", async () => {
    const file = await shard(rows('"45.5"'));
    // Task 5 ran 10 + 10.5: mean (20.5 + 10) / 2 = 15.25 → 15; max 20.5 → 21.
    const r = await readGoogle2011(file);
    expect(brief(r)).toEqual([
      [7, 1, 0, 50],
      [8, 2, 0, 15],
      [9, 1, 60, 10],
    ]);
    expect(r.rows).toBe(11);
    expect(brief(await readGoogle2011(file, { taskDuration: "max" }))[1]).toEqual([8, 2, 0, 21]);
  });
});

describe("google-2011 time 2^63 − 1 (after the end of the trace)", () => {
  it("is read as 'after the trace' and skipped, not rejected as a bad time", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "cellsim-after-"));
    const file = path.join(dir, "task_events.csv");
    const row = (t: string, type: number) => `${t},,42,0,7,${type},u,0,0,0.0625,0.03,0,0`;
    await writeFile(
      file,
      [row("1000000", 0), row("2000000", 1), row("5000000", 4), row("9223372036854775807", 5)].join("\n") +
        "\n",
    );
    const read = await readGoogle2011(file);
    expect(read.jobs).toHaveLength(1);
    expect(read.jobs[0]!.durationUs).toBe(3_000_000);
    expect(read.skipped).toEqual({});
  });
});
