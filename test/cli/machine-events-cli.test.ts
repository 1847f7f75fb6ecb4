import { existsSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { CLI_MAIN, cellsim } from "../helpers/cli.js";
import { requireDist } from "../helpers/dist.js";

/**
 * `failures.events` through the built CLI: a native machine-events CSV beside the experiment
 * drives machines down and up in every run; a bad file stops `validate` and `run` with one
 * message naming file:line, exit 2, nothing written.
 */

const FIXTURE = path.resolve("test/fixtures/traces/machine-events/down-up.csv");
/** down-up.csv has three `down` rows (machines 3, 1, 2), all before the horizon. */
const DOWN_ROWS = 3;

const experiment = (machines: number) => ({
  name: "events",
  horizon: "30m",
  seeds: [1, 2],
  cluster: { machines, cpus: 4, memGb: 16 },
  workload: { preset: "google-c" },
  prefill: { cpuFraction: 0.3 },
  failures: { events: { path: "events/down-up.csv", format: "cellsim" } },
});

let dir = "";

describe("failures.events through the CLI", () => {
  beforeAll(async () => {
    requireDist(CLI_MAIN);
    dir = await mkdtemp(path.join(tmpdir(), "cellsim-machine-events-"));
    await mkdir(path.join(dir, "events"));
    await copyFile(FIXTURE, path.join(dir, "events", "down-up.csv"));
  });

  it("takes down the machines the file names: machineFailures = the file's down rows", async () => {
    await writeFile(path.join(dir, "ok.json"), JSON.stringify(experiment(20)));
    // Two jobs: the runs read the file on worker threads.
    const r = await cellsim(["run", "ok.json", "--out", "out-ok", "--jobs", "2"], dir);
    expect(r.code, r.stderr).toBe(0);
    const results = JSON.parse(await readFile(path.join(dir, "out-ok", "results.json"), "utf8"));
    expect(results.runs).toHaveLength(2);
    for (const run of results.runs) {
      const failures = run.summary.failures;
      expect(failures.machineFailures).toBe(DOWN_ROWS);
      expect(failures.domainFailures).toBe(0);
      // Down 450 s (machine 3) + 600 s (machine 1) + 300 s (machine 2).
      expect(failures.machineDownSec).toBe(1350);
    }
    const manifest = JSON.parse(await readFile(path.join(dir, "out-ok", "manifest.json"), "utf8"));
    const input = manifest.inputs.find((i: { path: string }) => i.path === "events/down-up.csv");
    expect(input).toMatchObject({ format: "cellsim", machineEvents: 6 });
  });

  it("resume re-runs the runs when the file changes", async () => {
    const file = path.join(dir, "events", "down-up.csv");
    const rows = (await readFile(file, "utf8")).trimEnd().split("\n");
    await writeFile(path.join(dir, "edit.json"), JSON.stringify(experiment(20)));
    const run = async () => {
      const r = await cellsim(["run", "edit.json", "--out", "out-edit", "--jobs", "1"], dir);
      expect(r.code, r.stderr).toBe(0);
      const results = JSON.parse(await readFile(path.join(dir, "out-edit", "results.json"), "utf8"));
      return results.runs[0].summary.failures.machineFailures as number;
    };
    expect(await run()).toBe(DOWN_ROWS);
    try {
      // Without machine 2's down period (the last two rows).
      await writeFile(file, `${rows.slice(0, -2).join("\n")}\n`);
      expect(await run()).toBe(DOWN_ROWS - 1);
    } finally {
      await writeFile(file, `${rows.join("\n")}\n`);
    }
  });

  it("a machine the cell does not have: one message naming file:line, exit 2, nothing written", async () => {
    await writeFile(path.join(dir, "small.json"), JSON.stringify(experiment(3)));
    const expected =
      "cellsim: small.json: failures.events: events/down-up.csv:2: unknown machine 3: the cell has machines 0–2 (column machine)\n";
    for (const args of [["validate"], ["run", "--out", "out-small", "--jobs", "1"]]) {
      const [command, ...rest] = args as [string, ...string[]];
      const r = await cellsim([command, "small.json", ...rest], dir);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toBe(expected);
    }
    expect(existsSync(path.join(dir, "out-small"))).toBe(false);
  });

  it("a missing file names the field and the path", async () => {
    const missing = { ...experiment(20), failures: { events: { path: "no.csv", format: "cellsim" } } };
    await writeFile(path.join(dir, "missing.json"), JSON.stringify(missing));
    const r = await cellsim(["validate", "missing.json"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("cellsim: missing.json: failures.events.path: file not found: no.csv\n");
  });
});
