import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { JobSpec } from "../../src/cluster/job.js";
import { RngFactory } from "../../src/engine/rng.js";
import { US_PER_HOUR } from "../../src/engine/time.js";
import { convert, generate } from "../../src/cli/commands/trace-write.js";
import { readTrace } from "../../src/workloads/formats.js";
import { columnsOfJobs, columnsOfKinds } from "../../src/workloads/native-columns.js";
import { readNativeKept, readNativeTrace, writeNativeTrace } from "../../src/workloads/native-csv.js";
import { generatePrefill } from "../../src/workloads/prefill.js";
import { getPreset } from "../../src/workloads/presets.js";
import { workloadFromList } from "../../src/workloads/source.js";
import { makeSyntheticWorkload } from "../../src/workloads/synthetic.js";
import { drain } from "./helpers.js";

/**
 * The native CSV's optional columns `gpus_per_task`, `priority` and `gang`: read by both parsers,
 * written only when a job needs them, and round-tripped through `trace generate` and `convert`.
 */

const FIXTURE = "test/fixtures/traces/cellsim/gpu-columns.csv";
const OLD_HEADER = "job_id,submit_s,workload,tasks,cpus_per_task,mem_gb_per_task,duration_s,prefill";

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cellsim-native-columns-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function fixture(name: string, lines: string[]): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, `${lines.join("\n")}\n`);
  return path;
}

const job = (id: number, submitUs: number, rest: Partial<JobSpec>): JobSpec => ({
  id,
  submitUs,
  kind: "batch",
  tasks: 1,
  cpusPerTask: 1,
  memGbPerTask: 2,
  durationUs: 100e6,
  prefill: false,
  ...rest,
});

describe("native CSV optional columns: reading", () => {
  // Hand-checked from the fixture: 2 prefill rows, 4 submitted; GPUs 1, 1, 0.5, 0.25 (0 = none);
  // priorities 200, 100, 360 (empty = none); gangs: jobs 2 and 3.
  const prefill: JobSpec[] = [
    job(1, 0, {
      kind: "service",
      tasks: 2,
      cpusPerTask: 4,
      memGbPerTask: 16,
      durationUs: 86400e6,
      prefill: true,
      priority: 200,
    }),
    job(2, 0, {
      tasks: 4,
      cpusPerTask: 8,
      memGbPerTask: 64,
      durationUs: 1800e6,
      prefill: true,
      gang: true,
      resources: { gpus: 1 },
    }),
  ];
  const jobs: JobSpec[] = [
    job(3, 10e6, {
      tasks: 8,
      cpusPerTask: 8,
      memGbPerTask: 64,
      durationUs: 3600e6,
      priority: 100,
      gang: true,
      resources: { gpus: 1 },
    }),
    job(4, 12.5e6, {
      kind: "service",
      cpusPerTask: 2,
      memGbPerTask: 8,
      durationUs: 600e6,
      priority: 360,
      resources: { gpus: 0.5 },
    }),
    job(5, 30e6, { cpusPerTask: 6, memGbPerTask: 29.3, durationUs: 45.5e6, resources: { gpus: 0.25 } }),
    job(6, 60e6, { tasks: 2 }),
  ];

  for (const parser of ["fast", "csv-parse"] as const) {
    it(`reads GPUs, priority and gang (${parser})`, async () => {
      const read = (await readNativeKept(FIXTURE, {}, parser)).toTraceJobs();
      expect(read.prefill).toStrictEqual(prefill);
      expect(read.jobs).toStrictEqual(jobs);
    });
  }

  it("reads them with skipInvalid too, in any column order", async () => {
    const text = (await readFile(FIXTURE, "utf8")).trim().split("\n");
    const cells = text.map((l) => l.split(","));
    const reversed = cells.map((c) => [...c.slice(7).reverse(), ...c.slice(0, 7)].join(","));
    const path = await fixture("reversed.csv", reversed);
    const read = await readTrace("cellsim", path, { skipInvalid: true });
    expect(read.prefill).toStrictEqual(prefill);
    expect(read.jobs).toStrictEqual(jobs);
  });

  it("an old file (no such columns) reads without resources, priority or gang keys", async () => {
    const path = await fixture("old.csv", [OLD_HEADER, "6,60,batch,2,1,2,100,0"]);
    expect((await readNativeTrace(path)).jobs).toStrictEqual([job(6, 60e6, { tasks: 2 })]);
  });

  const bad: [string, string, RegExp][] = [
    ["gpus_per_task", "-0.5", /:3: expected a finite number ≥ 0, got "-0.5" \(column gpus_per_task\)/],
    ["gpus_per_task", "half", /:3: expected a finite number ≥ 0, got "half" \(column gpus_per_task\)/],
    ["priority", "2.5", /:3: expected an integer, got "2.5" \(column priority\)/],
    ["gang", "2", /:3: expected 0, 1, true or false, got "2" \(column gang\)/],
  ];
  for (const [column, value, message] of bad) {
    it(`rejects ${column} ${value} with file:line`, async () => {
      const header = `${OLD_HEADER},${column}`;
      const path = await fixture(`bad-${column}.csv`, [
        header,
        "1,1,batch,1,1,1,1,0,1",
        `2,1,batch,1,1,1,1,0,${value}`,
      ]);
      for (const parser of ["fast", "csv-parse"] as const) {
        const err = await readNativeKept(path, {}, parser).catch((e: unknown) => e);
        expect((err as Error).name).toBe("InputError");
        expect((err as Error).message).toContain(path);
        expect((err as Error).message).toMatch(message);
      }
    });
  }
});

describe("native CSV optional columns: writing", () => {
  it("round-trips the gpu-cluster preset (GPUs, gangs, prefill) to the same JobSpecs", async () => {
    const p = getPreset("gpu-cluster");
    const rng = new RngFactory(5);
    const prefill = generatePrefill(p.workload.kinds, p.prefill, 2_000, rng);
    const horizonUs = 2 * US_PER_HOUR;
    const opts = { horizonUs, firstId: prefill.length, prefill };
    const columns = columnsOfKinds("gpu-cluster", p.workload.kinds);
    expect(columns).toEqual({ gpus: true, priority: false, gang: true });
    const path = join(dir, "gpu.csv");
    await writeNativeTrace(path, makeSyntheticWorkload(p.workload, rng, opts), horizonUs, columns);
    const expected = drain(makeSyntheticWorkload(p.workload, new RngFactory(5), opts));
    const back = await readNativeTrace(path);
    expect(back.prefill).toStrictEqual(prefill);
    expect(back.jobs).toStrictEqual(expected);
    // The draws did give fractional GPUs and gangs.
    expect(expected.some((j) => (j.resources?.gpus ?? 0) % 1 !== 0)).toBe(true);
    expect(expected.some((j) => j.gang === true)).toBe(true);
  });

  it("trace generate writes the columns for gpu-cluster and the old header for google-c", async () => {
    const gpu = join(dir, "gen-gpu.csv");
    await generate({ source: "gpu-cluster", out: gpu, horizon: "10m", ignoreBudget: false });
    const [gpuHeader] = (await readFile(gpu, "utf8")).split("\n");
    expect(gpuHeader).toBe(`${OLD_HEADER},gpus_per_task,gang`);
    const plain = join(dir, "gen-google-c.csv");
    await generate({ source: "google-c", out: plain, horizon: "10m", ignoreBudget: false });
    expect((await readFile(plain, "utf8")).split("\n")[0]).toBe(OLD_HEADER);
  });

  it("trace convert of a native file with the columns writes the identical file", async () => {
    const out = join(dir, "converted.csv");
    await convert({ trace: FIXTURE, out, format: "cellsim" });
    expect(await readFile(out, "utf8")).toBe(await readFile(FIXTURE, "utf8"));
  });

  it("writes priority empty where a job has none, and only the columns needed", async () => {
    const list = [job(1, 0, { priority: 3 }), job(2, 1e6, {})];
    expect(columnsOfJobs(list)).toEqual({ gpus: false, priority: true, gang: false });
    const path = join(dir, "prio.csv");
    await writeNativeTrace(path, workloadFromList([], list), Infinity, columnsOfJobs(list));
    expect(await readFile(path, "utf8")).toBe(
      `${OLD_HEADER},priority\n1,0,batch,1,1,2,100,0,3\n2,1,batch,1,1,2,100,0,\n`,
    );
  });

  it("refuses a resource it has no column for, leaving no file", async () => {
    const kinds = { batch: { ...getPreset("gpu-cluster").workload.kinds.batch, resources: { ssdGb: 1 } } };
    expect(() => columnsOfKinds("x.json", kinds as never)).toThrow(
      /x\.json: workload\.synthetic\.batch\.resources\.ssdGb: the native trace format has a column for GPUs only/,
    );
    const list = [job(1, 0, { resources: { ssdGb: 20 } })];
    for (const name of ["ssd.csv", "ssd.csv.gz"]) {
      const write = writeNativeTrace(
        join(dir, name),
        workloadFromList([], list),
        Infinity,
        columnsOfJobs(list),
      );
      await expect(write).rejects.toThrow(
        new RegExp(`${name}: job 1: resources\\.ssdGb: the native trace format has a column for GPUs only`),
      );
    }
    expect((await readdir(dir)).filter((f) => f.startsWith("ssd"))).toEqual([]);
  });
});
