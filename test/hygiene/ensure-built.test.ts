import { copyFile, mkdir, readdir, readFile, rm, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { hashTree, writeBuildInfo } from "../../src/experiment/build-info.js";
import { BUNDLE_DIR, buildState, INPUT_DIRS, inputsHash, STAMP_FILE } from "../../scripts/ensure-built.mjs";
import { distPath, requireDist } from "../helpers/dist.js";
import { tempDir } from "../experiment/helpers.js";

/**
 * scripts/ensure-built.mjs skips the build of `npm start`, `npm test`, … when dist/ is current.
 * A wrong "current" would run old code under a build hash that names it, so every way dist/ can
 * stop matching its inputs must be caught.
 */

const ROOT = path.resolve(import.meta.dirname, "../..");
const BUILD_INFO_JS = distPath("src/experiment/build-info.js");

describe("the inputs of the build", () => {
  it("include every folder tsconfig.build.json compiles", async () => {
    const config = JSON.parse(await readFile(path.join(ROOT, "tsconfig.build.json"), "utf8")) as {
      include: string[];
    };
    expect(INPUT_DIRS).toEqual(expect.arrayContaining(config.include));
  });

  it("cover everything the build writes to dist/ (the bundle is made from dist/src)", async () => {
    requireDist(BUILD_INFO_JS);
    const top = await readdir(distPath(""), { withFileTypes: true });
    const folders = top.filter((e) => e.isDirectory()).map((e) => e.name);
    expect(folders).toContain(BUNDLE_DIR);
    expect(INPUT_DIRS).toEqual(expect.arrayContaining(folders.filter((f) => f !== BUNDLE_DIR)));
  });
});

/**
 * A project at `root` built as ensure-built builds: one source file, dist/src with the compiled
 * build-info module (ensure-built hashes dist/src with it), build-info.json, a bundle and the
 * stamp.
 */
async function fakeBuiltProject(): Promise<string> {
  const root = await tempDir("cellsim-ensure-built-");
  await mkdir(path.join(root, "src"));
  await writeFile(path.join(root, "src", "a.ts"), "export const a = 1;\n");
  await writeFile(path.join(root, "package.json"), "{}\n");
  const dist = path.join(root, "dist");
  await mkdir(path.join(dist, "src", "experiment"), { recursive: true });
  // With its source map, which vitest reads when the module is imported.
  for (const file of [BUILD_INFO_JS, `${BUILD_INFO_JS}.map`])
    await copyFile(file, path.join(dist, "src", "experiment", path.basename(file)));
  await writeFile(path.join(dist, "src", "a.js"), "export const a = 1;\n");
  const info = writeBuildInfo(dist, "0.0.0");
  const bundle = path.join(dist, BUNDLE_DIR, "cli");
  await mkdir(bundle, { recursive: true });
  await writeFile(path.join(bundle, "main.js"), "export const a = 1;\n");
  const bundleSha256 = hashTree(path.join(dist, BUNDLE_DIR), () => true);
  const stamp = { inputsSha256: inputsHash(root), buildSha256: info.sha256, bundleSha256 };
  await writeFile(path.join(dist, STAMP_FILE), JSON.stringify(stamp));
  return root;
}

describe("buildState", () => {
  beforeAll(() => requireDist(BUILD_INFO_JS));

  it("is current after a build, and stays so when only modification times change", async () => {
    const root = await fakeBuiltProject();
    expect(await buildState(root)).toEqual({ current: true });
    const old = new Date(2000, 0, 1);
    await utimes(path.join(root, "src", "a.ts"), old, old);
    expect(await buildState(root)).toEqual({ current: true });
  });

  it("is not current when an input changes, is added or is removed", async () => {
    const root = await fakeBuiltProject();
    await writeFile(path.join(root, "src", "a.ts"), "export const a = 2;\n");
    expect(await buildState(root)).toEqual({ current: false, reason: "inputs changed" });
    await writeFile(path.join(root, "src", "a.ts"), "export const a = 1;\n");
    expect(await buildState(root)).toEqual({ current: true });
    await writeFile(path.join(root, "tsconfig.json"), "{}\n");
    expect(await buildState(root)).toEqual({ current: false, reason: "inputs changed" });
    await rm(path.join(root, "tsconfig.json"));
    await rm(path.join(root, "src", "a.ts"));
    expect(await buildState(root)).toEqual({ current: false, reason: "inputs changed" });
  });

  it("is not current when dist/ was changed, rebuilt by hand or never stamped", async () => {
    const root = await fakeBuiltProject();
    const dist = path.join(root, "dist");
    await writeFile(path.join(dist, "src", "a.js"), "export const a = 3;\n");
    expect(await buildState(root)).toEqual({
      current: false,
      reason: "dist/src changed since it was built",
    });
    // A build-info.json rewritten for the edited code no longer matches the stamped build.
    writeBuildInfo(dist, "0.0.0");
    expect(await buildState(root)).toEqual({
      current: false,
      reason: "build-info.json is not the stamped build's",
    });
    await rm(path.join(dist, STAMP_FILE));
    expect(await buildState(root)).toEqual({ current: false, reason: "no build stamp" });
  });

  it("is not current when the bundle was changed, added to or removed", async () => {
    const root = await fakeBuiltProject();
    const bundle = path.join(root, "dist", BUNDLE_DIR);
    await writeFile(path.join(bundle, "cli", "main.js"), "export const a = 3;\n");
    expect(await buildState(root)).toEqual({
      current: false,
      reason: "dist/bundle changed since it was built",
    });
    await writeFile(path.join(bundle, "cli", "main.js"), "export const a = 1;\n");
    expect(await buildState(root)).toEqual({ current: true });
    await writeFile(path.join(bundle, "cli", "chunk-X.js"), "export {};\n");
    expect(await buildState(root)).toEqual({
      current: false,
      reason: "dist/bundle changed since it was built",
    });
    await rm(bundle, { recursive: true });
    expect(await buildState(root)).toEqual({ current: false, reason: "dist/bundle is missing" });
  });
});
