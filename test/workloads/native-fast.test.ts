import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readNativeKept, readNativeTrace, type NativeParser } from "../../src/workloads/native-csv.js";
import { readPlainNative } from "../../src/workloads/native-fast.js";
import type { JobSpec } from "../../src/cluster/job.js";
import { forEachCellsimJob, readCellsim } from "../../src/workloads/traces/cellsim.js";

/** Edge cases of the fast path (native-fast.ts) and of the duplicate check (native-kept.ts). */

const HEADER = "job_id,submit_s,workload,tasks,cpus_per_task,mem_gb_per_task,duration_s,prefill";
let dir = "";
let n = 0;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cellsim-native-fast-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(text: string | Buffer, ext = ".csv"): Promise<string> {
  const path = join(dir, `f${n++}${ext}`);
  await writeFile(path, text);
  return path;
}

/** The error message of reading `path` with `parser` ("" if it reads). */
async function errorOf(path: string, parser: NativeParser): Promise<string> {
  return readNativeKept(path, {}, parser).then(
    () => "",
    (e: unknown) => (e as Error).message,
  );
}

/** The fast path reads `path` itself (not handing it to csv-parse). */
async function readsPlain(path: string): Promise<boolean> {
  return (await readPlainNative(path, {}).catch(() => "threw")) !== undefined;
}

describe("native fast path", () => {
  it("CRLF files: read by the fast path, errors name the right line", async () => {
    const path = await file(`${HEADER}\r\n1,1,batch,1,1,1,1,0\r\n\r\n2,1,batch,0,1,1,1,0\r\n`);
    expect(await readsPlain(path)).toBe(true);
    expect(await errorOf(path, "fast")).toBe(
      `${path}:4: expected a positive integer, got "0" (column tasks)`,
    );
    expect(await errorOf(path, "csv-parse")).toBe(await errorOf(path, "fast"));
  });

  it("a quoted field across lines: the file goes to csv-parse, lines still right", async () => {
    const path = await file(`${HEADER}\n1,1,"bat\nch",1,1,1,1,0\n2,1,batch,1,1,1,-1,0\n`);
    expect(await readsPlain(path)).toBe(false);
    expect(await errorOf(path, "fast")).toMatch(`${path}:3: expected batch or service, got "bat\nch"`);
  });

  it("a quote after a bad plain row: the plain row's error comes first, as csv-parse's does", async () => {
    const path = await file(`${HEADER}\n1,1,prod,1,1,1,1,0\n"2",1,batch,1,1,1,1,0\n`);
    expect(await errorOf(path, "fast")).toBe(await errorOf(path, "csv-parse"));
    expect(await errorOf(path, "fast")).toMatch(/:2: expected batch or service/);
  });

  it("blank lines are skipped; a non-breaking space is a field, as csv-parse reads it", async () => {
    const blank = await file(`\n \t\f\n${HEADER}\n\n  \n1,1,batch,1,1,1,1,0\n`);
    expect((await readNativeTrace(blank)).jobs).toHaveLength(1);
    const nbsp = await file(`${HEADER}\n\u00a0\n`);
    expect(await errorOf(nbsp, "fast")).toBe(`${nbsp}:2: expected 8 columns, got 1`);
  });

  it("values only Number() reads go to the reference parser and read the same", async () => {
    const path = await file(`${HEADER}\n 007 ,1e2,\tservice ,2e1,.5,4\u00a0,+3,TRUE\n`);
    const { prefill } = await readNativeTrace(path);
    expect(prefill).toStrictEqual([
      {
        id: 7,
        submitUs: 0,
        kind: "service",
        tasks: 20,
        cpusPerTask: 0.5,
        memGbPerTask: 4,
        durationUs: 3e6,
        prefill: true,
      },
    ]);
  });

  it('rejects "00" as prefill like the reference ("0" and "1" only on the fast path)', async () => {
    const path = await file(`${HEADER}\n1,1,batch,1,1,1,1,00\n`);
    expect(await errorOf(path, "fast")).toMatch(/:2: expected 0, 1, true or false, got "00"/);
  });

  it("an LF-only last line of a CRLF file is read; an LF-only line before it is not split", async () => {
    const last = await file(`${HEADER}\r\n1,1,batch,1,1,1,1,0\n`);
    expect((await readNativeTrace(last)).jobs).toHaveLength(1);
    const inner = await file(`${HEADER}\r\n1,1,batch,1,1,1,1,0\n2,1,batch,1,1,1,1,0\r\n`);
    expect(await readsPlain(inner)).toBe(false);
    expect(await errorOf(inner, "fast")).toBe(await errorOf(inner, "csv-parse"));
  });

  it("a corrupt gzip file is reported the same way by both parsers", async () => {
    const path = await file(
      Buffer.concat([gzipSync(`${HEADER}\n`).subarray(0, 10), Buffer.from("xx")]),
      ".csv.gz",
    );
    expect(await errorOf(path, "fast")).toMatch(`${path}: not a valid gzip file`);
    expect(await errorOf(path, "csv-parse")).toBe(await errorOf(path, "fast"));
  });
});

describe("duplicate job ids among the jobs kept", () => {
  const rows = [HEADER, "1,1,batch,1,1,1,1,0", "2,20,batch,1,1,1,1,0", "1,30,batch,1,1,1,1,0"];

  it("fail at the later row when both are kept", async () => {
    const path = await file(`${rows.join("\n")}\n`);
    expect(await errorOf(path, "fast")).toBe(`${path}:4: duplicate job_id, got "1" (column job_id)`);
  });

  it("are allowed when one of them is outside the window", async () => {
    const path = await file(`${rows.join("\n")}\n`);
    const { jobs } = await readNativeTrace(path, { fromUs: 10e6 });
    expect(jobs.map((j) => j.id)).toEqual([2, 1]);
  });

  it("with skipInvalid, the later one is skipped and counted", async () => {
    const path = await file(`${rows.join("\n")}\n`);
    const read = await readCellsim(path, { skipInvalid: true });
    expect(read.jobs.map((j) => j.submitUs)).toEqual([1e6, 20e6]);
    expect(read.skipped).toEqual({ "duplicate job_id (column job_id)": 1 });
  });
});

describe("forEachCellsimJob (trace inspect)", () => {
  it("visits the jobs readCellsim returns, in its order, with its counts", async () => {
    const path = await file(
      [HEADER, "3,5,batch,1,1,1,1,0", "9,0,service,2,1,1,9,1", "1,2,batch,1,1,1,1,0", "bad"].join("\n"),
    );
    for (const opts of [{ skipInvalid: true }, { skipInvalid: true, fromUs: 3e6 }]) {
      const visited: JobSpec[] = [];
      const counts = await forEachCellsimJob(path, opts, (j) => visited.push(j));
      const { prefill, jobs, ...read } = await readCellsim(path, opts);
      expect(visited).toStrictEqual([...prefill, ...jobs]);
      expect(counts).toStrictEqual({ ...read, prefillJobs: prefill.length, submittedJobs: jobs.length });
    }
    const good = await file(
      [HEADER, "3,5,batch,1,1,1,1,0", "9,0,service,2,1,1,9,1", "1,2,batch,1,1,1,1,0"].join("\n"),
    );
    const visited: JobSpec[] = [];
    const counts = await forEachCellsimJob(good, {}, (j) => visited.push(j));
    const { prefill, jobs, ...read } = await readCellsim(good, {});
    expect(visited).toStrictEqual([...prefill, ...jobs]);
    expect(counts).toStrictEqual({ ...read, prefillJobs: 1, submittedJobs: 2 });
  });
});
