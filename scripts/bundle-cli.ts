/**
 * Build step after tsc and write-build-info (scripts/ensure-built.mjs runs it): bundles the
 * compiled CLI with esbuild into `dist/bundle/cli/`, the file the `cellsim` binary runs. Node 20
 * has no compile cache, and loading the ~700 ES modules of a `cellsim run` (250 of them vega's)
 * one by one cost about a third of a second of its start-up (docs/design.md, Start-up); the
 * bundle loads a few dozen files. It is ESM with code splitting, so what the CLI imports lazily
 * (each command's implementation, the report with vega and vega-lite) stays in chunks loaded
 * only when used. dist/src stays: the API (`import "cellsim"`), the tests and the types use it.
 *
 * The bundle is made from the compiled dist/src, not from the TypeScript sources, so it is a
 * function of the code dist/build-info.json hashes plus the locked dependencies: the bundled and
 * the unbundled CLI report the same build hash and write the same bytes
 * (test/cli/bundle.test.ts compares their output folders).
 *
 * Paths the code finds next to itself through `import.meta.url` are written for a module in
 * dist/src/<folder>/. Every file of the bundle is in one folder at that same depth,
 * dist/bundle/cli/, so they hold unchanged: `../../build-info.json` (dist/build-info.json),
 * `../../../package.json`, `../cli/main.js` (the running CLI, for Slurm and Kubernetes jobs:
 * the bundle's own main.js), and `./worker.js` and `./run-one.js` (worker threads), which are
 * entry points here for that reason.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { chmod, copyFile, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Plugin } from "esbuild";

/** The bundle's folder under dist/ (see the file comment for why it is two levels deep). */
export const BUNDLE_DIR = "bundle/cli";

/** Output name → compiled module under dist/. */
const ENTRY_POINTS = {
  main: "src/cli/main.js",
  worker: "src/experiment/worker.js",
  "run-one": "src/experiment/run-one.js",
};

/**
 * Bundled CommonJS packages call `require` for node's built-in modules, which an ES module does
 * not have: each file of the bundle makes its own.
 */
const REQUIRE_BANNER =
  'import { createRequire as __cellsimCreateRequire } from "node:module"; ' +
  "const require = __cellsimCreateRequire(import.meta.url);";

/** The line of yargs' ESM platform shim that places it on disk. */
const YARGS_SHIM_DIRNAME = "const __dirname = fileURLToPath(import.meta.url);";

/**
 * yargs finds its message translations (`locales/`, for a non-English `LANG`) and the project
 * root from where its shim file lies. Inside the bundle that would be dist/bundle/cli/main.js,
 * where there are none: the shim is pointed at the installed yargs' own copy instead, so help
 * and errors read the same as unbundled in every language. Fails the build if a yargs release
 * changes that line, rather than bundling a CLI that silently lost its translations.
 */
const yargsShimPlugin: Plugin = {
  name: "yargs-shim-location",
  setup(b) {
    b.onLoad({ filter: /[\\/]yargs[\\/]lib[\\/]platform-shims[\\/]esm\.mjs$/ }, async (args) => {
      const text = await readFile(args.path, "utf8");
      if (!text.includes(YARGS_SHIM_DIRNAME)) {
        throw new Error(`${args.path}: no line "${YARGS_SHIM_DIRNAME}" to point at the installed yargs`);
      }
      const located =
        "const __dirname = (() => { try { return join(dirname(createRequire(import.meta.url)" +
        '.resolve("yargs/package.json")), "lib", "platform-shims", "esm.mjs"); } ' +
        "catch { return fileURLToPath(import.meta.url); } })();";
      return { contents: text.replace(YARGS_SHIM_DIRNAME, located), loader: "js" };
    });
  },
};

/** vega-canvas's optional import of node-canvas, a top-level await (CommonJS has none). */
const VEGA_CANVAS_IMPORT = "NodeCanvas = await import('canvas');";

/**
 * vega-canvas (node build) tries `await import('canvas')` when loaded, for raster output.
 * cellsim renders SVG only and does not depend on node-canvas, so the import always fails and
 * `NodeCanvas` stays null; in the CommonJS bundle the attempt is left out, which is the same
 * outcome without the top-level await. Fails the build if vega-canvas changes that line.
 */
const vegaCanvasPlugin: Plugin = {
  name: "vega-canvas-without-node-canvas",
  setup(b) {
    b.onLoad({ filter: /[\\/]vega-canvas[\\/]build[\\/]vega-canvas\.node\.js$/ }, async (args) => {
      const text = await readFile(args.path, "utf8");
      if (!text.includes(VEGA_CANVAS_IMPORT))
        throw new Error(`${args.path}: no line "${VEGA_CANVAS_IMPORT}" to leave out`);
      return { contents: text.replace(VEGA_CANVAS_IMPORT, "NodeCanvas = null;"), loader: "js" };
    });
  },
};

/** What the launcher (cli-launcher.cjs) provides for the bundle's run-time imports. */
const IMPORT_HOOK = "__cellsimImportModule";

/**
 * In the CommonJS bundle, src/plugins/import-module.js calls the launcher's import function
 * instead of `import()`: functions V8 loads from the code cache cannot import on Node 20 (the
 * cached code loses the script's dynamic-import callback), the launcher's own code can. Run
 * without the launcher, the bundle falls back to `import()`.
 */
const importHookPlugin: Plugin = {
  name: "import-through-launcher",
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]plugins[\\/]import-module\.js$/ }, () => ({
      contents:
        `export function importModule(url) { const hook = globalThis.${IMPORT_HOOK}; ` +
        "return hook === undefined ? import(url) : hook(url); }",
      loader: "js",
    }));
  },
};

/** The CommonJS bundle's entry: main.ts without its top-level await (CommonJS has none). */
const CJS_ENTRY =
  'import { hideBin } from "yargs/helpers"; import { main } from "./src/cli/app.js"; ' +
  "main(hideBin(process.argv)).then((code) => { process.exitCode = code; });";

/** `import.meta.url` in the CommonJS bundle: the bundle file's own URL, as in the ESM chunks beside it. */
const CJS_BANNER = 'var __cellsimModuleUrl = require("node:url").pathToFileURL(__filename).href;';

/**
 * The whole CLI as one CommonJS file, `<distDir>/bundle/cli/cli.cjs`, which the `cellsim` binary
 * (cli-launcher.cjs, copied beside it) runs through V8's code cache: Node 20 caches no compiled
 * ES module, but a `vm.Script` takes cached data (docs/design.md, Start-up). Its dynamic imports
 * of the commands and the report are inlined and still run only when used; plug-ins and worker
 * threads are imported at run time as before (the workers run the ESM bundle's worker.js).
 */
async function bundleCommonJs(distDir: string): Promise<void> {
  await build({
    absWorkingDir: distDir,
    stdin: { contents: CJS_ENTRY, resolveDir: distDir, sourcefile: "cli-entry.js", loader: "js" },
    outfile: `${BUNDLE_DIR}/${CJS_BUNDLE}`,
    bundle: true,
    format: "cjs",
    platform: "node",
    target: "node20",
    define: { "import.meta.url": "__cellsimModuleUrl" },
    charset: "ascii",
    minifyWhitespace: true,
    minifySyntax: true,
    minifyIdentifiers: true,
    banner: { js: CJS_BANNER },
    external: ["sql.js"],
    plugins: [yargsShimPlugin, vegaCanvasPlugin, importHookPlugin],
    logLevel: "warning",
  });
  // The launcher reads the bundle as latin1, a one-byte string V8 takes without decoding UTF-8.
  const text = await readFile(path.join(distDir, BUNDLE_DIR, CJS_BUNDLE), "latin1");
  const nonAscii = /[\u0080-\uffff]/.exec(text);
  if (nonAscii !== null)
    throw new Error(
      `bundle-cli: ${CJS_BUNDLE} is not ASCII (…${text.slice(Math.max(0, nonAscii.index - 60), nonAscii.index + 20)}…): ` +
        "esbuild escapes strings, not regular expression literals; write the character as \\u….",
    );
  const launcher = fileURLToPath(new URL("../../scripts/cli-launcher.cjs", import.meta.url));
  await copyFile(launcher, path.join(distDir, BUNDLE_DIR, LAUNCHER));
  await chmod(path.join(distDir, BUNDLE_DIR, LAUNCHER), 0o755);
}

/** The CommonJS bundle and the launcher the `cellsim` binary runs (package.json `bin`). */
export const CJS_BUNDLE = "cli.cjs";
export const LAUNCHER = "cellsim.cjs";

/** Bundles `<distDir>/src/cli/main.js` and the worker entries into `<distDir>/bundle/cli/`. */
export async function bundleCli(distDir: string): Promise<void> {
  await bundleCommonJs(distDir);
  await build({
    absWorkingDir: distDir,
    entryPoints: ENTRY_POINTS,
    outdir: BUNDLE_DIR,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    banner: { js: REQUIRE_BANNER },
    // sql.js finds its WebAssembly file beside its own script: it stays in node_modules.
    external: ["sql.js"],
    plugins: [yargsShimPlugin],
    logLevel: "warning",
  });
}

/**
 * A one-run experiment with one figure: what the build runs the CLI on to fill its code cache
 * (loading, validating, simulating, writing, rendering: what a `cellsim run` compiles).
 */
const WARM_UP_EXPERIMENT = {
  name: "code-cache",
  horizon: "10m",
  seeds: [1],
  cluster: { preset: "google-c" },
  workload: { preset: "google-c" },
  architecture: { type: "monolithic" },
  figures: ["utilization-over-time"],
};

/**
 * Runs the bundled CLI once with `--write-code-cache` (cli-launcher.cjs), which stores the code
 * V8 compiled for it beside the bundle. Part of the build: dist/bundle/ is hashed with it.
 */
export function writeCodeCache(distDir: string): void {
  const dir = mkdtempSync(path.join(tmpdir(), "cellsim-code-cache-"));
  try {
    const file = path.join(dir, "code-cache.json");
    writeFileSync(file, JSON.stringify(WARM_UP_EXPERIMENT));
    const launcher = path.join(distDir, BUNDLE_DIR, LAUNCHER);
    const args = [launcher, "--write-code-cache", "run", file, "--out", path.join(dir, "out"), "--jobs", "1"];
    const child = spawnSync(process.execPath, args, {
      stdio: ["ignore", "ignore", "pipe"],
      encoding: "utf8",
    });
    if (child.status !== 0) throw new Error(`bundle-cli: the code-cache run failed:\n${child.stderr}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Compiled to dist/scripts/bundle-cli.js: one level up is dist/.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const distDir = fileURLToPath(new URL("../", import.meta.url));
  await bundleCli(distDir);
  writeCodeCache(distDir);
}
