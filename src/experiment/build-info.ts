import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * The identity of cellsim's own code, for resume keys and manifests. `npm run build` writes
 * `dist/build-info.json` (scripts/write-build-info.ts) so that an installed package, which has no
 * git history, still knows exactly which code it is. The hash covers the files themselves, so any
 * edit to the simulator changes it, whatever the version number says.
 */

/** Contents of `dist/build-info.json`. */
export interface BuildInfo {
  /** cellsim's version (package.json) at build time. */
  version: string;
  /** {@link hashTree} of `dist/src` (compiled JavaScript; source maps excluded). */
  sha256: string;
}

/** File name of the build record, at the top of `dist/`. */
export const BUILD_INFO_FILE = "build-info.json";

/** Which files of `dist/src` are code: source maps only point at the code, they are not it. */
export function isBuiltCodeFile(relPath: string): boolean {
  return !relPath.endsWith(".map") && path.posix.basename(relPath) !== BUILD_INFO_FILE;
}

/** Relative POSIX paths of the regular files under `root` that `keep` accepts, in code-unit order. */
function listFiles(root: string, keep: (relPath: string) => boolean): string[] {
  const rels = readdirSync(root, { recursive: true, encoding: "utf8" })
    .filter((rel) => statSync(path.join(root, rel)).isFile())
    .map((rel) => rel.split(path.sep).join("/"))
    .filter(keep);
  // Code-unit order, not locale order: the same bytes on every machine.
  return rels.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * sha256 over the files under `root` that `keep` accepts: for each file in sorted relative-path
 * order, its path, a NUL, its byte length, a NUL, then its bytes. The lengths make the framing
 * unambiguous, so no two different trees give the same stream.
 */
export function hashTree(root: string, keep: (relPath: string) => boolean): string {
  const hash = createHash("sha256");
  for (const rel of listFiles(root, keep)) {
    const bytes = readFileSync(path.join(root, ...rel.split("/")));
    hash.update(`${rel}\0${bytes.length}\0`);
    hash.update(bytes);
  }
  return hash.digest("hex");
}

/** Reads a build record; undefined when it is missing or not a `{version, sha256}` object. */
export function readBuildInfo(file: string): BuildInfo | undefined {
  try {
    const info = JSON.parse(readFileSync(file, "utf8")) as Partial<BuildInfo>;
    if (typeof info.version === "string" && typeof info.sha256 === "string") {
      return { version: info.version, sha256: info.sha256 };
    }
  } catch {
    // Missing or unreadable: the caller hashes the code itself.
  }
  return undefined;
}

/** Hashes `<distDir>/src` and writes `<distDir>/build-info.json`; returns what it wrote. */
export function writeBuildInfo(distDir: string, version: string): BuildInfo {
  const info: BuildInfo = { version, sha256: hashTree(path.join(distDir, "src"), isBuiltCodeFile) };
  writeFileSync(path.join(distDir, BUILD_INFO_FILE), `${JSON.stringify(info, null, 2)}\n`);
  return info;
}
