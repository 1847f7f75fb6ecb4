import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { readTrace, type TraceFormatName } from "../../src/workloads/formats.js";
import { cellsim, CLI_MAIN } from "../helpers/cli.js";
import { requireDist } from "../helpers/dist.js";

/**
 * An empty trace is an error naming the file, as the native reader's "empty file: expected the
 * header …" (before, google-2011, swf and alibaba-2018 read an empty file as a trace of 0 jobs).
 * Empty = no data row: zero bytes, blank lines only, and for SWF ';' comments only. A list or
 * glob of shards is empty only if no shard has a row; one empty shard among others is fine.
 */

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "cellsim-empty-"));
});

async function fileWith(name: string, text: string): Promise<string> {
  const file = path.join(dir, name);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, name.endsWith(".gz") ? gzipSync(text) : text);
  return file;
}

const GOOGLE_ROW = "0,,200,0,11,1,u,3,9,0.25,0.125,0,0\n5000000,,200,0,11,4,u,3,9,0.25,0.125,0,0\n";
const SWF_ROW = " 1   0  -1  100   4  -1  -1  -1  -1  -1  1  1 1 -1  1  -1 -1 -1\n";
const ALIBABA_ROW = "M1,10,j_1,1,Terminated,100,160,100,0.59\n";

/** [format, file name, content, the message after "<file>: "] */
const EMPTY: [TraceFormatName, string, string, string][] = [
  ["google-2011", "zero_task_events.csv", "", "empty file: expected task_events rows"],
  ["google-2011", "blank_task_events.csv.gz", "\n\n", "empty file: expected task_events rows"],
  ["swf", "zero.swf", "", "empty file: expected SWF job rows"],
  ["swf", "comments.swf", "; Version: 2.2\n;\n\n   \n; MaxJobs: 0\n", "empty file: expected SWF job rows"],
  ["alibaba-2018", "zero_batch_task.csv", "", "empty file: expected batch_task rows"],
  ["alibaba-2018", "blank_batch_task.csv", "\n \n\n", "empty file: expected batch_task rows"],
  ["cellsim", "zero.csv", "", "empty file: expected the header job_id,"],
];

describe("an empty trace file", () => {
  for (const [format, name, text, message] of EMPTY) {
    for (const skipInvalid of [false, true]) {
      it(`${format} ${name}, skipInvalid ${skipInvalid}: an error naming the file`, async () => {
        const file = await fileWith(name, text);
        await expect(readTrace(format, file, { skipInvalid })).rejects.toThrow(`${file}: ${message}`);
      });
    }
  }

  it("a native file with only its header is a trace of no jobs (the header is content)", async () => {
    const file = await fileWith(
      "header.csv",
      "job_id,submit_s,workload,tasks,cpus_per_task,mem_gb_per_task,duration_s\n",
    );
    expect((await readTrace("cellsim", file)).jobs).toEqual([]);
  });

  it("google-2011: one empty shard among others is fine; its rows come from the others", async () => {
    const a = await fileWith("g/task_events-a.csv", GOOGLE_ROW);
    const b = await fileWith("g/task_events-b.csv", "");
    const r = await readTrace("google-2011", path.join(dir, "g/task_events-*.csv"));
    expect(r.files).toEqual([a, b]);
    expect(r.rows).toBe(2);
  });

  it("a glob whose every shard is empty is an error naming the files", async () => {
    const a = await fileWith("e/task_events-a.csv", "");
    const b = await fileWith("e/task_events-b.csv", "\n");
    await expect(readTrace("google-2011", path.join(dir, "e/task_events-*.csv"))).rejects.toThrow(
      `${a}, ${b}: empty trace: none of the 2 files has a row; expected task_events rows`,
    );
  });

  it("swf and alibaba-2018 lists: an empty file among others is fine, all empty is not", async () => {
    const swf = await fileWith("log.swf", SWF_ROW);
    const noSwf = await fileWith("none.swf", "; only a comment\n");
    expect((await readTrace("swf", [noSwf, swf])).rows).toBe(1);
    await expect(readTrace("swf", [noSwf, noSwf])).rejects.toThrow("empty trace: none of the 2 files");
    const ali = await fileWith("list_batch_task.csv", ALIBABA_ROW);
    const noAli = await fileWith("none_batch_task.csv", "");
    expect((await readTrace("alibaba-2018", [ali, noAli])).rows).toBe(1);
  });

  it("google-2011: empty job_events files are an error too (the table was asked for)", async () => {
    const tasks = await fileWith("je_task_events.csv", GOOGLE_ROW);
    const jobEvents = await fileWith("job_events.csv", "");
    await expect(readTrace("google-2011", tasks, { jobEvents: [jobEvents] })).rejects.toThrow(
      `${jobEvents}: empty file: expected job_events rows`,
    );
  });

  it("many empty shards are named by the first and the last", async () => {
    const names = [
      "m/task_events-1.csv",
      "m/task_events-2.csv",
      "m/task_events-3.csv",
      "m/task_events-4.csv",
    ];
    const files = await Promise.all(names.map((n) => fileWith(n, "")));
    await expect(readTrace("google-2011", files)).rejects.toThrow(
      `${files[0]}, …, ${files[3]}: empty trace: none of the 4 files has a row`,
    );
  });
});

describe("cellsim trace convert on an empty file", () => {
  beforeAll(() => requireDist(CLI_MAIN));

  for (const [format, name, message] of [
    ["google-2011", "cli_task_events.csv", "empty file: expected task_events rows"],
    ["swf", "cli.swf", "empty file: expected SWF job rows"],
    ["alibaba-2018", "cli_batch_task.csv", "empty file: expected batch_task rows"],
  ] as const) {
    it(`${format}: exit 2, one line naming the file, nothing written`, async () => {
      const file = await fileWith(name, "");
      const out = path.join(dir, `${format}-out.csv`);
      const r = await cellsim(["trace", "convert", file, "--out", out], dir);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toContain(`cellsim: ${file}: ${message}`);
      await expect(import("node:fs/promises").then((fs) => fs.access(out))).rejects.toThrow();
    });
  }
});
