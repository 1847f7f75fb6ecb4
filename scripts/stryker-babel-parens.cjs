// Preloaded by the `mutation:*` npm scripts (NODE_OPTIONS=--require=...) into Stryker's processes.
//
// Stryker instruments TypeScript by parsing it with Babel and printing it back with
// @babel/generator, which (7.28 and 7.29 alike) drops the parentheses of a type assertion that is
// the operand of ++ or --: `(xs[i] as number)++` comes out as `xs[i] as number++`, which does not
// parse. Every test file that imports such a module then fails to load, and Stryker's vitest runner
// silently leaves those tests out of its dry run (184 of 810 tests ran for src/metrics), so most
// mutants look uncovered. This keeps those parentheses. The generator's printer takes
// `needsParens` from lib/node/index.js when it loads, so this wraps it before anything prints.
"use strict";
/* global require */
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS preload, by design */
const path = require("node:path");

const instrumenter = path.dirname(require.resolve("@stryker-mutator/instrumenter/package.json"));
const generator = path.dirname(require.resolve("@babel/generator/package.json", { paths: [instrumenter] }));
const node = require(path.join(generator, "lib", "node", "index.js"));
const TYPE_ASSERTIONS = new Set(["TSAsExpression", "TSSatisfiesExpression", "TSTypeAssertion"]);
const needsParens = node.needsParens;
node.needsParens = (n, parent, ...rest) =>
  (parent?.type === "UpdateExpression" && TYPE_ASSERTIONS.has(n.type)) || needsParens(n, parent, ...rest);
