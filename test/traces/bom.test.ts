import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { readTrace, type TraceFormatName } from "../../src/workloads/formats.js";
import { readNativeKept, type NativeParser } from "../../src/workloads/native-csv.js";
import type { TraceReadResult } from "../../src/workloads/traces/types.js";
import { cellsim, CLI_MAIN } from "../helpers/cli.js";
import { requireDist } from "../helpers/dist.js";

/**
 * A UTF-8 byte order mark (EF BB BF) at the start of a file, as spreadsheet programs write it,
 * is not data: every reader reads the file exactly as without it, in strict and skipInvalid
 * modes alike (before, the native reader failed on `"\uFEFFjob_id"` in strict mode only).
 */

const BOM = "\uFEFF";
const NATIVE =
  "job_id,submit_s,workload,tasks,cpus_per_task,mem_gb_per_task,duration_s\n1,0,batch,2,1,4,10\n";
/** The same with a quote: the fast path hands the file to csv-parse. */
const NATIVE_QUOTED =
  'job_id,submit_s,workload,tasks,cpus_per_task,mem_gb_per_task,duration_s\n1,0,"batch",2,1,4,10\n';
const GOOGLE =
  "0,,200,0,11,0,u,3,9,0.25,0.125,0,0\n0,,200,0,11,1,u,3,9,0.25,0.125,0,0\n5000000,,200,0,11,4,u,3,9,0.25,0.125,0,0\n";
const SWF = "; Version: 2.2\n 1   0  -1  100   4  -1  -1  -1  -1  -1  1  1 1 -1  1  -1 -1 -1\n";
/** A BOM before a data row (no header comment) in SWF. */
const SWF_ROW_FIRST = " 1   0  -1  100   4  -1  -1  -1  -1  -1  1  1 1 -1  1  -1 -1 -1\n";
const ALIBABA = "M1,10,j_1,1,Terminated,100,160,100,0.59\n";

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "cellsim-bom-"));
});

async function fileWith(name: string, text: string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, name.endsWith(".gz") ? gzipSync(text) : text);
  return file;
}

/** What a read gives that does not depend on the file's name. */
function jobsOf(r: TraceReadResult): unknown {
  return { prefill: r.prefill, jobs: r.jobs, rows: r.rows, skipped: r.skipped };
}

const CASES: [TraceFormatName, string, string][] = [
  ["cellsim", "native.csv", NATIVE],
  ["cellsim", "native-quoted.csv", NATIVE_QUOTED],
  ["cellsim", "native.csv.gz", NATIVE],
  ["google-2011", "task_events.csv", GOOGLE],
  ["google-2011", "task_events.csv.gz", GOOGLE],
  ["swf", "log.swf", SWF],
  ["swf", "row-first.swf", SWF_ROW_FIRST],
  ["alibaba-2018", "batch_task.csv", ALIBABA],
];

describe("a UTF-8 BOM at the start of a file", () => {
  for (const [format, name, text] of CASES) {
    for (const skipInvalid of [false, true]) {
      it(`${format} ${name}, skipInvalid ${skipInvalid}: read as without it`, async () => {
        const plain = await readTrace(format, await fileWith(`plain-${name}`, text), { skipInvalid });
        const bom = await readTrace(format, await fileWith(`bom-${name}`, BOM + text), { skipInvalid });
        expect(plain.jobs.length + plain.prefill.length).toBeGreaterThan(0);
        expect(jobsOf(bom)).toEqual(jobsOf(plain));
      });
    }
  }

  for (const parser of ["fast", "csv-parse"] as NativeParser[]) {
    it(`native reader, ${parser} path: the header after a BOM is the header`, async () => {
      const kept = await readNativeKept(await fileWith(`${parser}.csv`, BOM + NATIVE), {}, parser);
      expect(kept.toTraceJobs().jobs.map((j) => [j.id, j.tasks, j.memGbPerTask])).toEqual([[1, 2, 4]]);
    });
  }

  it("google-2011 job_events after a BOM give the submit time", async () => {
    const jobEvents = await fileWith("job_events.csv", `${BOM}0,,200,0,u,3,j,l\n`);
    const tasks = await fileWith("bom-je-task_events.csv", `${BOM}${GOOGLE}`);
    const r = await readTrace("google-2011", tasks, { jobEvents: [jobEvents] });
    expect(r.skipped).toEqual({});
    expect(r.prefill.length + r.jobs.length).toBe(1);
  });

  it("a BOM elsewhere than the file's start stays data (a row starting with one is reported)", async () => {
    const header = "workload,job_id,submit_s,tasks,cpus_per_task,mem_gb_per_task,duration_s";
    const file = await fileWith("mid.csv", `${header}\nbatch,1,0,2,1,4,10\n${BOM}batch,2,0,2,1,4,10\n`);
    await expect(readTrace("cellsim", file)).rejects.toThrow(`${file}:3: expected batch or service`);
  });
});

describe("cellsim trace convert with a BOM", () => {
  beforeAll(() => requireDist(CLI_MAIN));

  it("converts a native trace with a BOM in strict mode (exit 0), as with --skip-invalid", async () => {
    const file = await fileWith("cli-bom.csv", BOM + NATIVE);
    for (const extra of [[], ["--skip-invalid"]]) {
      const r = await cellsim(["trace", "convert", file, "--out", path.join(dir, "out.csv"), ...extra], dir);
      expect(r.stderr).toContain("wrote 1 jobs");
      expect(r.code).toBe(0);
    }
  });
});
