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
});
