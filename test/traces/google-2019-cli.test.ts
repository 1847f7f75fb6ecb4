import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { JobSpec } from "../../src/cluster/job.js";
import { readCellsim } from "../../src/workloads/traces/cellsim.js";
import { readGoogle2019 } from "../../src/workloads/traces/google-2019.js";
import { CLI_MAIN, cellsim } from "../helpers/cli.js";
import { requireDist } from "../helpers/dist.js";

/**
 * google-2019 through the built CLI: `trace inspect`, `trace convert` to the native CSV (with
 * its `priority` column) and back, `run` on an experiment reading the fixture (with its machine_events as
 * failures.events), and bad input (exit 2, one message naming file:line).
 */

const DIR = path.resolve("test/fixtures/traces/google-2019");
const INSTANCES = path.join(DIR, "instance_events.json");
const COLLECTIONS = path.join(DIR, "collection_events.json");
let tmp = "";

describe("google-2019 through the CLI", () => {
  beforeAll(async () => {
    requireDist(CLI_MAIN);
    tmp = await mkdtemp(path.join(tmpdir(), "cellsim-g2019-"));
    await cp(DIR, path.join(tmp, "traces"), { recursive: true });
  });

  it("trace inspect: format guessed from the name, collection events given", async () => {
    const r = await cellsim(
      ["trace", "inspect", INSTANCES, "--collection-events", COLLECTIONS, "--out", path.join(tmp, "inspect")],
      tmp,
    );
    expect(r.code, r.stderr).toBe(0);
    // batch: 200, 700, 800 (3 + 1 + 1 tasks); service: 100 (prefill, 2 tasks), 300, 500 (1 + 2).
    expect(r.stdout).toMatch(/batch +3 jobs \(0 prefill\), 5 tasks/);
    expect(r.stdout).toMatch(/service +3 jobs \(1 prefill\), 5 tasks/);
  });

  it("trace convert → native CSV and back: the same jobs, priorities included (dependencies are not a native column)", async () => {
    const out = path.join(tmp, "g2019.csv");
    const r = await cellsim(
      [
        "trace",
        "convert",
        INSTANCES,
        "--format",
        "google-2019",
        "--collection-events",
        COLLECTIONS,
        "--out",
        out,
      ],
      tmp,
    );
    expect(r.code, r.stderr).toBe(0);
    const original = await readGoogle2019(INSTANCES, { collectionEvents: [COLLECTIONS] });
    const back = await readCellsim(out);
    const carried = (j: JobSpec) => ({
      id: j.id,
      submitUs: j.submitUs,
      kind: j.kind,
      tasks: j.tasks,
      cpusPerTask: j.cpusPerTask,
      memGbPerTask: j.memGbPerTask,
      durationUs: j.durationUs,
      prefill: j.prefill,
      priority: j.priority,
    });
    expect(back.prefill.map(carried)).toEqual(original.prefill.map(carried));
    expect(back.jobs.map(carried)).toEqual(original.jobs.map(carried));
  });

  it("run: an experiment on the fixture (paths relative to it), its machine_events as failures.events", async () => {
    const experiment = {
      name: "g2019",
      horizon: "40m",
      seeds: [1],
      cluster: { machines: 20, cpus: 8, memGb: 32 },
      workload: {
        trace: "traces/instance_events.json",
        format: "google-2019",
        collectionEvents: "traces/collection_events.json",
      },
      failures: { events: { path: "traces/machine_events.csv", format: "google-2019" } },
    };
    await writeFile(path.join(tmp, "g2019.json"), JSON.stringify(experiment));
    // Run from another folder: the paths resolve against the experiment file's.
    const r = await cellsim(
      ["run", path.join(tmp, "g2019.json"), "--out", path.join(tmp, "out"), "--jobs", "1"],
      DIR,
    );
    expect(r.code, r.stderr).toBe(0);
    const results = JSON.parse(await readFile(path.join(tmp, "out", "results.json"), "utf8"));
    const summary = results.runs[0].summary;
    // Machine 3 (trace 44) absent until 1300 s, machine 1 (trace 22) removed at 900 s.
    expect(summary.failures.machineFailures).toBe(2);
    expect(summary.frameworks.byFramework[0]).toMatchObject({ name: "google-2019", appsSubmitted: 1 });
  });

  it("bad input: exit 2, one message naming file:line, nothing written", async () => {
    const bad = path.join(tmp, "instance_events.csv");
    const header = (await readFile(path.join(DIR, "instance_events.csv"), "utf8")).split("\n")[0];
    await writeFile(bad, `${header}\n0,0,1,0,200,2,0,0.1,0.1\n0,3,1,zero,200,2,0,0.1,0.1\n`);
    const out = path.join(tmp, "bad.csv");
    const r = await cellsim(["trace", "convert", bad, "--out", out], tmp);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad}:3: bad instance_index: "zero"`);
    expect(r.stderr).not.toMatch(/\n +at /);
    await expect(readFile(out)).rejects.toThrow();
  });
});
