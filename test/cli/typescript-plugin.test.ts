import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { importFlags } from "../../src/experiment/worker-preload.js";
import { CLI_MAIN } from "../helpers/cli.js";
import { distPath, requireDist } from "../helpers/dist.js";

/**
 * A TypeScript plug-in run with `node --import tsx`: Node 20 does not run `--import` preloads in
 * worker threads, so cellsim registers tsx in each worker itself; `--jobs 2` must then equal
 * `--jobs 1` (which runs in the main thread, where tsx is registered by `--import`). The folder is `"type": "commonjs"` on purpose (tsx compiles the plug-in to
 * CommonJS there, and the loader unwraps its default export).
 */

/** The CLI the `cellsim` binary runs (the bundle). */
const MAIN = CLI_MAIN;
const exec = promisify(execFile);
const ROOT = path.resolve(new URL("../..", import.meta.url).pathname);

const PLUGIN = (api: string) => `
import { definePlacement, definePlugin, type Place } from ${JSON.stringify(api)};

/** First machine (in index order) with room, counting this call's own tasks. */
const create = (machines: number): Place => {
  const placed = new Float64Array(machines);
  return (view, request, _rng, out) => {
    for (let i = 0; i < view.candidates && out.length < request.tasks; i++) {
      const m = view.candidate(i);
      while (
        out.length < request.tasks &&
        view.freeCpus(m) - (placed[m]! + 1) * request.cpusPerTask >= -1e-9 &&
        view.freeMemGb(m) - (placed[m]! + 1) * request.memGbPerTask >= -1e-9
      ) {
        placed[m]!++;
        out.push(m);
      }
    }
    for (const m of out) placed[m] = 0;
  };
};

export default definePlugin({ placements: [definePlacement({ name: "ts-first-fit", description: "first fit, in TypeScript", create })] });
`;

describe("TypeScript plug-ins under node --import tsx", () => {
  let dir = "";
  beforeAll(async () => {
    requireDist(MAIN);
    dir = await mkdtemp(path.join(tmpdir(), "cellsim-ts-plugin-"));
    await writeFile(path.join(dir, "package.json"), JSON.stringify({ type: "commonjs" }));
    // tsx installed in the user's project, as `npm install -D tsx` would (here: this repo's copy).
    await mkdir(path.join(dir, "node_modules"));
    await symlink(path.join(ROOT, "node_modules/tsx"), path.join(dir, "node_modules/tsx"), "dir");
    await writeFile(path.join(dir, "first.ts"), PLUGIN(pathToFileURL(distPath("src/index.js")).href));
    const experiment = {
      name: "ts",
      horizon: "20m",
      seeds: [1, 2],
      plugins: ["./first.ts"],
      cluster: { machines: 20, cpus: 4, memGb: 16 },
      workload: { preset: "google-c" },
      placement: "ts-first-fit",
    };
    await writeFile(path.join(dir, "ts.json"), JSON.stringify(experiment));
  });

  it("loads in every worker thread: --jobs 2 gives the bytes of --jobs 1", async () => {
    const run = (jobs: string, out: string) =>
      exec(process.execPath, ["--import", "tsx", MAIN, "run", "ts.json", "--jobs", jobs, "--out", out], {
        cwd: dir,
      });
    await run("1", "a");
    await run("2", "b");
    const [a, b] = await Promise.all(
      ["a", "b"].map((o) => readFile(path.join(dir, o, "results.json"), "utf8")),
    );
    expect(a).toBe(b);
    expect(JSON.parse(a!).runs).toHaveLength(2);
  });

  it("reads --import flags in both spellings", () => {
    expect(importFlags(["--import", "tsx", "--import=./x.mjs", "--inspect"])).toEqual(["tsx", "./x.mjs"]);
  });
});
