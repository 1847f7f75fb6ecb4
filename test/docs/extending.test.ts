import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI_MAIN } from "../helpers/cli.js";
import { distPath, requireDist } from "../helpers/dist.js";

/**
 * docs/extending.md is run, not just read: every fenced block whose info string names a file
 * (```js file=sjf.js) is written into a fresh folder, unchanged, beside a `node_modules/cellsim`
 * that links to this checkout, so `import ... from "cellsim"` resolves through package.json
 * `exports` into dist/ exactly as in a user's project (npm test builds dist/ first). Then each
 * experiment (`.json`) runs through the CLI, each script marked `run` runs with node, and the
 * `.test.js` blocks run under vitest in that folder. A broken block fails here.
 */

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const GUIDE = path.join(ROOT, "docs/extending.md");
/** The CLI the `cellsim` binary runs (the bundle). */
const MAIN = CLI_MAIN;
const VITEST = path.join(ROOT, "node_modules/vitest/vitest.mjs");

/** A code block of the guide that names its file. */
interface NamedBlock {
  file: string;
  /** `run` in the info string: execute it with node. */
  run: boolean;
  text: string;
  /** 1-based line of the opening fence, for messages. */
  line: number;
}

/** The blocks of `markdown` whose info string has `file=NAME` (other blocks are illustrations). */
function namedBlocks(markdown: string): NamedBlock[] {
  const lines = markdown.split("\n");
  const blocks: NamedBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```\S*\s+(.*)$/.exec(lines[i] ?? "");
    const words = open?.[1]?.trim().split(/\s+/) ?? [];
    const file = words.find((w) => w.startsWith("file="))?.slice("file=".length);
    if (file === undefined) continue;
    const end = lines.indexOf("```", i + 1);
    if (end < 0) throw new Error(`docs/extending.md:${i + 1}: block ${file} is never closed`);
    blocks.push({
      file,
      run: words.includes("run"),
      text: lines.slice(i + 1, end).join("\n") + "\n",
      line: i + 1,
    });
    i = end;
  }
  return blocks;
}

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs node with `args` in `cwd`; never throws (the exit code is part of the outcome). */
function node(args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd, env, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === "number" ? err.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const show = (o: Outcome): string => `exit ${o.code}\n${o.stdout}\n${o.stderr}`;

const blocks = namedBlocks(readFileSync(GUIDE, "utf8"));
const experiments = blocks.filter((b) => b.file.endsWith(".json"));
const scripts = blocks.filter((b) => b.run);
const tests = blocks.filter((b) => b.file.endsWith(".test.js"));
let dir = "";

beforeAll(async () => {
  requireDist(MAIN);
  requireDist(distPath("src/index.js"));
  dir = await mkdtemp(path.join(tmpdir(), "cellsim-extending-"));
  for (const b of blocks) await writeFile(path.join(dir, b.file), b.text);
  await mkdir(path.join(dir, "node_modules"));
  await symlink(ROOT, path.join(dir, "node_modules/cellsim"), "dir");
});

afterAll(async () => {
  // rm does not follow the symlink: the checkout stays untouched.
  if (dir !== "") await rm(dir, { recursive: true, force: true });
});

describe("docs/extending.md code blocks", () => {
  it("finds the blocks: named once each, with experiments, a conformance test and a script", () => {
    const names = blocks.map((b) => b.file);
    expect(new Set(names).size, `a file name is used twice: ${names.join(", ")}`).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(["sjf.js", "sjf-vs-fifo.json", "sjf.test.js"]));
    expect(experiments.length).toBeGreaterThanOrEqual(2);
    expect(scripts.length).toBeGreaterThanOrEqual(1);
    expect(namedBlocks("text\n```js file=a.js run\nx;\n```\n```sh\nls\n```\n")).toEqual([
      { file: "a.js", run: true, text: "x;\n", line: 2 },
    ]);
  });

  it.each(experiments.map((b) => [b.file, b] as const))("runs %s with the CLI", async (_file, block) => {
    const name = (JSON.parse(block.text) as { name: string }).name;
    const o = await node([MAIN, "run", block.file, "--jobs", "1"], dir);
    expect(o.code, `docs/extending.md:${block.line}: ${block.file}\n${show(o)}`).toBe(0);
    const resultsFile = path.join(dir, "reports", name, "results.json");
    expect(existsSync(resultsFile), `${resultsFile} missing\n${show(o)}`).toBe(true);
    const results = JSON.parse(await readFile(resultsFile, "utf8")) as { runs: unknown[] };
    expect(results.runs.length).toBeGreaterThan(0);
  });

  it("the guide's comparison holds: SJF waits less than FIFO on seed 1", async () => {
    const file = path.join(dir, "reports/sjf-vs-fifo/results.json");
    if (!existsSync(file)) await node([MAIN, "run", "sjf-vs-fifo.json", "--jobs", "1"], dir);
    type Run = {
      runId: string;
      params: Record<string, string>;
      summary: { workloads: Record<string, { waitFirstSec: { mean: number } }> };
    };
    const { runs } = JSON.parse(await readFile(file, "utf8")) as { runs: Run[] };
    const wait = (type: string) =>
      runs.find((r) => r.params["architecture.type"] === type && r.runId.endsWith("-s1"))?.summary.workloads
        .batch?.waitFirstSec.mean;
    expect(wait("sjf")).toBeLessThan(wait("monolithic") ?? 0);
  });

  it("cellsim list --plugin shows the plug-in's architecture", async () => {
    const o = await node([MAIN, "list", "--plugin", "./sjf.js"], dir);
    expect(o.code, show(o)).toBe(0);
    expect(o.stdout).toMatch(/^ {2}sjf\s+One scheduler;.*plug-in/m);
  });

  it.each(scripts.map((b) => [b.file, b] as const))("runs %s with node", async (_file, block) => {
    const o = await node([block.file], dir);
    expect(o.code, `docs/extending.md:${block.line}: ${block.file}\n${show(o)}`).toBe(0);
  });

  it("the conformance test blocks pass under vitest", async () => {
    expect(tests.length).toBeGreaterThanOrEqual(1);
    // A clean environment: this vitest's own variables would confuse the child's; no colours.
    const inherited = Object.entries(process.env).filter(
      ([k]) => !k.startsWith("VITEST") && k !== "FORCE_COLOR",
    );
    const env = { ...Object.fromEntries(inherited), NO_COLOR: "1" };
    const o = await node([VITEST, "run", "--root", dir, ...tests.map((b) => b.file)], dir, env);
    expect(o.code, show(o)).toBe(0);
    expect(o.stdout).toMatch(/Tests\s+\d+ passed/);
    expect(o.stdout).not.toMatch(/failed/);
    // Exactly the checks the guide skips, with their reasons: two-choices' places-what-fits,
    // whole-cpus' three hand-worked wait timelines, and every-dimension and gpus for that allocation
    // subject (the kit skips them: the performance cell's jobs ask for CPU and memory only, and
    // machine failures are not modelled for typed cells: the four failures-* checks); and
    // scheduler-failover for sjf, which declares no failover targets (the kit skips it); and
    // preempts-safely for both architecture subjects, which do not declare `preempts`; both
    // framework checks for the allocation subject (its cell is the typed performance cell), and
    // frameworks-routed for sjf, whose block has no routeBy.
    expect(o.stdout).toMatch(/Tests\s+\d+ passed \| 16 skipped/);
    expect(o.stdout).toMatch(/whole-cpus\.test\.js \(19 tests \| 12 skipped\)/);
    expect(o.stdout).toMatch(/sjf\.test\.js \(19 tests \| 3 skipped\)/);
  });
});
