import { readFileSync } from "node:fs";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import type { JobSpec } from "../../src/cluster/job.js";
import { InputError } from "../../src/engine/errors.js";
import { planFromJson } from "../../src/experiment/plan.js";
import { readTrace } from "../../src/workloads/formats.js";
import { MISSING_PARENT } from "../../src/workloads/traces/google-2019-deps.js";
import { readGoogle2019 } from "../../src/workloads/traces/google-2019.js";
import type { Google2019ReadOptions } from "../../src/workloads/traces/types.js";

/**
 * The google-2019 reader on its hand-made fixture (test/fixtures/traces/google-2019/README.md
 * lists the collections; not real trace data). Every expected value is worked out from the
 * rows beside it; times in the fixture are whole seconds (S = 10^6 µs). Default machine: 1.0 =
 * 8 CPUs, 32 GB.
 */

const DIR = "test/fixtures/traces/google-2019";
const S = 1_000_000;
const csv = (table: string) => `${DIR}/${table}.csv`;
const json = (table: string) => `${DIR}/${table}.json`;
const NO_RUN = "jobs with no task run in the window";
const ALLOC = "alloc sets (collection_type 1: reservations, not jobs)";

function read(ext: "csv" | "json", opts: Google2019ReadOptions = {}) {
  const file = ext === "csv" ? csv : json;
  return readGoogle2019(file("instance_events"), { collectionEvents: [file("collection_events")], ...opts });
}

const byId = (list: readonly JobSpec[], id: number): JobSpec => {
  const job = list.find((j) => j.id === id);
  if (!job) throw new Error(`no job ${id}`);
  return job;
};

describe("google-2019 reader on the fixture", () => {
  it("counts: 1 prefill job (2 tasks), 5 submitted (8 tasks); alloc set, unscheduled job and 2 dependencies left out", async () => {
    const r = await read("csv");
    expect(r.rows).toBe(41); // 42 lines, one header
    expect(r.files).toEqual([csv("collection_events"), csv("instance_events")]);
    expect(r.prefill.map((j) => [j.id, j.tasks])).toEqual([[100, 2]]);
    expect(r.jobs.map((j) => [j.id, j.tasks])).toEqual([
      [200, 3],
      [300, 1],
      [500, 2],
      [700, 1],
      [800, 1],
    ]);
    expect(r.skipped).toEqual({});
    // 400 is an alloc set; 600 was QUEUEd, ENABLEd and KILLed without a SCHEDULE; 700's parent
    // 999 is not in the trace and 800's parent 100 runs across the window start (prefill).
    expect(r.dropped).toEqual({ [ALLOC]: 1, [NO_RUN]: 1, [MISSING_PARENT]: 2 });
  });

  it("resources, durations, kinds and priorities of every job", async () => {
    const r = await read("csv");
    // 100: running since before the window (time 0); instance 0 FINISHes at 1200 s, instance 1
    // is still running at the last in-window row (1400 s; its FINISH is "after the trace"):
    // residual mean (1200 + 1400) / 2 = 1300 s. Priority 200 (production) → service.
    expect(byId(r.prefill, 100)).toEqual({
      id: 100,
      kind: "service",
      cpusPerTask: 2, // 0.25 × 8
      memGbPerTask: 4, // 0.125 × 32
      submitUs: 0,
      tasks: 2,
      durationUs: 1300 * S,
      prefill: true,
      priority: 200,
    });
    const plain = (id: number) => {
      const { fw: _fw, ...job } = byId(r.jobs, id);
      return job;
    };
    // 200: runs 710→770, 710→800, and 710→740 (FAIL) + 750→810: 60, 90, 90 s → mean 80 s.
    // Priority 25 (free tier), class 0 → batch.
    expect(plain(200)).toEqual({
      id: 200,
      kind: "batch",
      cpusPerTask: 1,
      memGbPerTask: 2,
      submitUs: 700 * S,
      tasks: 3,
      durationUs: 80 * S,
      prefill: false,
      priority: 25,
    });
    // 300: collection SUBMIT 800 s (its instance's SUBMIT says 805 s); 820 → KILL 1000 s = 180 s.
    // Priority 115 (best-effort batch) but class 3 → service.
    expect(plain(300)).toMatchObject({
      kind: "service",
      submitUs: 800 * S,
      durationUs: 180 * S,
      priority: 115,
    });
    expect([plain(300).cpusPerTask, plain(300).memGbPerTask]).toEqual([4, 8]);
    // 500: 1000→1100, and 1000→1050 (EVICT) + 1060→1110: 100 s each. Priority 360 (monitoring) → service.
    expect(plain(500)).toMatchObject({
      kind: "service",
      submitUs: 900 * S,
      durationUs: 100 * S,
      priority: 360,
    });
    expect([plain(500).cpusPerTask, plain(500).memGbPerTask]).toEqual([0.5, 1]);
    // 700: 1120 → 1300 s. Priority 119 (mid tier), class 2 → batch.
    expect(plain(700)).toMatchObject({
      kind: "batch",
      submitUs: 1000 * S,
      durationUs: 180 * S,
      priority: 119,
    });
    expect([plain(700).cpusPerTask, plain(700).memGbPerTask]).toEqual([3, 16]);
    // 800: 1010 → LOST 1020 s. Priority 0, class 0 → batch; 0.1 × 8 CPUs, 0.2 × 32 GB.
    expect(plain(800)).toMatchObject({ kind: "batch", submitUs: 1000 * S, durationUs: 10 * S, priority: 0 });
    expect([plain(800).cpusPerTask, plain(800).memGbPerTask]).toEqual([0.8, 6.4]);
  });

  it("start_after_collection_ids: 200 → 500 → 700 is one application; dependencies outside it ignored", async () => {
    const r = await read("csv");
    // Critical path from 200's submit (700 s): 200 runs 0–80 s; 500 from its submit (200 s)
    // to 300 s; 700 from its submit (300 s), when 500 also ends, to 480 s.
    const app = { framework: "google-2019", app: 200, appJobs: 3, appSubmitUs: 700 * S, aloneUs: 480 * S };
    expect(byId(r.jobs, 200).fw).toEqual(app);
    expect(byId(r.jobs, 500).fw).toEqual({ ...app, after: [200] });
    expect(byId(r.jobs, 700).fw).toEqual({ ...app, after: [500] });
    expect(byId(r.jobs, 300).fw).toBeUndefined();
    expect(byId(r.jobs, 800).fw).toBeUndefined(); // its parent 100 is a prefill job
    const off = await read("csv", { dependencies: false });
    expect(off.jobs.every((j) => j.fw === undefined)).toBe(true);
    expect(off.dropped[MISSING_PARENT]).toBeUndefined();
  });

  it("CSV and JSON lines give identical jobs and counts", async () => {
    const [a, b] = await Promise.all([read("csv"), read("json")]);
    expect(b.prefill).toEqual(a.prefill);
    expect(b.jobs).toEqual(a.jobs);
    expect([b.rows, b.dropped, b.skipped]).toEqual([a.rows, a.dropped, a.skipped]);
  });

  it("without collection_events: submits from the instances, no dependencies, alloc set still known", async () => {
    const r = await readGoogle2019(csv("instance_events"));
    expect(byId(r.jobs, 300).submitUs).toBe(805 * S);
    expect(r.jobs.every((j) => j.fw === undefined)).toBe(true);
    expect(r.dropped).toEqual({ [ALLOC]: 1, [NO_RUN]: 1 });
  });

  it("a window: from 750 s makes 200's running tasks the prefill; to 1050 s censors 500 there", async () => {
    const r = await read("csv", { fromUs: 750 * S, toUs: 1050 * S });
    // At 750 s tasks 0 and 1 of 200 run (to 770, 800) and task 2 was re-SCHEDULEd at 750 (≤ the
    // start counts as running there; to 810): residual mean (20 + 50 + 60) / 3 s.
    expect(byId(r.prefill, 200)).toMatchObject({ tasks: 3, durationUs: Math.round((130 * S) / 3) });
    // 500 SCHEDULEd at 1000 s, both instances censored at 1050 s; submit shifted by 750 s.
    expect(byId(r.jobs, 500)).toMatchObject({ submitUs: 150 * S, durationUs: 50 * S });
    // 500's parent 200 is now a prefill job: ignored like any parent outside the submitted jobs.
    expect(byId(r.jobs, 500).fw).toBeUndefined();
    expect(r.jobs.map((j) => j.id)).toEqual([300, 500, 800]); // 700 SCHEDULEs at 1120 s
  });

  it("options: machine size, service rule, task duration rule", async () => {
    const r = await read("json", {
      machine: { cpus: 16, memGb: 64 },
      service: { minPriority: 400, schedulingClasses: [] },
      taskDuration: "max",
    });
    expect(byId(r.jobs, 200)).toMatchObject({ cpusPerTask: 2, memGbPerTask: 4, durationUs: 90 * S });
    expect(r.jobs.map((j) => j.kind)).toEqual(["batch", "batch", "batch", "batch", "batch"]);
  });

  it("experiment files: its options (a single collectionEvents path becomes a list); another format's option is an error", () => {
    const experiment = (workload: Record<string, unknown>) => ({
      name: "t",
      horizon: "1h",
      cluster: { machines: 10, cpus: 8, memGb: 32 },
      workload: { trace: "ie.csv", format: "google-2019", ...workload },
    });
    const plan = planFromJson(
      experiment({ collectionEvents: "ce-*.csv", dependencies: false, service: { minPriority: 360 } }),
      "x.json",
    );
    expect(plan.runs[0]?.config.workload).toMatchObject({
      type: "trace",
      format: "google-2019",
      options: { collectionEvents: ["ce-*.csv"], dependencies: false, service: { minPriority: 360 } },
    });
    expect(() => planFromJson(experiment({ jobEvents: "je.csv" }), "x.json")).toThrow(
      "x.json: workload.jobEvents: unknown field",
    );
  });

  it("is registered as a trace format", async () => {
    const r = await readTrace("google-2019", json("instance_events"), {
      collectionEvents: [json("collection_events")],
    });
    expect(r.jobs).toHaveLength(5);
  });
});

describe("google-2019 reader: bad and unusual input", () => {
  async function tmpFile(name: string, text: string | Buffer): Promise<string> {
    const dir = await mkdtemp(path.join(tmpdir(), "g2019-"));
    const file = path.join(dir, name);
    await writeFile(file, text);
    return file;
  }
  const header = readFileSync(csv("instance_events"), "utf8").split("\n")[0] as string;

  it("a malformed CSV row names file:line", async () => {
    const file = await tmpFile(
      "instance_events.csv",
      `${header}\n0,0,1,0,200,2,0,0.1,0.1\n0,11,1,0,200,2,0,0.1,0.1\n`,
    );
    await expect(readGoogle2019(file)).rejects.toThrow(`${file}:3: bad type: "11" (expected 0–10)`);
    await expect(readGoogle2019(file)).rejects.toBeInstanceOf(InputError);
    const skipped = await readGoogle2019(file, { skipInvalid: true });
    expect(skipped.skipped).toEqual({ "bad type": 1 });
  });

  it("a malformed JSON row names file:line and the field", async () => {
    const good = (await readFile(json("instance_events"), "utf8")).split("\n")[0] as string;
    const file = await tmpFile(
      "ie.json",
      `${good}\n${good.replace('"cpus":0.25', '"cpus":"lots"')}\n{"time":\n`,
    );
    await expect(readGoogle2019(file)).rejects.toThrow(`${file}:2: bad resource_request.cpus: "lots"`);
    const skipped = await readGoogle2019(file, { skipInvalid: true });
    expect(skipped.skipped).toEqual({ "bad resource_request.cpus": 1, "not valid JSON": 1 });
  });

  it("a header without a needed column, an empty file, rows out of time order", async () => {
    const noCpus = await tmpFile("a.csv", `${header.replace("resource_request_cpus", "cpus")}\n`);
    await expect(readGoogle2019(noCpus)).rejects.toThrow(
      `${noCpus}:1: instance_events header has no column "resource_request_cpus"`,
    );
    const empty = await tmpFile("b.csv", `${header}\n`);
    await expect(readGoogle2019(empty)).rejects.toThrow("no instance_events rows (empty file)");
    const late = await tmpFile("c.csv", `${header}\n5,0,1,0,200,2,0,0.1,0.1\n4,0,1,0,200,2,0,0.1,0.1\n`);
    await expect(readGoogle2019(late)).rejects.toThrow(
      `${late}:3: time earlier than the previous row's: 4 < 5`,
    );
  });

  it("columns in any order, dotted names, extra columns, quoted fields, gzip", async () => {
    const lines = (await readFile(csv("instance_events"), "utf8")).trim().split("\n");
    const names = header.split(",");
    const order = [...names.keys()].reverse();
    const shuffled = lines.map((line, k) => {
      const f = line.split(",");
      const cols = order.map((i) => (k === 0 ? (f[i] as string).replace("_cpus", ".cpus") : f[i]));
      return [...cols, k === 0 ? "user" : '"a, b"'].join(",");
    });
    const file = await tmpFile("ie.csv.gz", gzipSync(`${shuffled.join("\n")}\n`));
    const r = await readGoogle2019(file, { collectionEvents: [csv("collection_events")] });
    expect(r.jobs).toEqual((await read("csv")).jobs);
  });
});

describe("google-2019 censoring", () => {
  it("lists job 100 (one instance running since before the window, never ending) as censored", async () => {
    const read = await readGoogle2019(`${DIR}/instance_events.csv`, {
      collectionEvents: [`${DIR}/collection_events.csv`],
    });
    expect(read.censoredJobs).toEqual([100]);
  });
});
