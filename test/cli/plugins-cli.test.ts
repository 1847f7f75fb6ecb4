import { existsSync } from "node:fs";
import { appendFile, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { CLI_MAIN, cellsim } from "../helpers/cli.js";
import { distPath, requireDist } from "../helpers/dist.js";

/**
 * Plug-ins through the built CLI: loaded in every worker thread (`--jobs 2` equals `--jobs 1`,
 * which runs in the CLI's own process, byte for byte), hashed into the resume keys (editing one re-runs everything that used it),
 * listed by `cellsim list --plugin`, their figure kinds drawn by `run` and `report`.
 */

const experiment = {
  name: "plugged",
  horizon: "15m",
  seeds: [1, 2],
  plugins: ["./demo.mjs"],
  cluster: { machines: 20, cpus: 4, memGb: 16 },
  workload: { source: "fixed-jobs", jobs: 40, tasks: 4, everySec: 15 },
  sweep: { architecture: [{ type: "split-queues" }, { type: "shared-state" }] },
  figures: ["jobs-per-run"],
};

describe("plug-ins through the CLI", () => {
  let dir = "";
  beforeAll(async () => {
    requireDist(CLI_MAIN);
    dir = await mkdtemp(path.join(tmpdir(), "cellsim-plugins-"));
    // The fixture plug-in, with its import pointed at this build (as `cellsim` would resolve).
    const source = await readFile(new URL("../plugins/fixtures/demo-plugin.mjs", import.meta.url), "utf8");
    const api = pathToFileURL(distPath("src/index.js")).href;
    await writeFile(path.join(dir, "demo.mjs"), source.replace("../../../dist/src/index.js", api));
    await writeFile(path.join(dir, "plugged.json"), JSON.stringify(experiment));
  });

  it("gives byte-identical results in this process (--jobs 1) and on 2 worker threads, and draws the plug-in's figure", async () => {
    const one = await cellsim(["run", "plugged.json", "--jobs", "1", "--out", "a"], dir);
    expect(one.stderr).toContain("4 runs executed, 0 resumed");
    const two = await cellsim(["run", "plugged.json", "--jobs", "2", "--out", "b"], dir);
    expect(two.code).toBe(0);
    const [a, b] = await Promise.all(
      ["a", "b"].map((o) => readFile(path.join(dir, o, "results.json"), "utf8")),
    );
    expect(a).toBe(b);
    expect(existsSync(path.join(dir, "a", "figures", "jobs-per-run.svg"))).toBe(true);
    const manifest = JSON.parse(await readFile(path.join(dir, "a", "manifest.json"), "utf8")) as {
      plugins: { path: string; sha256: string }[];
    };
    expect(manifest.plugins.map((p) => path.basename(p.path))).toEqual(["demo.mjs"]);
    expect(manifest.plugins[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    // The report names the plug-in and its hash beside the other inputs.
    const html = await readFile(path.join(dir, "a", "report.html"), "utf8");
    expect(html).toMatch(/plug-ins<\/dt>\s*<dd>[^<]*demo\.mjs \(sha256 [0-9a-f]{12}…\)/);
    // `cellsim report` finds the plug-in's figure kind through the manifest.
    const report = await cellsim(["report", "a"], dir);
    expect(report.code).toBe(0);
  });

  it("resumes while the plug-in is unchanged, re-runs every run after it is edited", async () => {
    await cellsim(["run", "plugged.json", "--jobs", "1", "--out", "c"], dir);
    const again = await cellsim(["run", "plugged.json", "--jobs", "1", "--out", "c"], dir);
    expect(again.stderr).toContain("0 runs executed, 4 resumed");
    await appendFile(path.join(dir, "demo.mjs"), "\n// edited\n");
    const edited = await cellsim(["run", "plugged.json", "--jobs", "1", "--out", "c"], dir);
    expect(edited.stderr).toContain("4 runs executed, 0 resumed");
  });

  it("lists a plug-in's entries with --plugin, marked with their file", async () => {
    const r = await cellsim(["list", "--plugin", "demo.mjs"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /split-queues +one FIFO scheduler per workload kind on the live cell +\[plug-in: .*demo\.mjs\]/,
    );
    expect(r.stdout).toMatch(/Workload sources \(workload\.source\):\n(?:.*\n)*? +fixed-jobs/);
    const plain = await cellsim(["list"], dir);
    expect(plain.stdout).not.toContain("split-queues");
  });

  it("loads plug-ins named on the command line; a bad one is one message, exit 2", async () => {
    const { plugins: _p, ...bare } = experiment;
    await writeFile(path.join(dir, "bare.json"), JSON.stringify({ ...bare, name: "bare", seeds: [1] }));
    const ok = await cellsim(["validate", "bare.json", "--plugin", "demo.mjs"], dir);
    expect(ok.code).toBe(0);
    const missing = await cellsim(["validate", "bare.json", "--plugin", "nope.mjs"], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`cellsim: ${path.join(dir, "nope.mjs")}: cannot read the plug-in (ENOENT)\n`);
    const unknown = await cellsim(["validate", "bare.json"], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('workload.source: unknown workload source "fixed-jobs"');
  });

  it("a plug-in that loads here but fails in the worker threads: one message, exit 2, nothing written", async () => {
    const api = pathToFileURL(distPath("src/index.js")).href;
    const source = [
      'import { isMainThread } from "node:worker_threads";',
      `import { definePlugin, InputError } from ${JSON.stringify(api)};`,
      'if (!isMainThread) throw new InputError("fussy.mjs: refuses to load in a worker");',
      "export default definePlugin({});",
    ].join("\n");
    await writeFile(path.join(dir, "fussy.mjs"), source);
    const { plugins: _p, ...bare } = experiment;
    await writeFile(
      path.join(dir, "fussy.json"),
      JSON.stringify({ ...bare, name: "fussy", plugins: ["./demo.mjs", "./fussy.mjs"] }),
    );
    // --jobs 2: with one run at a time the runs execute in this process, with no worker to fail.
    const r = await cellsim(["run", "fussy.json", "--jobs", "2", "--out", "fussy-out"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^cellsim: \d+ runs\ncellsim: .*fussy\.mjs: the plug-in failed to load: fussy\.mjs: refuses to load in a worker\n$/,
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(path.join(dir, "fussy-out"))).toBe(false);
  });

  it("hashes the files a plug-in workload source reads: editing one re-runs, a missing one is bad input", async () => {
    await writeFile(path.join(dir, "jobs.txt"), "0 2 30\n5 3 60\n10 1 20\n");
    const { plugins: _p, sweep: _s, workload: _w, ...rest } = experiment;
    const fileExperiment = {
      ...rest,
      name: "files",
      plugins: ["./demo.mjs"],
      workload: { source: "file-jobs", file: "jobs.txt" },
    };
    await writeFile(path.join(dir, "files.json"), JSON.stringify(fileExperiment));
    const first = await cellsim(["run", "files.json", "--jobs", "1", "--out", "f"], dir);
    expect(first.stderr).toContain("2 runs executed, 0 resumed");
    const manifest = JSON.parse(await readFile(path.join(dir, "f", "manifest.json"), "utf8")) as {
      inputs: { path: string; source?: string }[];
    };
    expect(manifest.inputs.find((i) => i.source === "file-jobs")?.path).toBe(path.join(dir, "jobs.txt"));
    expect((await cellsim(["run", "files.json", "--jobs", "1", "--out", "f"], dir)).stderr).toContain(
      "0 runs executed, 2 resumed",
    );
    await appendFile(path.join(dir, "jobs.txt"), "20 1 10\n");
    expect((await cellsim(["run", "files.json", "--jobs", "1", "--out", "f"], dir)).stderr).toContain(
      "2 runs executed, 0 resumed",
    );
    await writeFile(
      path.join(dir, "nofile.json"),
      JSON.stringify({ ...fileExperiment, workload: { source: "file-jobs", file: "nope.txt" } }),
    );
    const missing = await cellsim(["validate", "nofile.json"], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(
      `cellsim: nofile.json: workload: file not found: ${path.join(dir, "nope.txt")} (read by workload source "file-jobs")\n`,
    );
  });
});
