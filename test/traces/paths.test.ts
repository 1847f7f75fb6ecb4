import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { formatOf, tracePaths } from "../../src/cli/commands/trace-args.js";
import { traceInputs } from "../../src/cli/commands/trace-shards.js";
import { InputError } from "../../src/engine/errors.js";
import { checkTraces } from "../../src/experiment/inputs.js";
import { planFromJson } from "../../src/experiment/plan.js";
import { readTraceWorkload } from "../../src/experiment/load-workload.js";
import { expandTracePaths, isGlob } from "../../src/workloads/traces/paths.js";
import type { TraceWorkloadSpec } from "../../src/workloads/spec.js";

/**
 * Trace paths: standard globs anywhere in the path (tinyglobby), lists of paths and globs, the
 * shard grouping of `trace inspect` arguments, and lists in experiment files.
 *
 * The folder built below:
 *   d/a/part-1.csv  d/a/part-2.csv  d/a/part-3.csv  d/a/part-7.csv  d/a/x.csv
 *   d/b/part-4.csv  d/b/deep/part-5.csv  d/run(1).csv
 */
let d: string;
const rel = (files: string[]): string[] => files.map((f) => path.relative(d, f));

beforeAll(async () => {
  d = await mkdtemp(path.join(tmpdir(), "cellsim-paths-"));
  await mkdir(path.join(d, "a"));
  await mkdir(path.join(d, "b", "deep"), { recursive: true });
  for (const f of ["a/part-7.csv", "a/part-1.csv", "a/part-3.csv", "a/part-2.csv", "a/x.csv"])
    await writeFile(path.join(d, f), "");
  for (const f of ["b/part-4.csv", "b/deep/part-5.csv", "run(1).csv"]) await writeFile(path.join(d, f), "");
});

describe("expandTracePaths", () => {
  it("* and ? in the file name, matches sorted by name", () => {
    expect(rel(expandTracePaths(`${d}/a/part-*.csv`))).toEqual([
      "a/part-1.csv",
      "a/part-2.csv",
      "a/part-3.csv",
      "a/part-7.csv",
    ]);
    expect(rel(expandTracePaths(`${d}/a/?.csv`))).toEqual(["a/x.csv"]);
  });

  it("[2-5] ranges and {a,b} alternatives", () => {
    expect(rel(expandTracePaths(`${d}/a/part-[2-5].csv`))).toEqual(["a/part-2.csv", "a/part-3.csv"]);
    expect(rel(expandTracePaths(`${d}/a/part-{7,1}.csv`))).toEqual(["a/part-1.csv", "a/part-7.csv"]);
  });

  it("globs in folder names and ** across folders", () => {
    expect(rel(expandTracePaths(`${d}/*/part-4.csv`))).toEqual(["b/part-4.csv"]);
    expect(rel(expandTracePaths(`${d}/**/part-[4-5].csv`))).toEqual(["b/deep/part-5.csv", "b/part-4.csv"]);
    expect(rel(expandTracePaths(`${d}/{a,b}/part-[3-4].csv`))).toEqual(["a/part-3.csv", "b/part-4.csv"]);
  });

  it("keeps the prefix as written (relative globs stay relative)", () => {
    const here = path.relative(process.cwd(), d);
    expect(expandTracePaths(`${here}/a/part-[12].csv`)).toEqual([
      path.join(here, "a/part-1.csv"),
      path.join(here, "a/part-2.csv"),
    ]);
  });

  it("plain paths stay as given, in input order, mixed with globs", () => {
    expect(rel(expandTracePaths([`${d}/a/part-7.csv`, `${d}/a/part-[12].csv`, `${d}/a/x.csv`]))).toEqual([
      "a/part-7.csv",
      "a/part-1.csv",
      "a/part-2.csv",
      "a/x.csv",
    ]);
    expect(expandTracePaths("no/such/file.csv")).toEqual(["no/such/file.csv"]);
  });

  it("an existing file whose name looks like a glob is that file", () => {
    expect(isGlob(`${d}/run(1).csv`)).toBe(false);
    expect(rel(expandTracePaths(`${d}/run(1).csv`))).toEqual(["run(1).csv"]);
  });

  it("no match is an InputError naming the pattern", () => {
    expect(() => expandTracePaths(`${d}/a/part-[89].csv`)).toThrow(InputError);
    expect(() => expandTracePaths(`${d}/a/part-[89].csv`)).toThrow(`${d}/a/part-[89].csv: no file matches`);
    expect(() => expandTracePaths([])).toThrow("no trace files given");
  });
});

describe("CLI trace arguments", () => {
  it("comma lists split, except inside a glob's braces", () => {
    expect(tracePaths("a.csv,b.csv")).toEqual(["a.csv", "b.csv"]);
    expect(tracePaths("x-{a,b}.csv")).toBe("x-{a,b}.csv");
    expect(tracePaths("x-{a,b}.csv,y.csv")).toEqual(["x-{a,b}.csv", "y.csv"]);
  });

  it("shards of one trace (a shell-expanded glob) become one trace, other arguments stay apart", () => {
    const guess = (p: string): string => formatOf(p, undefined);
    const args = [
      "g/task_events-part-00001-of-00500.csv.gz",
      "g/task_events-part-00000-of-00500.csv.gz",
      "g/task_events-part-00002-of-00500.csv.gz",
      "other/task_events-part-00003-of-00500.csv.gz", // another folder
      "n/trace.csv",
      "n/trace-2.csv", // not a sibling: differs in more than one digit run
      "q/events-000000000000.json",
      "q/events-000000000001.json",
    ];
    expect(traceInputs(args, guess)).toEqual([
      {
        label: "g/task_events-part-*-of-00500.csv.gz",
        paths: [
          "g/task_events-part-00000-of-00500.csv.gz",
          "g/task_events-part-00001-of-00500.csv.gz",
          "g/task_events-part-00002-of-00500.csv.gz",
        ],
      },
      {
        label: "other/task_events-part-00003-of-00500.csv.gz",
        paths: "other/task_events-part-00003-of-00500.csv.gz",
      },
      { label: "n/trace.csv", paths: "n/trace.csv" },
      { label: "n/trace-2.csv", paths: "n/trace-2.csv" },
      { label: "q/events-*.json", paths: ["q/events-000000000000.json", "q/events-000000000001.json"] },
    ]);
  });

  it("shards stay apart when their formats differ, and globs and comma lists are never grouped", () => {
    const guess = (p: string): string => formatOf(p, undefined);
    expect(traceInputs(["t/log-1.swf", "t/log-2.csv"], guess).map((t) => t.label)).toEqual([
      "t/log-1.swf",
      "t/log-2.csv",
    ]);
    expect(traceInputs(["t/a-1*.csv", "t/a-2*.csv", "t/b-1.csv,t/b-2.csv"], guess)).toEqual([
      { label: "t/a-1*.csv", paths: "t/a-1*.csv" },
      { label: "t/a-2*.csv", paths: "t/a-2*.csv" },
      { label: "t/b-1.csv,t/b-2.csv", paths: ["t/b-1.csv", "t/b-2.csv"] },
    ]);
  });
});

describe("experiment files: workload.trace as a list", () => {
  const SAMPLE = "traces/google-2011-sample";
  const experiment = (trace: string | string[]) => ({
    name: "list",
    horizon: "1h",
    cluster: { machines: 2, cpus: 4, memGb: 16 },
    workload: { trace, format: "google-2011" },
  });
  const resolveHere = (p: string): string => p;

  it("a list of a plain path and a glob reads the same jobs as one glob", async () => {
    const list = [
      `${SAMPLE}/task_events-part-00000-of-00500.csv.gz`,
      `${SAMPLE}/task_events-part-0000[1]-of-?????.csv.gz`,
    ];
    const fromList = planFromJson(experiment(list), "x.json", {}, resolveHere).runs[0]?.config.workload;
    const fromGlob = planFromJson(experiment(`${SAMPLE}/task_events-*.csv.gz`), "x.json", {}, resolveHere)
      .runs[0]?.config.workload;
    expect((fromList as TraceWorkloadSpec).path).toEqual(list);
    const a = await readTraceWorkload(fromList as TraceWorkloadSpec);
    const b = await readTraceWorkload(fromGlob as TraceWorkloadSpec);
    expect(a.files).toEqual(b.files);
    expect(a.jobs).toEqual(b.jobs);
    const [entry] = await checkTraces([{ config: { workload: fromList as TraceWorkloadSpec } }], "x.json");
    expect(entry?.path).toBe(list.join(", "));
    expect(entry?.files).toEqual(b.files);
  });

  it("relative list entries resolve against the experiment file's folder", () => {
    const spec = planFromJson(experiment(["a.csv", "b/*.csv"]), "x.json", {}, (p) => path.join("exp", p))
      .runs[0]?.config.workload as TraceWorkloadSpec;
    expect(spec.path).toEqual([path.join("exp", "a.csv"), path.join("exp", "b/*.csv")]);
  });

  it("an empty list or an empty entry is a schema error", () => {
    expect(() => planFromJson(experiment([]), "x.json", {}, resolveHere)).toThrow(/workload\.trace/);
    expect(() => planFromJson(experiment(["a", ""]), "x.json", {}, resolveHere)).toThrow(/workload\.trace/);
  });
});
