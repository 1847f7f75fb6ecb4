import { execFile } from "node:child_process";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { CLI_MAIN } from "../helpers/cli.js";
import { requireDist } from "../helpers/dist.js";

/** `cellsim trace inspect|convert` end to end on the built CLI (fails without dist/). */

/** The CLI the `cellsim` binary runs (the bundle). */
const MAIN = CLI_MAIN;
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const exec = promisify(execFile);

async function cellsim(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [MAIN, ...args], { cwd: ROOT });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe("cellsim trace", () => {
  beforeAll(() => requireDist(MAIN));

  it("inspect compares a trace and a preset in one offline report", async () => {
    const out = await mkdtemp(path.join(tmpdir(), "cellsim-inspect-"));
    const r = await cellsim([
      "trace",
      "inspect",
      "traces/google-2011-sample/task_events-*.csv.gz",
      "--preset",
      "google-c",
      "--horizon",
      "1h",
      "--out",
      out,
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/batch +92 jobs \(0 prefill\)|batch +182 jobs \(90 prefill\)/);
    const html = await readFile(path.join(out, "report.html"), "utf8");
    expect(html).toContain("preset google-c");
    expect(html).toContain("CDF of job runtime");
    const stats = JSON.parse(await readFile(path.join(out, "stats.json"), "utf8")) as unknown[];
    expect(stats).toHaveLength(2);
  });

  it("convert writes the native CSV; a malformed row exits 2 naming file:line", async () => {
    const out = path.join(await mkdtemp(path.join(tmpdir(), "cellsim-convert-")), "nasa.csv");
    const ok = await cellsim([
      "trace",
      "convert",
      "test/fixtures/traces/swf/nasa-ipsc-first60.swf",
      "--format",
      "swf",
      "--out",
      out,
    ]);
    expect(ok.code).toBe(0);
    expect((await readFile(out, "utf8")).split("\n")[1]).toBe("1,0,batch,128,1,0,1451,0");
    const bad = await cellsim([
      "trace",
      "convert",
      "test/fixtures/traces/alibaba-2018/bad.csv",
      "--out",
      out,
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("test/fixtures/traces/alibaba-2018/bad.csv:1: end_time before start_time");
  });

  it("inspect reads a shell-expanded glob (its shards as separate arguments) as one trace", async () => {
    const out = await mkdtemp(path.join(tmpdir(), "cellsim-inspect-shards-"));
    // What the shell passes for an unquoted traces/google-2011-sample/task_events-*.csv.gz.
    const shards = [0, 1].map((n) => `traces/google-2011-sample/task_events-part-0000${n}-of-00500.csv.gz`);
    const r = await cellsim(["trace", "inspect", ...shards, "--out", out]);
    expect(r.code).toBe(0);
    // One trace under one name, with the counts of both shards read in order.
    expect(r.stdout).toContain("traces/google-2011-sample/task_events-part-*-of-00500.csv.gz (arrival");
    expect(r.stdout.match(/^ {2}batch /gm)).toHaveLength(1);
    expect(r.stdout).toMatch(/batch +182 jobs \(90 prefill\)/);
    // 148 of the 239 jobs censored (see google-2011.test.ts for the independent count).
    expect(r.stdout).toContain("  148 jobs (61.92 %) censored at the window end");
    const stats = JSON.parse(await readFile(path.join(out, "stats.json"), "utf8")) as {
      source: { files: string };
    }[];
    expect(stats).toHaveLength(1);
    expect(stats[0]?.source.files).toBe(shards.join(", "));
  });

  it("convert reads several arguments and standard globs as one trace", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "cellsim-convert-list-"));
    const a = await cellsim([
      "trace",
      "convert",
      "traces/google-2011-sample/task_events-part-0000[0-1]-*.csv.gz",
      "--out",
      `${dir}/a.csv`,
    ]);
    const b = await cellsim([
      "trace",
      "convert",
      "traces/google-2011-sample/task_events-part-00000-of-00500.csv.gz",
      "traces/**/task_events-part-0000{1,9}-of-?????.csv.gz",
      "--out",
      `${dir}/b.csv`,
    ]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(a.stderr).toContain("from 2 file(s), wrote 239 jobs (144 prefill)");
    expect(await readFile(`${dir}/b.csv`, "utf8")).toBe(await readFile(`${dir}/a.csv`, "utf8"));
  });

  it("a glob matching nothing exits 2 naming the pattern", async () => {
    const r = await cellsim([
      "trace",
      "inspect",
      "traces/**/nothing-[2-5].csv",
      "--out",
      path.join(tmpdir(), "cellsim-never-written"),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("cellsim: traces/**/nothing-[2-5].csv: no file matches\n");
  });
});
