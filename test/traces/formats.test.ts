import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/engine/errors.js";
import { checkTraces } from "../../src/experiment/inputs.js";
import { planFromJson } from "../../src/experiment/plan.js";
import { readTrace, TRACE_FORMAT_NAMES } from "../../src/workloads/formats.js";
import { writeNativeTrace } from "../../src/workloads/native-csv.js";
import { columnsOfJobs } from "../../src/workloads/native-columns.js";
import { workloadFromList } from "../../src/workloads/source.js";
import type { TraceWorkloadSpec } from "../../src/workloads/spec.js";

/** The format registry, the native format's skipInvalid, conversion, and the experiment layer. */

const GOOGLE = "traces/google-2011-sample/task_events-*.csv.gz";

async function tempFile(name: string, text: string): Promise<string> {
  const file = path.join(await mkdtemp(path.join(tmpdir(), "cellsim-fmt-")), name);
  await writeFile(file, text);
  return file;
}

describe("trace formats", () => {
  it("registers the formats, the first four in their original order", () => {
    expect(TRACE_FORMAT_NAMES.slice(0, 4)).toEqual(["cellsim", "google-2011", "swf", "alibaba-2018"]);
    expect(TRACE_FORMAT_NAMES).toContain("google-2019");
    expect(TRACE_FORMAT_NAMES).toContain("alibaba-pai-2020");
    expect(TRACE_FORMAT_NAMES).toContain("azure-packing-2020");
  });

  it("converting to the native CSV and reading it back gives the same jobs", async () => {
    const google = await readTrace("google-2011", GOOGLE);
    const out = path.join(await mkdtemp(path.join(tmpdir(), "cellsim-conv-")), "g.csv.gz");
    const list = workloadFromList(google.prefill, google.jobs);
    const columns = columnsOfJobs(google.prefill, google.jobs);
    expect(columns).toEqual({ gpus: false, priority: true, gang: false });
    await writeNativeTrace(out, list, Number.POSITIVE_INFINITY, columns);
    const back = await readTrace("cellsim", out);
    // Priorities included (the priority column).
    expect(back.prefill).toStrictEqual(google.prefill);
    expect(back.jobs).toStrictEqual(google.jobs);
  });

  it("native CSV: skipInvalid counts rows by reason, prefill rows stay at 0", async () => {
    const file = await tempFile(
      "n.csv",
      "job_id,submit_s,workload,tasks,cpus_per_task,mem_gb_per_task,duration_s,prefill\n" +
        "1,0,service,2,1,2,100,1\n2,5,batch,1,1,1,10,0\n3,6,bach,1,1,1,10,0\n4,7,batch,0,1,1,10,0\n",
    );
    await expect(readTrace("cellsim", file)).rejects.toThrow(`${file}:4: expected batch or service`);
    const r = await readTrace("cellsim", file, { skipInvalid: true });
    expect(r.skipped).toEqual({
      "expected batch or service (column workload)": 1,
      "expected a positive integer (column tasks)": 1,
    });
    expect([r.prefill.map((j) => j.id), r.jobs.map((j) => j.id)]).toEqual([[1], [2]]);
  });
});

describe("trace workloads in experiment files", () => {
  const experiment = (workload: Record<string, unknown>) => ({
    name: "t",
    horizon: "1h",
    cluster: { machines: 10, cpus: 4, memGb: 16 },
    workload,
  });

  it("accepts each format's options and rejects another format's", () => {
    const ok = planFromJson(
      experiment({ trace: GOOGLE, format: "google-2011", taskDuration: "max", skipInvalid: true }),
      "x.json",
    );
    expect(ok.runs[0]?.config.workload).toMatchObject({ type: "trace", format: "google-2011" });
    const keep = planFromJson(
      experiment({ trace: GOOGLE, format: "google-2011", keepTaskEvents: true }),
      "x.json",
    );
    expect(keep.runs[0]?.config.workload).toMatchObject({ options: { keepTaskEvents: true } });
    const queues = planFromJson(
      experiment({ trace: "a.swf", format: "swf", queuePriorities: { "0": 10, "1": 2 } }),
      "x.json",
    );
    expect(queues.runs[0]?.config.workload).toMatchObject({
      options: { queuePriorities: { "0": 10, "1": 2 } },
    });
    expect(() =>
      planFromJson(experiment({ trace: "a.swf", format: "swf", keepTaskEvents: true }), "x.json"),
    ).toThrow("x.json: workload.keepTaskEvents: unknown field");
    expect(() =>
      planFromJson(experiment({ trace: "a.swf", format: "swf", taskDuration: "max" }), "x.json"),
    ).toThrow("x.json: workload.taskDuration: unknown field");
    expect(() => planFromJson(experiment({ trace: "a", format: "pbs" }), "x.json")).toThrow(
      /workload.format: unknown trace format "pbs": expected one of cellsim\|google-2011\|swf\|alibaba-2018\|google-2019\|alibaba-pai-2020\|azure-packing-2020/,
    );
  });

  it("checkTraces hashes every shard of a glob and records the reader's counts", async () => {
    const spec: TraceWorkloadSpec = {
      type: "trace",
      path: GOOGLE,
      format: "google-2011",
      rateMultiplier: { batch: 1, service: 1 },
    };
    const [entry] = await checkTraces([{ config: { workload: spec } }], "x.json");
    expect(entry?.files).toEqual([
      "traces/google-2011-sample/task_events-part-00000-of-00500.csv.gz",
      "traces/google-2011-sample/task_events-part-00001-of-00500.csv.gz",
    ]);
    expect(entry?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(entry?.rows).toBe(3536);
    expect(entry?.dropped).toBeDefined();
    const bad = {
      ...spec,
      path: "test/fixtures/traces/alibaba-2018/bad.csv",
      format: "alibaba-2018" as const,
    };
    await expect(checkTraces([{ config: { workload: bad } }], "x.json")).rejects.toThrow(InputError);
    const skipping = { ...bad, options: { skipInvalid: true } };
    const [counted] = await checkTraces([{ config: { workload: skipping } }], "x.json");
    expect(counted?.skipped).toEqual({ "end_time before start_time": 1, "expected 9 columns": 1 });
  });
});
