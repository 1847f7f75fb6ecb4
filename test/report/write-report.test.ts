import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { InputError } from "../../src/engine/errors.js";
import { renderFigures, writeReport } from "../../src/report/index.js";
import { makeManifest, makeResults } from "./fixture.js";

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "cellsim-report-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function writeInputs(): Promise<void> {
  await writeFile(join(dir, "results.json"), JSON.stringify(makeResults()));
  await writeFile(join(dir, "manifest.json"), JSON.stringify(makeManifest()));
}

describe("writeReport", () => {
  it("writes figures/<name>.svg, .vl.json and report.html, leaving no temp files", async () => {
    await writeInputs();
    const out = await writeReport(dir);
    expect(out.reportPath).toBe(join(dir, "report.html"));
    const names = makeResults().experiment.figures;
    expect(out.figureFiles).toEqual(
      names.flatMap((n) => [join(dir, "figures", `${n}.svg`), join(dir, "figures", `${n}.vl.json`)]),
    );
    expect((await readdir(join(dir, "figures"))).sort()).toEqual(
      names.flatMap((n) => [`${n}.svg`, `${n}.vl.json`]).sort(),
    );
    expect((await readdir(dir)).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    const rendered = await renderFigures(makeResults());
    expect(await readFile(join(dir, "figures", `${names[0]}.svg`), "utf8")).toBe(rendered[0]?.svg);
    const spec = JSON.parse(await readFile(join(dir, "figures", `${names[0]}.vl.json`), "utf8"));
    expect(spec).toEqual(rendered[0]?.vegaLiteSpec);
    expect(await readFile(out.reportPath, "utf8")).toContain("<h1>fixture-omega-fig5</h1>");
  });

  it("re-rendering gives byte-identical files", async () => {
    await writeInputs();
    const first = await writeReport(dir);
    const before = await Promise.all(
      [first.reportPath, ...first.figureFiles].map((f) => readFile(f, "utf8")),
    );
    const second = await writeReport(dir);
    const after = await Promise.all(
      [second.reportPath, ...second.figureFiles].map((f) => readFile(f, "utf8")),
    );
    expect(after).toEqual(before);
  });

  it("renders only the figures asked for", async () => {
    await writeInputs();
    const out = await writeReport(dir, { figures: ["utilization-over-time"] });
    expect(out.figureFiles.map((f) => f.slice(dir.length))).toEqual([
      join("/figures", "utilization-over-time.svg"),
      join("/figures", "utilization-over-time.vl.json"),
    ]);
    await expect(writeReport(dir, { figures: ["nope"] })).rejects.toThrow(/unknown figure kind "nope"/);
  });

  it("names a missing results.json or manifest.json", async () => {
    const results = join(dir, "results.json");
    await expect(writeReport(dir)).rejects.toThrow(InputError);
    await expect(writeReport(dir)).rejects.toThrow(`${results}: file not found`);
    await writeFile(results, JSON.stringify(makeResults()));
    await expect(writeReport(dir)).rejects.toThrow(join(dir, "manifest.json"));
    expect(await readdir(dir)).toEqual(["results.json"]);
  });

  it("names a results.json that is not JSON or not a results file", async () => {
    await writeFile(join(dir, "results.json"), "{ nope");
    await expect(writeReport(dir)).rejects.toThrow(/results\.json: not valid JSON/);
    await writeFile(join(dir, "results.json"), "[]");
    await expect(writeReport(dir)).rejects.toThrow(/results\.json: not a cellsim results file/);
  });
});
