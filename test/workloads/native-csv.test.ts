import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RngFactory } from "../../src/engine/rng.js";
import { US_PER_HOUR } from "../../src/engine/time.js";
import { readNativeTrace, writeNativeTrace } from "../../src/workloads/native-csv.js";
import { TRACE_FORMATS } from "../../src/workloads/formats.js";
import { generatePrefill } from "../../src/workloads/prefill.js";
import { getPreset } from "../../src/workloads/presets.js";
import { makeSyntheticWorkload } from "../../src/workloads/synthetic.js";
import { drain, smallSpec } from "./helpers.js";

const HEADER = "job_id,submit_s,workload,tasks,cpus_per_task,mem_gb_per_task,duration_s,prefill";
let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cellsim-native-csv-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function fixture(name: string, lines: string[]): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, lines.join("\n") + "\n");
  return path;
}

describe("readNativeTrace", () => {
  it("reads rows, separates prefill, sorts by (submit, id)", async () => {
    const path = await fixture("ok.csv", [
      HEADER,
      "5,2.5,batch,10,0.5,1,60,0",
      "3,1,service,2,1,4,3600,false",
      "4,1,batch,1,0.25,0.5,0.000001,0",
      "0,0,service,3,1,2,86400,1",
    ]);
    const { prefill, jobs } = await readNativeTrace(path);
    expect(prefill).toEqual([
      {
        id: 0,
        submitUs: 0,
        kind: "service",
        tasks: 3,
        cpusPerTask: 1,
        memGbPerTask: 2,
        durationUs: 86_400e6,
        prefill: true,
      },
    ]);
    expect(jobs.map((j) => [j.id, j.submitUs])).toEqual([
      [3, 1e6],
      [4, 1e6],
      [5, 2.5e6],
    ]);
    expect(jobs[1]?.durationUs).toBe(1);
  });

  it("accepts columns in any order and no prefill column", async () => {
    const path = await fixture("reordered.csv", [
      "workload,job_id,tasks,submit_s,duration_s,cpus_per_task,mem_gb_per_task",
      "batch,1,4,3,10,1,2",
    ]);
    const { jobs } = await readNativeTrace(path);
    expect(jobs).toEqual([
      {
        id: 1,
        submitUs: 3e6,
        kind: "batch",
        tasks: 4,
        cpusPerTask: 1,
        memGbPerTask: 2,
        durationUs: 10e6,
        prefill: false,
      },
    ]);
  });

  it("applies the window [from, to), shifts by from, and compresses by the rate multiplier", async () => {
    const rows = [1, 2, 3, 4, 5].map((s) => `${s},${s * 10},batch,1,1,1,5,0`);
    const path = await fixture("window.csv", [HEADER, ...rows, "9,99,service,1,1,1,5,0"]);
    const { jobs } = await readNativeTrace(path, { fromUs: 20e6, toUs: 50e6, rateMultiplier: { batch: 2 } });
    expect(jobs.map((j) => [j.id, j.submitUs])).toEqual([
      [2, 0],
      [3, 5e6],
      [4, 10e6],
    ]);
    const none = await readNativeTrace(path, { rateMultiplier: { service: 0 } });
    expect(none.jobs.some((j) => j.kind === "service")).toBe(false);
  });

  it("reads gzipped files", async () => {
    const path = join(dir, "z.csv.gz");
    await writeFile(path, gzipSync(`${HEADER}\n1,1,batch,1,1,1,1,0\n`));
    expect((await readNativeTrace(path)).jobs).toHaveLength(1);
  });

  const bad: [string, string[], RegExp][] = [
    [
      "missing column",
      ["job_id,submit_s,workload,tasks,cpus_per_task,duration_s"],
      /:1: bad header: missing column\(s\) mem_gb_per_task/,
    ],
    ["unknown column", [`${HEADER},weight`], /:1: bad header: unknown column "weight"/],
    [
      "bad workload",
      [HEADER, "1,1,batch,1,1,1,1,0", "2,1,prod,1,1,1,1,0"],
      /:3: expected batch or service, got "prod" \(column workload\)/,
    ],
    [
      "tasks not integer",
      [HEADER, "1,1,batch,1.5,1,1,1,0"],
      /:2: expected a positive integer, got "1.5" \(column tasks\)/,
    ],
    ["tasks zero", [HEADER, "1,1,batch,0,1,1,1,0"], /:2: expected a positive integer.*column tasks/],
    [
      "negative cpus",
      [HEADER, "1,1,batch,1,-1,1,1,0"],
      /:2: expected a finite number ≥ 0, got "-1" \(column cpus_per_task\)/,
    ],
    ["empty mem", [HEADER, "1,1,batch,1,1,,1,0"], /:2: .*column mem_gb_per_task/],
    ["nan submit", [HEADER, "1,abc,batch,1,1,1,1,0"], /:2: .*got "abc" \(column submit_s\)/],
    ["zero duration", [HEADER, "1,1,batch,1,1,1,0,0"], /:2: expected a duration > 0.*column duration_s/],
    [
      "bad prefill",
      [HEADER, "1,1,batch,1,1,1,1,yes"],
      /:2: expected 0, 1, true or false, got "yes" \(column prefill\)/,
    ],
    [
      "duplicate id",
      [HEADER, "1,1,batch,1,1,1,1,0", "", "1,2,batch,1,1,1,1,0"],
      /:4: duplicate job_id, got "1" \(column job_id\)/,
    ],
    ["short row", [HEADER, "1,1,batch,1,1,1"], /:2: expected 8 columns, got 6/],
    ["unclosed quote", [HEADER, '1,1,"batch,1,1,1,1,0'], /bad-unclosed quote\.csv:\d+: malformed CSV/],
  ];
  for (const [what, lines, message] of bad) {
    it(`rejects ${what} with file:line`, async () => {
      const path = await fixture(`bad-${what}.csv`, lines);
      const err = await readNativeTrace(path).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Error);
      expect((err as Error).name).toBe("InputError");
      expect((err as Error).message).toContain(path);
      expect((err as Error).message).toMatch(message);
    });
  }

  it("missing file and empty file", async () => {
    const missing = join(dir, "nope.csv");
    await expect(readNativeTrace(missing)).rejects.toThrow(`${missing}: file not found`);
    await expect(readNativeTrace(await fixture("empty.csv", []))).rejects.toThrow(/empty file/);
  });

  it("is registered as the cellsim trace format", async () => {
    const header = "job_id,submit_s,workload,tasks,cpus_per_task,mem_gb_per_task,duration_s";
    const file = await fixture("registered.csv", [header, "7,1.5,service,2,0.5,1,60"]);
    const viaRegistry = await TRACE_FORMATS.cellsim.read(file, {});
    expect(viaRegistry.jobs).toEqual((await readNativeTrace(file)).jobs);
  });
});

describe("writeNativeTrace", () => {
  it("round-trips a synthetic workload with prefill bit-identically", async () => {
    const p = getPreset("google-c");
    const rng = new RngFactory(11);
    const prefill = generatePrefill(p.workload.kinds, p.prefill, 2_000, rng);
    const horizonUs = 2 * US_PER_HOUR;
    const opts = { horizonUs, firstId: prefill.length, prefill };
    const path = join(dir, "roundtrip.csv");
    const rows = await writeNativeTrace(path, makeSyntheticWorkload(p.workload, rng, opts), horizonUs);
    const expected = drain(makeSyntheticWorkload(p.workload, new RngFactory(11), opts));
    const back = await readNativeTrace(path);
    expect(rows).toBe(prefill.length + expected.length);
    expect(back.prefill).toEqual(prefill);
    expect(back.jobs).toEqual(expected);
    expect((await readdir(dir)).some((f) => f.endsWith(".tmp"))).toBe(false);
  });

  it("round-trips gzipped and honours the horizon", async () => {
    const path = join(dir, "rt.csv.gz");
    const w = makeSyntheticWorkload(smallSpec(), new RngFactory(3), {
      horizonUs: 1e12,
      firstId: 0,
      prefill: [],
    });
    await writeNativeTrace(path, w, 600e6);
    const back = await readNativeTrace(path);
    const expected = drain(
      makeSyntheticWorkload(smallSpec(), new RngFactory(3), { horizonUs: 600e6, firstId: 0, prefill: [] }),
    );
    expect(back.jobs).toEqual(expected);
    expect((await readFile(path)).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
  });
});
