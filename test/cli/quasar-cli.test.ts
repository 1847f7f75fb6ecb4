import { existsSync } from "node:fs";
import { mkdtemp, readFile, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { CLI_MAIN, cellsim } from "../helpers/cli.js";
import { requireDist } from "../helpers/dist.js";
import { BATCH_QUARTER, POLICY_SWEEP, studyExperiment } from "../quasar/helpers.js";

/** End-to-end run of a quick Quasar-study experiment through the built CLI (fails without dist/). */

const FIGURES = [
  "perf-vs-target-sorted",
  "machine-utilization-heatmap",
  "cpu-used-allocated-reserved",
  "classification-error-and-admission",
];

/** The three-policy study's first and last points on a quarter of the batch cell, 2 seeds. */
const experiment = studyExperiment(BATCH_QUARTER, {
  name: "tiny-quasar",
  seeds: [1, 2],
  sweep: {
    "allocation,placement": [
      POLICY_SWEEP["allocation,placement"][0],
      POLICY_SWEEP["allocation,placement"][2],
    ],
  },
  figures: FIGURES,
  quick: { seeds: [2] },
});

describe("cellsim CLI on a Quasar-study experiment", () => {
  let dir = "";
  beforeAll(async () => {
    requireDist(CLI_MAIN);
    dir = await mkdtemp(path.join(tmpdir(), "cellsim-quasar-cli-"));
    await writeFile(path.join(dir, "q.json"), JSON.stringify(experiment));
  });

  it("run --quick writes results, CSV, figures and the report", async () => {
    const r = await cellsim(["run", "q.json", "--quick", "--jobs", "2"], dir);
    expect(r.code, r.stderr).toBe(0);
    const out = path.join(dir, "reports", "tiny-quasar-quick");
    expect(r.stdout.trim()).toBe(path.join("reports", "tiny-quasar-quick", "report.html"));
    const results = JSON.parse(await readFile(path.join(out, "results.json"), "utf8"));
    expect(results.runs.map((x: { runId: string }) => x.runId)).toEqual(["000-s2", "001-s2"]);
    expect(
      results.runs.map((x: { summary: { performance: { policy: string } } }) => x.summary.performance.policy),
    ).toEqual(["reservation+least-loaded", "quasar"]);
    const figures = await readdir(path.join(out, "figures"));
    for (const f of FIGURES) expect(figures).toContain(`${f}.svg`);
    const html = await readFile(path.join(out, "report.html"), "utf8");
    expect(html).toContain("Overview of the policies");
    expect(html).toContain("Performance normalized to target");
    const csv = await readFile(path.join(out, "results.csv"), "utf8");
    expect(csv.split("\n")[0]).toContain("perfVsTarget.mean");
  }, 30_000);

  it("list names the allocation policies, the placements, the typed cell presets and the quasar source", async () => {
    const r = await cellsim(["list"], dir);
    expect(r.code, r.stderr).toBe(0);
    const section = (title: string) => {
      const start = r.stdout.indexOf(`${title} (`);
      expect(start, title).toBeGreaterThanOrEqual(0);
      const end = r.stdout.indexOf("\n\n", start);
      return r.stdout.slice(start, end < 0 ? undefined : end);
    };
    const names = (title: string) =>
      section(title)
        .split("\n")
        .slice(1)
        .filter((l) => l.trim() !== "")
        .map((l) => l.trim().split(/\s+/)[0]);
    // One cluster model: the Quasar study's policies are allocations and placements, not architectures.
    expect(names("Architectures")).toEqual(["monolithic", "static-partition", "two-level", "shared-state"]);
    expect(names("Allocation policies")).toEqual(["reservation", "quasar"]);
    expect(names("Placement policies")).toEqual(expect.arrayContaining(["least-loaded", "paragon"]));
    expect(names("Presets")).toEqual([
      "google-a",
      "google-b",
      "google-c",
      "gpu-cluster",
      "quasar-large",
      "quasar-batch",
    ]);
    expect(section("Presets")).toContain("200 machines of 14 types (1,332 cores");
    expect(section("Presets")).toContain("1,200");
    expect(section("Presets")).toContain("40 machines of 4 types");
    expect(names("Workload sources")).toEqual(["quasar", "with-performance", "frameworks"]);
    expect(r.stdout).not.toContain("Reservation assignments");
  });

  it("a Quasar allocation on a homogeneous cell: one message, exit 2, nothing written", async () => {
    await writeFile(
      path.join(dir, "mixed.json"),
      JSON.stringify({
        ...experiment,
        cluster: { machines: 10, cpus: 4, memGb: 16 },
        workload: { preset: "google-c" },
      }),
    );
    const r = await cellsim(["run", "mixed.json", "--out", "out-mixed"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^cellsim: mixed\.json: allocation\.type: "quasar" sizes jobs from their predicted performance, which needs a cell with machine types/,
    );
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(existsSync(path.join(dir, "out-mixed"))).toBe(false);
  });
});
