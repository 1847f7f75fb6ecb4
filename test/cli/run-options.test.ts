import { existsSync } from "node:fs";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { CLI_MAIN, cellsim } from "../helpers/cli.js";
import { distPath, requireDist } from "../helpers/dist.js";

/** `cellsim --version`, and `cellsim run --fresh`, `--events`/`--run`, corrupt stored runs (built CLI). */

const BUILD_INFO = distPath("build-info.json");

const experiment = {
  name: "opts",
  horizon: "15m",
  seeds: [1, 2],
  cluster: { machines: 10, cpus: 4, memGb: 16 },
  workload: { preset: "google-c", rateMultiplier: 0.1 },
  prefill: { cpuFraction: 0.2 },
};

describe("cellsim run options", () => {
  let dir = "";
  const read = (file: string) => readFile(path.join(dir, file), "utf8");

  beforeAll(async () => {
    requireDist(CLI_MAIN);
    requireDist(BUILD_INFO);
    dir = await mkdtemp(path.join(tmpdir(), "cellsim-opts-"));
    await writeFile(path.join(dir, "opts.json"), JSON.stringify(experiment));
  });

  it("--version prints the version and the short build hash, exit 0", async () => {
    const info = JSON.parse(await readFile(BUILD_INFO, "utf8")) as { version: string; sha256: string };
    const r = await cellsim(["--version"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${info.version} (build ${info.sha256.slice(0, 12)})\n`);
    expect(info.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("--fresh re-runs every run; a corrupt stored run is re-run with one message", async () => {
    const first = await cellsim(["run", "opts.json", "--out", "o", "--jobs", "1"], dir);
    expect(first.code, first.stderr).toBe(0);
    const before = await read("o/results.json");

    const resumed = await cellsim(["run", "opts.json", "--out", "o", "--jobs", "1"], dir);
    expect(resumed.stderr).toContain("0 runs executed, 2 resumed");
    const fresh = await cellsim(["run", "opts.json", "--out", "o", "--jobs", "1", "--fresh"], dir);
    expect(fresh.code, fresh.stderr).toBe(0);
    expect(fresh.stderr).toContain("2 runs executed, 0 resumed");
    expect(await read("o/results.json")).toBe(before);

    const stored = await read("o/runs/000-s2.json");
    await writeFile(path.join(dir, "o/runs/000-s2.json"), stored.replace(/"events": \d+/, '"events": 3'));
    const repaired = await cellsim(["run", "opts.json", "--out", "o", "--jobs", "1"], dir);
    expect(repaired.code, repaired.stderr).toBe(0);
    const notes = repaired.stderr.split("\n").filter((l) => l.includes("corrupt"));
    expect(notes).toEqual(["cellsim: runs/000-s2.json is corrupt (content hash mismatch); re-running it"]);
    expect(repaired.stderr).toContain("1 runs executed, 1 resumed");
    expect(await read("o/results.json")).toBe(before);
  });

  it("--events writes the chosen run's log: valid JSON lines, one per event of the run", async () => {
    const r = await cellsim(
      ["run", "opts.json", "--out", "e", "--events", "log.jsonl", "--run", "000-s2"],
      dir,
    );
    expect(r.code, r.stderr).toBe(0);
    const results = JSON.parse(await read("e/results.json"));
    const events = results.runs.find((x: { runId: string }) => x.runId === "000-s2").summary.events;
    const lines = (await read("log.jsonl")).trimEnd().split("\n");
    expect(lines).toHaveLength(events);
    const first = JSON.parse(lines[0]!);
    expect(Object.keys(first).slice(0, 4)).toEqual(["t", "kind", "a", "b"]);
    expect(r.stderr).toContain(`event log of run 000-s2 (${events} events) written to log.jsonl`);
  });

  it("--events without --run on several runs: exit 2 naming the run ids, nothing written", async () => {
    const r = await cellsim(["run", "opts.json", "--out", "none", "--events", "x.jsonl"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "cellsim: --events: the experiment has 2 runs; pick one with --run: 000-s1, 000-s2\n",
    );
    const unknown = await cellsim(
      ["run", "opts.json", "--out", "none", "--events", "x.jsonl", "--run", "9"],
      dir,
    );
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--run: no run "9" in this experiment; expected one of 000-s1, 000-s2');
    expect(existsSync(path.join(dir, "none"))).toBe(false);
    expect(existsSync(path.join(dir, "x.jsonl"))).toBe(false);
  });
});
