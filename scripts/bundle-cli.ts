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
import { readFile } from "node:fs/promises";
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

/** Bundles `<distDir>/src/cli/main.js` and the worker entries into `<distDir>/bundle/cli/`. */
export async function bundleCli(distDir: string): Promise<void> {
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

// Compiled to dist/scripts/bundle-cli.js: one level up is dist/.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await bundleCli(fileURLToPath(new URL("../", import.meta.url)));
}
