import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "studies/*/test/**/*.test.ts"],
    testTimeout: 120_000,
    // Two cores on CI: keep the pool small so the subprocess tests are not starved.
    pool: "forks",
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
  },
});
