import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readTrace, type TraceFormatName } from "../../src/workloads/formats.js";
import { readNativeKept, type NativeParser } from "../../src/workloads/native-csv.js";
import { cellsim, CLI_MAIN } from "../helpers/cli.js";
import { requireDist } from "../helpers/dist.js";

/**
 * A quote opened and never closed is an unusable row at the line where it opens: strict mode
 * names that line (before: the end of the file for the native reader, "line 1" and no file:line
 * for the split readers), and skipInvalid skips the row, counts it as "unterminated quote" and
 * reads the rest of the file.
 */

const NATIVE = [
  "job_id,submit_s,workload,tasks,cpus_per_task,mem_gb_per_task,duration_s",
  "1,0,batch,1,1,1,10",
  '2,0,"batch,1,1,1,10',
  "3,0,batch,1,1,1,10",
  "4,0,batch,1,1,1,10",
].join("\n");
/** Tasks scheduled at 0 (running at the start: prefill); line 2 opens a quote in the user column. */
const GOOGLE = [
  "0,,200,0,11,1,u,3,9,0.25,0.125,0,0",
  '0,,300,0,11,1,"u,3,9,0.25,0.125,0,0',
  "0,,400,0,11,1,u,3,9,0.25,0.125,0,0",
  "5000000,,400,0,11,4,u,3,9,0.25,0.125,0,0",
].join("\n");
/** Line 2 opens a quote in job_name. */
const ALIBABA = [
  "M1,10,j_1,1,Terminated,100,160,100,0.59",
  'R2_1,2,"j_1,1,Terminated,160,400,50,0.39',
  "M1,1,j_2,1,Terminated,200,300,200,1.5",
].join("\n");

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "cellsim-quotes-"));
});

async function fileWith(name: string, text: string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, `${text}\n`);
  return file;
}

const CASES: [TraceFormatName, string, string, number][] = [
  ["cellsim", "native.csv", NATIVE, 3],
  ["google-2011", "task_events.csv", GOOGLE, 2],
  ["alibaba-2018", "batch_task.csv", ALIBABA, 2],
];

describe("an unterminated quote", () => {
  for (const [format, name, text, line] of CASES) {
    it(`${format}: strict mode names the line where the quote opens`, async () => {
      const file = await fileWith(name, text);
      await expect(readTrace(format, file)).rejects.toThrow(`${file}:${line}: unterminated quote`);
      await expect(readTrace(format, file)).rejects.toThrow("--skip-invalid");
    });

    it(`${format}: skipInvalid skips that row only and counts it`, async () => {
      const r = await readTrace(format, await fileWith(name, text), { skipInvalid: true });
      expect(r.skipped).toEqual({ "unterminated quote": 1 });
      expect(r.rows).toBe(text.split("\n").length - (format === "cellsim" ? 1 : 0));
    });
  }

  it("native: the jobs after the skipped row are read", async () => {
    const r = await readTrace("cellsim", await fileWith("native-rest.csv", NATIVE), { skipInvalid: true });
    expect(r.jobs.map((j) => j.id)).toEqual([1, 3, 4]);
  });

  it("google-2011: rows after the skipped one still make their jobs", async () => {
    const r = await readTrace("google-2011", await fileWith("rest-task_events.csv", GOOGLE), {
      skipInvalid: true,
    });
    expect([...r.prefill, ...r.jobs].map((j) => j.id).sort()).toEqual([200, 400]);
  });

  it("alibaba-2018: rows after the skipped one are read", async () => {
    const r = await readTrace("alibaba-2018", await fileWith("rest-batch_task.csv", ALIBABA), {
      skipInvalid: true,
    });
    expect(r.jobs.map((j) => j.id)).toEqual([1, 3]);
  });

  it("google-2011 job_events: the line is named, or skipped with skipInvalid", async () => {
    const jobEvents = await fileWith("job_events.csv", '0,,200,0,u,3,j,l\n0,,300,0,"u,3,j,l');
    const tasks = await fileWith("je-task_events.csv", GOOGLE.split("\n")[0] ?? "");
    await expect(readTrace("google-2011", tasks, { jobEvents: [jobEvents] })).rejects.toThrow(
      `${jobEvents}:2: unterminated quote`,
    );
    const r = await readTrace("google-2011", tasks, { jobEvents: [jobEvents], skipInvalid: true });
    expect(r.skipped).toEqual({ "unterminated quote": 1 });
  });

  for (const parser of ["fast", "csv-parse"] as NativeParser[]) {
    it(`native reader, ${parser} path: the line where the quote opens, not the file's last`, async () => {
      const file = await fileWith(`${parser}.csv`, NATIVE);
      await expect(readNativeKept(file, {}, parser)).rejects.toThrow(`${file}:3: unterminated quote`);
    });
  }

  it("native: a quoted field closed on a later line is still one field (CSV), not an open quote", async () => {
    const file = await fileWith(
      "spans.csv",
      `${NATIVE.split("\n").slice(0, 2).join("\n")}\n2,0,"bat\nch",1,1,1,10`,
    );
    await expect(readNativeKept(file, {}, "csv-parse")).rejects.toThrow(
      `${file}:4: expected batch or service`,
    );
  });

  it("native: an unterminated quote in the header is a bad header in both modes (no skip hint)", async () => {
    const file = await fileWith("header-quote.csv", 'job_id,"submit_s,workload\n1,0,batch');
    for (const skipInvalid of [false, true]) {
      const err = (await readTrace("cellsim", file, { skipInvalid }).then(
        () => new Error("read without error"),
        (e: unknown) => e,
      )) as Error;
      expect(err.message).toMatch(`${file}:1: bad header: unterminated quote`);
      expect(err.message).not.toContain("--skip-invalid");
    }
  });

  it("other bad quoting in a split line is an unusable row too, never a crash", async () => {
    const file = await fileWith(
      "bad-batch_task.csv",
      `${ALIBABA.split("\n")[0]}\nM2,1,"j"x,1,Terminated,1,2,3,4`,
    );
    await expect(readTrace("alibaba-2018", file)).rejects.toThrow(`${file}:2: malformed CSV quoting`);
    const r = await readTrace("alibaba-2018", file, { skipInvalid: true });
    expect(r.skipped).toEqual({ "malformed CSV quoting": 1 });
  });
});

describe("cellsim trace convert with an unterminated quote", () => {
  beforeAll(() => requireDist(CLI_MAIN));

  it("exits 2 naming file:line; --skip-invalid converts the other rows", async () => {
    const file = await fileWith("cli.csv", NATIVE);
    const out = path.join(dir, "out.csv");
    const strict = await cellsim(["trace", "convert", file, "--out", out], dir);
    expect(strict.code).toBe(2);
    expect(strict.stderr).toBe(
      `cellsim: ${file}:3: unterminated quote: the quoted field opened on this line never closes (use skipInvalid / --skip-invalid to skip such rows)\n`,
    );
    const skip = await cellsim(["trace", "convert", file, "--out", out, "--skip-invalid"], dir);
    expect(skip.code).toBe(0);
    expect(skip.stderr).toContain("wrote 3 jobs (0 prefill) to");
    expect(skip.stderr).toContain('"unterminated quote":1');
  });
});
