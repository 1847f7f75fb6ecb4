import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { hashTree, isBuiltCodeFile, readBuildInfo, writeBuildInfo } from "../../src/experiment/build-info.js";
import { tempDir } from "./helpers.js";

/** The build record: a hash of cellsim's compiled files that any edit to them changes. */

async function fakeDist(): Promise<string> {
  const dist = await tempDir("cellsim-dist-");
  await mkdir(path.join(dist, "src", "engine"), { recursive: true });
  await writeFile(path.join(dist, "src", "engine", "simulator.js"), "export const x = 1;\n");
  await writeFile(path.join(dist, "src", "engine", "simulator.js.map"), "{}");
  await writeFile(path.join(dist, "src", "index.js"), "export {};\n");
  return dist;
}

describe("build info", () => {
  it("writes {version, sha256} of dist/src, and reads it back", async () => {
    const dist = await fakeDist();
    const info = writeBuildInfo(dist, "9.9.9");
    expect(info.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.parse(await readFile(path.join(dist, "build-info.json"), "utf8"))).toEqual(info);
    expect(readBuildInfo(path.join(dist, "build-info.json"))).toEqual(info);
    expect(readBuildInfo(path.join(dist, "missing.json"))).toBeUndefined();
  });

  it("changes when a code file changes or is added, not when a source map does", async () => {
    const dist = await fakeDist();
    const src = path.join(dist, "src");
    const base = hashTree(src, isBuiltCodeFile);
    expect(hashTree(src, isBuiltCodeFile)).toBe(base);

    await writeFile(path.join(src, "engine", "simulator.js.map"), '{"mappings":"AAAA"}');
    expect(hashTree(src, isBuiltCodeFile)).toBe(base);

    await writeFile(path.join(src, "engine", "simulator.js"), "export const x = 2;\n");
    const edited = hashTree(src, isBuiltCodeFile);
    expect(edited).not.toBe(base);

    await writeFile(path.join(src, "extra.js"), "");
    expect(hashTree(src, isBuiltCodeFile)).not.toBe(edited);
  });
});
