import { defineConfig } from "vitest/config";

// Its own config, so that vitest inside the cellsim repository does not pick up the repository's.
export default defineConfig({ test: { include: ["test/**/*.test.js"] } });
