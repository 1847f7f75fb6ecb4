import { copyFile, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { sqliteFromSql } from "../../scripts/sqlite-from-sql.mjs";
import { readTrace } from "../../src/workloads/formats.js";
import { CLI_MAIN, cellsim } from "../helpers/cli.js";
import { requireDist } from "../helpers/dist.js";

/**
 * The azure-packing-2020 format through the built CLI: an experiment run on the fixture, bad
 * databases refused with one line and exit 2, and `trace convert` to the native CSV and back.
 */

const FIXTURE = path.resolve("test/fixtures/traces/azure-packing-2020/small.sqlite");
let dir = "";

beforeAll(async () => {
  requireDist(CLI_MAIN);
  dir = await mkdtemp(path.join(tmpdir(), "cellsim-azure-cli-"));
  await copyFile(FIXTURE, path.join(dir, "packing_trace_small.sqlite"));
  await writeFile(
    path.join(dir, "text-start.sqlite"),
    await sqliteFromSql(`CREATE TABLE vmType (vmTypeId INTEGER, machineId INTEGER, core REAL, memory REAL);
      INSERT INTO vmType VALUES (10, 0, 0.25, 0.5);
      CREATE TABLE vm (vmId INTEGER, tenantId INTEGER, vmTypeId INTEGER, priority INTEGER, starttime REAL, endtime REAL);
      INSERT INTO vm VALUES (1, 1, 10, 0, 0.5, 1.0), (2, 1, 10, 0, 'yesterday', 1.0);`),
  );
});

function experiment(workload: Record<string, unknown>): string {
  return JSON.stringify({
    name: "azure",
    horizon: "4d",
    cluster: { machines: 2, cpus: 8, memGb: 32 },
    workload: { trace: "packing_trace_small.sqlite", format: "azure-packing-2020", ...workload },
    scheduling: { priorityOrder: true, preemption: true },
  });
}

/** Refused with exit 2 and one line on stderr, no stack trace. */
function expectOneLineRefusal(r: { code: number; stderr: string }, message: string): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).toContain(message);
  expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe("azure-packing-2020 through the CLI", () => {
  it("cellsim run replays the fixture; the manifest records the read's counts", async () => {
    await writeFile(path.join(dir, "azure.json"), experiment({ machineType: 0 }));
    const r = await cellsim(["run", "azure.json", "--out", "out", "--jobs", "1"], dir);
    expect(r.code, r.stderr).toBe(0);
    const manifest = JSON.parse(await readFile(path.join(dir, "out", "manifest.json"), "utf8")) as {
      inputs: { format: string; rows: number; kinds: unknown; dropped: unknown }[];
    };
    const input = manifest.inputs.find((i) => i.format === "azure-packing-2020");
    // 8 VM rows; submitted jobs 3, 4, 7 (low priority: batch) and 6 (service); 1 and 2 prefill.
    expect(input).toMatchObject({
      rows: 8,
      kinds: { batch: 3, service: 1 },
      dropped: {
        "VMs ended before the window start": 1,
        "VMs whose type has no vmType row for machine type 0": 1,
      },
    });
    const results = await readFile(path.join(dir, "out", "results.csv"), "utf8");
    expect(results.split("\n").length).toBeGreaterThan(1);
  });

  it("a bad cell, a missing table and an unknown option exit 2 with one line", async () => {
    const inspect = await cellsim(["trace", "inspect", "text-start.sqlite", "--out", "inspect-bad"], dir);
    expectOneLineRefusal(inspect, 'text-start.sqlite:vm:2: bad starttime: TEXT "yesterday"');
    expect(existsSync(path.join(dir, "inspect-bad"))).toBe(false);
    await writeFile(
      path.join(dir, "no-table.sqlite"),
      await sqliteFromSql("CREATE TABLE vm (vmId INTEGER);"),
    );
    await writeFile(path.join(dir, "no-table.json"), experiment({ trace: "no-table.sqlite" }));
    const run = await cellsim(["run", "no-table.json", "--out", "out-bad", "--jobs", "1"], dir);
    expectOneLineRefusal(run, 'no-table.sqlite: table vm has no column "vmTypeId"');
    expect(existsSync(path.join(dir, "out-bad"))).toBe(false);
    await writeFile(path.join(dir, "option.json"), experiment({ machineMemGb: 64 }));
    const option = await cellsim(["validate", "option.json"], dir);
    expectOneLineRefusal(option, "option.json: workload.machineMemGb: unknown field");
    const skipped = await cellsim(
      ["trace", "inspect", "text-start.sqlite", "--skip-invalid", "--out", "i"],
      dir,
    );
    expect(skipped.code, skipped.stderr).toBe(0);
  });

  it("trace convert (format guessed from .sqlite) writes the native CSV; reading it back gives the same jobs", async () => {
    const out = path.join(dir, "azure.csv");
    const r = await cellsim(
      [
        "trace",
        "convert",
        "packing_trace_small.sqlite",
        "--machine-cpus",
        "64",
        "--machine-mem-gb",
        "256",
        "--out",
        out,
      ],
      dir,
    );
    expect(r.code, r.stderr).toBe(0);
    const original = await readTrace("azure-packing-2020", FIXTURE, { machine: { cpus: 64, memGb: 256 } });
    const back = await readTrace("cellsim", out);
    expect(back.prefill.map((j) => j.id)).toEqual([1, 2]);
    expect(back.jobs.map((j) => j.id)).toEqual([3, 4, 6, 7]);
    // Everything survives, the VMs' priorities included (the native CSV's priority column).
    expect(back.prefill).toEqual(original.prefill);
    expect(back.jobs).toEqual(original.jobs);
    expect(back.jobs.map((j) => j.priority)).toEqual([0, 0, 1, 0]);
    const picked = await cellsim(
      ["trace", "convert", "packing_trace_small.sqlite", "--machine-type", "2", "--out", out],
      dir,
    );
    expect(picked.code, picked.stderr).toBe(0);
    // Machine type 2 runs type 13 only (VMs 4 and 7): half the default 8-CPU, 32-GB machine's CPUs, all its memory.
    // Both are low priority: JobSpec.priority 0, written in the priority column.
    const [header, ...lines] = (await readFile(out, "utf8")).trimEnd().split("\n");
    expect(header).toBe(
      "job_id,submit_s,workload,tasks,cpus_per_task,mem_gb_per_task,duration_s,prefill,priority",
    );
    expect(lines).toEqual(["4,10800,batch,1,4,32,86.4,0,0", "7,172800,batch,1,4,32,129600,0,0"]);
  });
});
