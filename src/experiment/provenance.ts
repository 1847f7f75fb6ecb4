import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { BUILD_INFO_FILE, hashTree, isBuiltCodeFile, readBuildInfo } from "./build-info.js";

/**
 * Where results came from: cellsim's version, the hash of its code, and the git commit of the
 * checkout when there is one.
 */

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

/** The code that produces results: cellsim's version and the sha256 of its built files. */
export interface CodeIdentity {
  version: string;
  /** sha256 of cellsim's code (see build-info.ts); changes with any edit to the simulator. */
  buildSha256: string;
}

let identity: CodeIdentity | undefined;

/**
 * The identity of the running cellsim, computed once per process. Compiled code reads
 * `dist/build-info.json` (hashing `dist/src` itself when the build step did not write it);
 * TypeScript sources (vitest) hash every `.ts` file under `src/` on the fly, since no build
 * record describes them.
 */
export function codeIdentity(): CodeIdentity {
  identity ??= computeIdentity();
  return identity;
}

function computeIdentity(): CodeIdentity {
  // This module sits in <root>/experiment/, where <root> is src/ or dist/src/.
  const srcRoot = fileURLToPath(new URL("../", import.meta.url));
  if (import.meta.url.endsWith(".ts")) {
    return { version: cellsimVersion(), buildSha256: hashTree(srcRoot, (rel) => rel.endsWith(".ts")) };
  }
  const info = readBuildInfo(fileURLToPath(new URL(`../../${BUILD_INFO_FILE}`, import.meta.url)));
  if (info) return { version: info.version, buildSha256: info.sha256 };
  return { version: cellsimVersion(), buildSha256: hashTree(srcRoot, isBuiltCodeFile) };
}
