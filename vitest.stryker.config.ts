import { defineConfig, mergeConfig } from "vitest/config";
import base from "./vitest.config.js";

/**
 * The vitest config that mutation testing (`npm run mutation:*`, stryker.config.json) runs: the
 * usual suite less the tests that need the built `dist/` (the CLI run as a subprocess, worker
 * threads, plugins loaded from the package) or a git checkout (the hygiene checks). Stryker runs
 * the tests in a sandbox copy where neither exists, and those tests exercise `src/` through code
 * that Stryker does not mutate anyway.
 */
export const NEEDS_DIST_OR_GIT = [
  "test/api/api.test.ts",
  "test/cli/**",
  "test/docs/extending.test.ts",
  "test/experiment/run-all.test.ts",
  "test/experiment/quasar-run-all.test.ts",
  "test/plugins/plugins.test.ts",
  "test/traces/cli-trace.test.ts",
  "test/hygiene/**",
];

/**
 * Files whose tests take many seconds each (long statistical or paper-figure runs, a headless
 * browser). Stryker reruns every test that covers a mutant, and a mutant in the metrics or the
 * cell is covered by nearly every simulation: with these in, one surviving mutant costs minutes.
 * The faster tests cover the same code.
 */
export const SLOW = [
  "test/omega/shapes.test.ts",
  "test/omega/calibration.test.ts",
  "test/theory/mg1.test.ts",
  "test/scenarios/mechanisms.test.ts",
  "test/workloads/presets.test.ts",
  "test/report/chromium.test.ts",
];

export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: ["**/node_modules/**", ...NEEDS_DIST_OR_GIT, ...SLOW],
      // Stryker runs one test process at a time (concurrency 1 in stryker.config.json).
      poolOptions: { forks: { maxForks: 1, minForks: 1 } },
    },
  }),
);
