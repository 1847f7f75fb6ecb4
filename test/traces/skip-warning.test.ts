import { existsSync } from "node:fs";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readTrace } from "../../src/workloads/formats.js";
import { skipWarning } from "../../src/workloads/traces/read-checks.js";
import { cellsim, CLI_MAIN } from "../helpers/cli.js";
import { requireDist } from "../helpers/dist.js";

/**
 * skipInvalid that skips more than `skipWarnShare` of the rows (default half) warns on stderr:
 * one line naming the file(s), the share and the top reasons. Never in strict mode; results are
 * the same with and without the warning.
 */

const HEADER = "job_id,submit_s,workload,tasks,cpus_per_task,mem_gb_per_task,duration_s";
/** 4 rows: 1 good, 2 with a bad workload, 1 with an unterminated quote → 3 of 4 skipped (75%). */
const MOSTLY_BAD = [
  HEADER,
  "1,0,batch,1,1,1,10",
  "2,0,btch,1,1,1,10",
  "3,0,btch,1,1,1,10",
  '4,0,"batch,1,1,1,10',
];
/** 4 rows, 1 bad (25%). */
const FEW_BAD = [
  HEADER,
  "1,0,batch,1,1,1,10",
  "2,0,btch,1,1,1,10",
  "3,0,batch,1,1,1,10",
  "4,1,batch,1,1,1,10",
];
const WARNING =
  "skipInvalid skipped 3 of 4 rows (75%, more than skipWarnShare 50%): 2 expected batch or service (column workload), 1 unterminated quote; is the format or an option wrong?";

let dir: string;

beforeAll(async () => {
  requireDist(CLI_MAIN);
  dir = await mkdtemp(path.join(tmpdir(), "cellsim-skipwarn-"));
  await writeFile(path.join(dir, "bad.csv"), `${MOSTLY_BAD.join("\n")}\n`);
  await writeFile(path.join(dir, "few.csv"), `${FEW_BAD.join("\n")}\n`);
});

describe("skipWarning", () => {
  const read = { files: ["a.csv"], rows: 4, skipped: { x: 2, y: 1 } };

  it("warns above the share (default 0.5), not at or below it", () => {
    expect(skipWarning(read, { skipInvalid: true })).toBe(
      "a.csv: skipInvalid skipped 3 of 4 rows (75%, more than skipWarnShare 50%): 2 x, 1 y; is the format or an option wrong?",
    );
    expect(skipWarning({ ...read, skipped: { x: 2 } }, { skipInvalid: true })).toBeUndefined();
    expect(skipWarning(read, { skipInvalid: true, skipWarnShare: 0.75 })).toBeUndefined();
    expect(skipWarning({ ...read, skipped: { x: 1 } }, { skipInvalid: true, skipWarnShare: 0 })).toContain(
      "1 of 4 rows (25%",
    );
    expect(
      skipWarning({ ...read, skipped: { x: 4 } }, { skipInvalid: true, skipWarnShare: 1 }),
    ).toBeUndefined();
  });

  it("never without skipInvalid", () => {
    expect(skipWarning(read, {})).toBeUndefined();
    expect(skipWarning(read, { skipInvalid: false, skipWarnShare: 0 })).toBeUndefined();
  });

  it("names the three most frequent reasons, then …; many files by the first and last", () => {
    const many = { files: ["a", "b", "c", "d"], rows: 10, skipped: { p: 1, q: 4, r: 2, s: 2 } };
    expect(skipWarning(many, { skipInvalid: true })).toBe(
      "a, …, d: skipInvalid skipped 9 of 10 rows (90%, more than skipWarnShare 50%): 4 q, 2 r, 2 s, …; is the format or an option wrong?",
    );
  });

  it("google-2011 with job_events: the share is of the rows of both tables", async () => {
    const tasks = path.join(dir, "task_events.csv");
    const jobs = path.join(dir, "job_events.csv");
    await writeFile(tasks, "0,,200,0,11,1,u,3,9,0.25,0.125,0,0\n");
    await writeFile(jobs, "0,,200,0,u,3,j,l\nx,,200,0,u,3,j,l\nx,,200,0,u,3,j,l\n");
    const r = await readTrace("google-2011", tasks, { jobEvents: [jobs], skipInvalid: true });
    expect([r.rows, r.allRows, r.skipped]).toEqual([1, 4, { "bad time": 2 }]);
    expect(skipWarning(r, { skipInvalid: true })).toBeUndefined(); // 2 of 4: not more than half
    expect(skipWarning(r, { skipInvalid: true, skipWarnShare: 0.4 })).toContain("2 of 4 rows (50%");
  });
});

describe("the warning reaches the user", () => {
  it("trace convert: the warning on stderr, exit 0, the same output with the warning switched off", async () => {
    const warned = await cellsim(["trace", "convert", "bad.csv", "--out", "a.csv", "--skip-invalid"], dir);
    expect(warned.code, warned.stderr).toBe(0);
    expect(warned.stderr).toContain(`cellsim: warning: bad.csv: ${WARNING}\n`);
    const quiet = await cellsim(
      ["trace", "convert", "bad.csv", "--out", "b.csv", "--skip-invalid", "--skip-warn-share", "0.8"],
      dir,
    );
    expect(quiet.stderr).not.toContain("warning");
    const [a, b] = await Promise.all(["a.csv", "b.csv"].map((f) => readFile(path.join(dir, f), "utf8")));
    expect(a).toBe(b);
  });

  it("trace convert: a few skipped rows, or strict mode, print no warning", async () => {
    const few = await cellsim(["trace", "convert", "few.csv", "--out", "c.csv", "--skip-invalid"], dir);
    expect(few.code).toBe(0);
    expect(few.stderr).not.toContain("warning");
    const strict = await cellsim(["trace", "convert", "bad.csv", "--out", "d.csv"], dir);
    expect(strict.code).toBe(2);
    expect(strict.stderr).not.toContain("warning");
  });

  it("trace inspect prints it too", async () => {
    const r = await cellsim(["trace", "inspect", "bad.csv", "--skip-invalid", "--out", "inspect"], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`cellsim: warning: bad.csv: ${WARNING}\n`);
  });

  it("--skip-warn-share outside 0–1 is a usage error", async () => {
    const r = await cellsim(
      ["trace", "convert", "bad.csv", "--out", "e.csv", "--skip-warn-share", "50"],
      dir,
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--skip-warn-share: expected a share from 0 to 1, got 50");
  });

  const experiment = (options: Record<string, unknown>) => ({
    name: "skips",
    horizon: "1m",
    seeds: [1],
    cluster: { machines: 2, cpus: 4, memGb: 16 },
    workload: { trace: "bad.csv", format: "cellsim", skipInvalid: true, ...options },
    architecture: { type: "monolithic" },
  });

  it("validate and run print it (as a plan warning); skipWarnShare in the experiment silences it", async () => {
    await writeFile(path.join(dir, "warn.json"), JSON.stringify(experiment({})));
    await writeFile(path.join(dir, "quiet.json"), JSON.stringify(experiment({ skipWarnShare: 0.9 })));
    const line = `cellsim: warning: warn.json: workload.trace: bad.csv: ${WARNING}\n`;
    const validate = await cellsim(["validate", "warn.json"], dir);
    expect(validate.code, validate.stderr).toBe(0);
    expect(validate.stderr).toContain(line);
    const run = await cellsim(["run", "warn.json", "--out", "o-warn"], dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(line);
    const quiet = await cellsim(["run", "quiet.json", "--out", "o-quiet"], dir);
    expect(quiet.code, quiet.stderr).toBe(0);
    expect(quiet.stderr).not.toContain("warning");
    expect(existsSync(path.join(dir, "o-quiet", "results.csv"))).toBe(true);
    const [a, b] = await Promise.all(
      ["o-warn", "o-quiet"].map((o) => readFile(path.join(dir, o, "results.csv"), "utf8")),
    );
    expect(a).toBe(b);
  });

  it("skipWarnShare does not change a run's resume hash (it changes no result)", async () => {
    const again = await cellsim(["run", "quiet.json", "--out", "o-warn"], dir);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain("0 runs executed, 1 resumed");
  });
});
