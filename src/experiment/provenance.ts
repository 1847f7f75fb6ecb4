import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

/** Where results came from: cellsim's version and the git commit of the checkout. */

/** cellsim's version from package.json (found from src/experiment or dist/src/experiment). */
export function cellsimVersion(): string {
  for (const rel of ["../../package.json", "../../../package.json"]) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), "utf8")) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === "cellsim" && pkg.version) return pkg.version;
    } catch {
      // Not this folder; try the next candidate.
    }
  }
  return "unknown";
}

/** `git rev-parse HEAD` of the checkout cellsim runs from, or null outside git (never throws). */
export function gitCommit(): string | null {
  try {
    const cwd = new URL("../../", import.meta.url);
    const out = execFileSync("git", ["rev-parse", "HEAD"], { cwd, stdio: ["ignore", "pipe", "ignore"] });
    return out.toString("utf8").trim() || null;
  } catch {
    return null;
  }
}
