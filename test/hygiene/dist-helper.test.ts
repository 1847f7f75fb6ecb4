import { describe, expect, it } from "vitest";
import { DIST_MISSING, distPath, requireDist } from "../helpers/dist.js";

/** The guard that makes tests of the compiled output fail, not skip, when dist/ is missing. */
describe("requireDist", () => {
  it("fails with the build instruction when the file is missing", () => {
    const missing = distPath("src/no-such-file.js");
    expect(() => requireDist(missing)).toThrow(DIST_MISSING);
    expect(() => requireDist(missing)).toThrow("npm run build");
  });

  it("passes for a file that exists", () => {
    expect(() => requireDist(new URL(import.meta.url).pathname)).not.toThrow();
  });
});
