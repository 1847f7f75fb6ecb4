import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { CLI_MAIN, CLI_MAIN_ESM, CLI_MAIN_UNBUNDLED, cellsim } from "../helpers/cli.js";
import { distPath, requireDist } from "../helpers/dist.js";

/**
 * The `cellsim` binary runs the CommonJS bundle with its code cache (dist/bundle/cli/cellsim.cjs),
 * worker threads the ES-module bundle beside it, the API the compiled modules of dist/src. All
 * must be the same program: the same output folder byte for
 * byte (report, figures, tables, results, manifest with its build hash), the same help in every
 * language yargs speaks, and a plug-in's bad-input error (its class from dist/src) reported as
 * bad input by either.
 */

/** Four runs (a sweep of 2 × 2 seeds) with two figures: every kind of output file, small. */
const experiment = {
  name: "bundled",
  horizon: "20m",
  seeds: [1, 2],
  cluster: { machines: 20, cpus: 4, memGb: 16 },
  workload: { preset: "google-c" },
  prefill: { cpuFraction: 0.3 },
  sweep: { "architecture.decisionTime.*.perJob": ["0.1s", "2s"] },
  figures: ["wait-vs-decision-time", "utilization-over-time"],
};

/** Relative POSIX paths of every file under `dir`, sorted. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .sort();
}

/**
 * A stored run's bytes without what no two executions share: its wall time, speed and heap
 * (`timing`) and the hash sealing them (`contentSha256`). Throws if the file lacks them, so a
 * changed layout cannot make the comparison vacuous.
 */
function withoutTiming(text: string): string {
  const cut = text.replace(/\n {2}"timing": \{[^}]*\},\n {2}"contentSha256": "[0-9a-f]{64}"\n\}\n$/, "\n}\n");
  if (cut === text) throw new Error("a stored run without its timing block");
  return cut;
}

/** The bytes of every file of an output folder (timings.json left out, runs without timing). */
async function folderBytes(dir: string): Promise<Map<string, string>> {
  const files = (await filesUnder(dir)).filter((f) => f !== "timings.json");
  const bytes = new Map<string, string>();
  for (const file of files) {
    const text = await readFile(path.join(dir, file), "latin1");
    bytes.set(file, file.startsWith("runs/") ? withoutTiming(text) : text);
  }
  return bytes;
}

describe("the bundled CLI", () => {
  let dir = "";
  beforeAll(async () => {
    requireDist(CLI_MAIN);
    requireDist(CLI_MAIN_UNBUNDLED);
    requireDist(CLI_MAIN_ESM);
    dir = await mkdtemp(path.join(tmpdir(), "cellsim-bundle-"));
    await writeFile(path.join(dir, "bundled.json"), JSON.stringify(experiment));
  });

  it("writes the same output folder as the unbundled one, in this process and on worker threads", async () => {
    const runs = [
      { main: CLI_MAIN_UNBUNDLED, out: "unbundled", jobs: "1" },
      { main: CLI_MAIN, out: "bundled", jobs: "1" },
      { main: CLI_MAIN, out: "bundled-workers", jobs: "2" },
      { main: CLI_MAIN_ESM, out: "esm-bundle", jobs: "1" },
    ];
    for (const r of runs) {
      const o = await cellsim(["run", "bundled.json", "--out", r.out, "--jobs", r.jobs], dir, r.main);
      expect(o.stderr).toContain("4 runs executed, 0 resumed");
    }
    const unbundled = await folderBytes(path.join(dir, "unbundled"));
    const bundled = await folderBytes(path.join(dir, "bundled"));
    const workers = await folderBytes(path.join(dir, "bundled-workers"));
    const esm = await folderBytes(path.join(dir, "esm-bundle"));
    expect([...unbundled.keys()]).toEqual(
      expect.arrayContaining(["report.html", "results.json", "manifest.json", "runs/000-s1.json"]),
    );
    expect([...unbundled.keys()].filter((f) => f.endsWith(".svg"))).toHaveLength(2);
    for (const other of [bundled, workers, esm]) {
      expect([...other.keys()]).toEqual([...unbundled.keys()]);
      for (const [file, text] of unbundled) expect(other.get(file), file).toBe(text);
    }
  });

  it("names the same build and prints the same help, in English and in German", async () => {
    const version = await cellsim(["--version"], dir);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\S* \(build [0-9a-f]{12}\)\n$/);
    expect((await cellsim(["--version"], dir, CLI_MAIN_UNBUNDLED)).stdout).toBe(version.stdout);
    const german = { ...process.env, LANG: "de_DE.UTF-8", LC_ALL: "de_DE.UTF-8" };
    for (const args of [["--help"], ["run", "--help"]]) {
      expect((await cellsim(args, dir)).stdout).toBe((await cellsim(args, dir, CLI_MAIN_UNBUNDLED)).stdout);
      const bundled = await cellsim(args, dir, CLI_MAIN, german);
      const unbundled = await cellsim(args, dir, CLI_MAIN_UNBUNDLED, german);
      expect(unbundled.stdout).toContain("Optionen:"); // yargs' own translation, found beside yargs
      expect(bundled.stdout).toBe(unbundled.stdout);
    }
  });

  it("reports a plug-in's InputError (imported from dist/src) as bad input: exit 2, no stack", async () => {
    const api = pathToFileURL(distPath("src/index.js")).href;
    await writeFile(
      path.join(dir, "refusing.mjs"),
      [
        `import { defineWorkloadSource, definePlugin, InputError, z } from ${JSON.stringify(api)};`,
        "export default definePlugin({",
        '  name: "refusing",',
        "  workloads: [",
        "    defineWorkloadSource({",
        '      name: "refusing",',
        '      description: "refuses its input when a run starts",',
        "      schema: z.strictObject({}),",
        '      create: () => { throw new InputError("jobs.txt:3: not a job"); },',
        "    }),",
        "  ],",
        "});",
      ].join("\n"),
    );
    const refused = {
      name: "refused",
      horizon: "20m",
      seeds: [1],
      plugins: ["./refusing.mjs"],
      cluster: { machines: 20, cpus: 4, memGb: 16 },
      workload: { source: "refusing" },
    };
    await writeFile(path.join(dir, "refused.json"), JSON.stringify(refused));
    for (const main of [CLI_MAIN, CLI_MAIN_ESM, CLI_MAIN_UNBUNDLED]) {
      const o = await cellsim(["run", "refused.json", "--out", "refused", "--jobs", "1"], dir, main);
      expect(o.code, main).toBe(2);
      expect(o.stderr, main).toMatch(/\ncellsim: jobs\.txt:3: not a job\n$/);
      expect(o.stderr, main).not.toMatch(/\n\s+at /);
    }
  });
});
