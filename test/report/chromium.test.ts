/**
 * An interactive report in a real browser: Debian's Chromium, headless, loads report.html from
 * disk with the network unreachable, and every chart must be drawn by vega with nothing on the
 * console. No skipping: where Chromium is missing or cannot start, this fails (CI installs it,
 * see .ci/run). CELLSIM_CHROMIUM names another binary.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeReport } from "../../src/report/index.js";
import { makeArchResults } from "./arch-fixture.js";
import { makeManifest } from "./fixture.js";
import { loadPage as load } from "../helpers/chromium.js";

const KINDS = [
  "conflict-fraction-vs-decision-time",
  "abandoned-vs-decision-time",
  "wait-vs-decision-time",
  "busyness-vs-decision-time",
  "utilization-over-time",
];

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cellsim-chromium-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function loadPage(path: string, profile: string): { dom: string; log: string } {
  return load(path, join(dir, profile));
}

/** Console messages and uncaught errors, as Chromium logs them with --enable-logging=stderr. */
function consoleLines(log: string): string[] {
  return log.split("\n").filter((line) => /:CONSOLE[:(]|Uncaught/.test(line));
}

describe("interactive report in headless Chromium", () => {
  it("the harness sees console errors (a page that logs one)", async () => {
    const path = join(dir, "bad.html");
    await writeFile(
      path,
      '<!doctype html><p>x</p><script>console.error("seen-by-test"); missing();</script>',
    );
    const lines = consoleLines(loadPage(path, "profile-bad").log);
    expect(lines.some((l) => l.includes("seen-by-test"))).toBe(true);
    expect(lines.some((l) => l.includes("Uncaught ReferenceError"))).toBe(true);
  });

  it("draws every figure with vega and logs nothing to the console", async () => {
    await writeFile(join(dir, "results.json"), JSON.stringify(makeArchResults(KINDS)));
    await writeFile(join(dir, "manifest.json"), JSON.stringify(makeManifest()));
    const { reportPath } = await writeReport(dir, { interactive: true });
    const { dom, log } = loadPage(reportPath, "profile-report");
    expect(consoleLines(log)).toEqual([]);
    expect(dom.match(/data-interactive="rendered"/g)).toHaveLength(KINDS.length);
    expect(dom.match(/class="vega-embed/g)).toHaveLength(KINDS.length);
    expect(dom.match(/<canvas/g)).toHaveLength(KINDS.length);
    // Drawn charts replace their static SVG (the only SVG left is the actions menu's icon).
    expect(dom.slice(0, dom.indexOf("<script")).match(/<svg [^>]*class="marks"/g) ?? []).toHaveLength(0);
  });
});
