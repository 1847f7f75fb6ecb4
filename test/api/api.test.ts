import { existsSync } from "node:fs";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runExperiment, simulate } from "../../src/api.js";
import { jsonText } from "../../src/experiment/files.js";
import { silentProgress } from "../../src/experiment/progress.js";
import { distPath, requireDist } from "../helpers/dist.js";

/**
 * The public API's two ways to run: `simulate` in this process, nothing written, and
 * `runExperiment` as `cellsim run` does it (worker threads, output folder, report). They must
 * agree byte for byte on results.json.
 */

const experiment = {
  name: "api",
  horizon: "30m",
  seeds: [1, 2],
  cluster: { machines: 30, cpus: 4, memGb: 16 },
  workload: { preset: "google-c" },
  prefill: { cpuFraction: 0.4 },
  sweep: { architecture: [{ type: "monolithic" }, { type: "shared-state", schedulers: { batch: 2 } }] },
  figures: ["utilization-over-time"],
};

describe("public API", () => {
  it("simulate() returns exactly the results.json that runExperiment() writes on worker threads", async () => {
    requireDist(distPath("src/experiment/worker.js"));
    const dir = await mkdtemp(path.join(tmpdir(), "cellsim-api-"));
    const inMemory = await simulate(experiment);
    const out = path.join(dir, "out");
    const result = await runExperiment(experiment, { outDir: out, jobs: 2, progress: silentProgress });
    expect(result.executor).toBe("workers");
    expect(await readFile(path.join(out, "results.json"), "utf8")).toBe(jsonText(inMemory));
    expect(existsSync(result.reportPath!)).toBe(true);
  });

  it("runExperiment() takes a file, resumes, and re-runs everything with fresh", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "cellsim-api-file-"));
    const file = path.join(dir, "api.json");
    await writeFile(file, JSON.stringify({ ...experiment, seeds: [1] }));
    const out = path.join(dir, "out");
    const first = await runExperiment(file, {
      outDir: out,
      jobs: 1,
      report: false,
      progress: silentProgress,
    });
    expect(first.executed).toHaveLength(2);
    expect(first.reportPath).toBeUndefined();
    const again = await runExperiment(file, {
      outDir: out,
      jobs: 1,
      report: false,
      progress: silentProgress,
    });
    expect(again.skipped).toHaveLength(2);
    const fresh = await runExperiment(file, {
      outDir: out,
      jobs: 1,
      report: false,
      fresh: true,
      progress: silentProgress,
    });
    expect(fresh.executed).toHaveLength(2);
  });
});
