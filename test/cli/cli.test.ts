import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { CLI_MAIN, cellsim } from "../helpers/cli.js";
import { requireDist } from "../helpers/dist.js";

/** End-to-end tests of the built CLI (`npm test` builds first; fails without dist/). */

const experiment = {
  name: "tiny",
  horizon: "20m",
  seeds: [1, 2],
  cluster: { machines: 20, cpus: 4, memGb: 16 },
  workload: { preset: "google-c" },
  prefill: { cpuFraction: 0.3 },
  sweep: { "architecture.decisionTime.*.perJob": ["0.1s", "2s"] },
  figures: ["wait-vs-decision-time"],
};

describe("cellsim CLI", () => {
  let dir = "";
  beforeAll(async () => {
    requireDist(CLI_MAIN);
    dir = await mkdtemp(path.join(tmpdir(), "cellsim-cli-"));
    await writeFile(path.join(dir, "tiny.json"), JSON.stringify(experiment));
  });

  it("validate prints the expanded runs", async () => {
    const r = await cellsim(["validate", "tiny.json"], dir);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toContain("4 runs (2 sweep points × 2 seeds)");
    expect(lines.slice(2).map((l) => l.split("\t")[0])).toEqual(["000-s1", "000-s2", "001-s1", "001-s2"]);
    expect(lines[4]).toBe('001-s1\t1\t{"architecture.decisionTime.*.perJob":"2s"}');
  });

  it("bad input: one clear message, exit 2, nothing written", async () => {
    const bad = {
      ...experiment,
      architecture: { type: "monolithic", decisionTime: { batch: { perJb: 1 } } },
    };
    await writeFile(path.join(dir, "bad.json"), JSON.stringify(bad));
    const r = await cellsim(["run", "bad.json", "--out", "out-bad"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("cellsim: bad.json: architecture.decisionTime.batch.perJb: unknown field\n");
    expect(existsSync(path.join(dir, "out-bad"))).toBe(false);
  });

  it("a missing trace leaves no output folder", async () => {
    const bad = {
      ...experiment,
      sweep: undefined,
      figures: [],
      prefill: undefined,
      workload: { trace: "no.csv", format: "cellsim" },
    };
    await writeFile(path.join(dir, "notrace.json"), JSON.stringify(bad));
    const r = await cellsim(["run", "notrace.json", "--out", "out-notrace"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^cellsim: notrace\.json: workload\.trace: file not found: no\.csv\n$/);
    expect(existsSync(path.join(dir, "out-notrace"))).toBe(false);
  });

  it("a bad unit and a malformed trace row: one message naming the field or file:line, exit 2", async () => {
    await writeFile(path.join(dir, "unit.json"), JSON.stringify({ ...experiment, horizon: "7days" }));
    const unit = await cellsim(["run", "unit.json", "--out", "out-unit"], dir);
    expect(unit.code).toBe(2);
    expect(unit.stderr).toMatch(/^cellsim: unit\.json: horizon: bad duration "7days".*\n$/);
    expect(existsSync(path.join(dir, "out-unit"))).toBe(false);

    const header = "job_id,submit_s,workload,tasks,cpus_per_task,mem_gb_per_task,duration_s\n";
    await writeFile(path.join(dir, "bad.csv"), header + "1,0,batch,2,1,2,10\n2,5,batch,two,1,2,10\n");
    const trace = { ...experiment, sweep: undefined, figures: [], prefill: undefined };
    await writeFile(
      path.join(dir, "badrow.json"),
      JSON.stringify({ ...trace, workload: { trace: "bad.csv", format: "cellsim" } }),
    );
    const row = await cellsim(["run", "badrow.json", "--out", "out-badrow"], dir);
    expect(row.code).toBe(2);
    expect(row.stderr.trim().split("\n")).toHaveLength(1);
    expect(row.stderr).toContain("bad.csv:3:");
    expect(existsSync(path.join(dir, "out-badrow"))).toBe(false);
  });

  it("unknown options are usage errors (exit 2)", async () => {
    const r = await cellsim(["validate", "tiny.json", "--bogus"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Unknown argument: bogus");
  });

  it("run: results identical for --jobs 1 and 2, report written, resume skips", async () => {
    const one = await cellsim(["run", "tiny.json", "--out", "o1", "--jobs", "1"], dir);
    expect(one.code, one.stderr).toBe(0);
    expect(one.stdout.trim()).toBe(path.join("o1", "report.html"));
    const two = await cellsim(["run", "tiny.json", "--out", "o2", "--jobs", "2"], dir);
    expect(two.code, two.stderr).toBe(0);
    const [a, b] = await Promise.all(
      ["o1", "o2"].map((o) => readFile(path.join(dir, o, "results.json"), "utf8")),
    );
    expect(a).toBe(b);
    // Same experiment run twice (with different worker counts): the charts are byte-identical too.
    for (const file of [
      "results.csv",
      "figures/wait-vs-decision-time.svg",
      "figures/wait-vs-decision-time.vl.json",
    ]) {
      const [x, y] = await Promise.all(["o1", "o2"].map((o) => readFile(path.join(dir, o, file), "utf8")));
      expect(x, file).toBe(y);
    }
    expect(existsSync(path.join(dir, "o1", "report.html"))).toBe(true);
    const again = await cellsim(["run", "tiny.json", "--out", "o1"], dir);
    expect(again.stderr).toContain("0 runs executed, 4 resumed");
  });

  it("trace generate writes the jobs a run sees: replaying them gives the same summary", async () => {
    const syn = { ...experiment, seeds: [3], sweep: undefined, figures: [] };
    await writeFile(path.join(dir, "syn.json"), JSON.stringify(syn));
    const gen = await cellsim(["trace", "generate", "syn.json", "--out", "syn.csv"], dir);
    expect(gen.code, gen.stderr).toBe(0);
    const replay = {
      ...syn,
      name: "replay",
      prefill: undefined,
      workload: { trace: "syn.csv", format: "cellsim" },
    };
    await writeFile(path.join(dir, "replay.json"), JSON.stringify(replay));
    for (const name of ["syn", "replay"]) {
      const r = await cellsim(["run", `${name}.json`, "--out", `o-${name}`, "--jobs", "1"], dir);
      expect(r.code, r.stderr).toBe(0);
    }
    const read = async (o: string) => JSON.parse(await readFile(path.join(dir, o, "results.json"), "utf8"));
    const [s, t] = [await read("o-syn"), await read("o-replay")];
    // Byte-identical: the serialized summaries (every metric, in the same key order) are equal.
    expect(JSON.stringify(t.runs[0].summary)).toBe(JSON.stringify(s.runs[0].summary));
  });

  it("list names every registry", async () => {
    const r = await cellsim(["list"], dir);
    expect(r.code).toBe(0);
    for (const title of ["Architectures", "Placement policies", "Presets", "Figure kinds", "Trace formats"]) {
      expect(r.stdout).toContain(title);
    }
    expect(r.stdout).toContain("random-first-fit");
  });

  it("report re-renders from a results folder, and names a folder without results", async () => {
    const r = await cellsim(["report", "o1"], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(path.join("o1", "report.html"));
    const plain = readFileSync(path.join(dir, "o1", "report.html"), "utf8");
    expect(plain).not.toContain("<script");
    const rich = await cellsim(["report", "o1", "--interactive"], dir);
    expect(rich.code, rich.stderr).toBe(0);
    expect(readFileSync(path.join(dir, "o1", "report.html"), "utf8")).toContain('id="cellsim-specs"');
    const missing = await cellsim(["report", "nowhere"], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("nowhere: no results.json here");
  });
});
