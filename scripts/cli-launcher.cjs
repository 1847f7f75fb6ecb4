#!/usr/bin/env node
/**
 * The `cellsim` binary (copied to dist/bundle/cli/cellsim.cjs by scripts/bundle-cli.ts): runs the
 * CLI's CommonJS bundle, cli.cjs beside it, with V8's code cache.
 *
 * Compiling the bundle's source was the largest part of `cellsim run`'s start-up, and Node 20
 * caches no compiled ES module (`module.enableCompileCache()` came in Node 22.1). A `vm.Script`
 * takes cached data, though: the build runs the CLI once and stores the code V8 compiled for it
 * (`cli.cjs.v8-cache`, with `--write-code-cache`); later runs load it instead of compiling. V8
 * checks that the cache belongs to this source, V8 version and flags, and compiles as usual when
 * it does not, so a missing or stale cache costs time, never correctness. Plain JavaScript, like
 * scripts/ensure-built.mjs: it is not compiled.
 */
"use strict";
const fs = require("node:fs");
const Module = require("node:module");
const path = require("node:path");
const vm = require("node:vm");

const bundle = path.join(__dirname, "cli.cjs");
const cacheFile = `${bundle}.v8-cache`;
const writeCache = process.argv[2] === "--write-code-cache";
if (writeCache) process.argv.splice(2, 1);

let cachedData;
if (!writeCache) {
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined; // no cache: compile as usual
  }
}
// The bundle imports plug-ins and a run's module through this (src/plugins/import-module.ts):
// code V8 loads from the cache cannot call import() on Node 20, this module can.
globalThis.__cellsimImportModule = (url) => import(url);
// latin1: the build checks that the bundle is ASCII, and a one-byte string needs no UTF-8 decoding.
const script = new vm.Script(Module.wrap(fs.readFileSync(bundle, "latin1")), {
  filename: bundle,
  cachedData,
});
if (writeCache) {
  // After the run, so that the cache holds the functions it compiled lazily too.
  process.once("exit", () => {
    const temporary = `${cacheFile}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, script.createCachedData());
    fs.renameSync(temporary, cacheFile);
  });
}
const bundleModule = { exports: {} };
script.runInThisContext()(
  bundleModule.exports,
  Module.createRequire(bundle),
  bundleModule,
  bundle,
  __dirname,
);
