/**
 * Builds `dist/` only when its inputs changed: `npm start`, `npm test`, `npm run cellsim`,
 * `npm run bench`, `npm run reproduce:omega` and `npm run check:goldens` run this first instead of
 * a full build (which deletes dist/ and runs tsc: seconds, every time). Plain JavaScript, so it
 * runs before anything is compiled.
 *
 *   node scripts/ensure-built.mjs           build if dist/ is not current (silent when it is)
 *   node scripts/ensure-built.mjs --always  build unconditionally (`npm run build`)
 *   node scripts/ensure-built.mjs --check   build nothing; exit 1 naming why dist/ is not current
 *
 * "Current" is decided by content, not modification times (a checkout or a copy can give old
 * files new times and new files old ones). A build compiles dist/, writes `dist/build-info.json`
 * (the hash of dist/src), bundles the CLI from dist/src into dist/bundle/ (scripts/bundle-cli.ts)
 * and records `dist/build-stamp.json`: the sha256 of every input (below) taken before compiling,
 * the build hash it wrote to build-info.json and the hash of dist/bundle/. dist/ is current when
 * the inputs hash the same now, dist/src still hashes to what build-info.json says and dist/bundle/
 * to what the stamp says, so a skipped build can never leave a build-info that names other code
 * than dist/ holds (results and resume keys carry that hash, and the bundled CLI reports it too).
 * A fresh clone has no stamp and builds; an interrupted build leaves no stamp (it is written last)
 * and builds again.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import process from "node:process";
import { URL, fileURLToPath, pathToFileURL } from "node:url";

/**
 * What a build reads: the folders tsconfig.build.json compiles (its `include`; a hygiene test
 * keeps the two in step), the compiler settings, and the dependency versions (a new TypeScript
 * can emit other code). Every file in these folders counts, not only `.ts`: hashing a few extra
 * JSON files costs a rebuild at worst, never a stale dist/.
 */
export const INPUT_DIRS = ["src", "studies", "bench", "scripts"];
/** Single files read by a build (see INPUT_DIRS). */
export const INPUT_FILES = ["tsconfig.json", "tsconfig.build.json", "package.json", "package-lock.json"];
/** The stamp a finished build writes into dist/ (so deleting dist/ deletes it too). */
export const STAMP_FILE = "build-stamp.json";
/**
 * The folder of dist/ that holds the bundled CLI (scripts/bundle-cli.ts). It is made from
 * dist/src, not from an input folder, so it is the one folder of dist/ not named in INPUT_DIRS.
 */
export const BUNDLE_DIR = "bundle";

/** Relative POSIX paths of the regular files under `root`/`dir`, in code-unit order. */
function filesUnder(root, dir) {
  const abs = path.join(root, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs, { recursive: true, encoding: "utf8" })
    .map((rel) => path.join(dir, rel))
    .filter((rel) => statSync(path.join(root, rel)).isFile())
    .map((rel) => rel.split(path.sep).join("/"))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * sha256 over every input file of the project at `root`: path, NUL, byte length, NUL, bytes, in
 * sorted path order (the lengths keep the framing unambiguous). A missing single file hashes as
 * absent, so adding it later changes the hash.
 * @param {string} root
 * @returns {string}
 */
export function inputsHash(root) {
  const hash = createHash("sha256");
  const files = [
    ...INPUT_FILES.filter((f) => existsSync(path.join(root, f))),
    ...INPUT_DIRS.flatMap((d) => filesUnder(root, d)),
  ];
  for (const rel of files) {
    const bytes = readFileSync(path.join(root, rel));
    hash.update(`${rel}\0${bytes.length}\0`);
    hash.update(bytes);
  }
  return hash.digest("hex");
}

/** Parsed JSON of `file`, or undefined when it is missing or unreadable. */
function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

/**
 * Whether `root`/dist is the build of the inputs as they are now (see the file comment). The
 * dist/src hash is computed by the build's own compiled `hashTree`, so it is by definition the
 * hash build-info.json records.
 * @param {string} root
 * @returns {Promise<{ current: true } | { current: false, reason: string }>}
 */
export async function buildState(root) {
  const dist = path.join(root, "dist");
  const stamp = readJson(path.join(dist, STAMP_FILE));
  if (typeof stamp?.inputsSha256 !== "string") return { current: false, reason: "no build stamp" };
  if (stamp.inputsSha256 !== inputsHash(root)) return { current: false, reason: "inputs changed" };
  const info = readJson(path.join(dist, "build-info.json"));
  if (typeof info?.sha256 !== "string" || info.sha256 !== stamp.buildSha256)
    return { current: false, reason: "build-info.json is not the stamped build's" };
  const module = path.join(dist, "src", "experiment", "build-info.js");
  if (!existsSync(module)) return { current: false, reason: "dist/src is incomplete" };
  const { hashTree, isBuiltCodeFile } = await import(pathToFileURL(module).href);
  if (hashTree(path.join(dist, "src"), isBuiltCodeFile) !== info.sha256)
    return { current: false, reason: "dist/src changed since it was built" };
  const bundle = path.join(dist, BUNDLE_DIR);
  if (typeof stamp.bundleSha256 !== "string" || !existsSync(bundle))
    return { current: false, reason: "dist/bundle is missing" };
  if (hashTree(bundle, () => true) !== stamp.bundleSha256)
    return { current: false, reason: "dist/bundle changed since it was built" };
  return { current: true };
}

/** Runs a node script of the build in `root`; a failure ends this process with its exit code. */
function runNode(root, args) {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/**
 * Deletes dist/, compiles (tsconfig.build.json), writes build-info.json, bundles the CLI, then
 * writes the stamp. The inputs are hashed before compiling: a file edited during the build makes
 * the next check rebuild rather than trust a dist/ compiled from its old text.
 * @param {string} root
 */
export async function build(root) {
  const inputsSha256 = inputsHash(root);
  const dist = path.join(root, "dist");
  rmSync(dist, { recursive: true, force: true });
  const tsc = createRequire(path.join(root, "package.json")).resolve("typescript/bin/tsc");
  runNode(root, [tsc, "-p", "tsconfig.build.json"]);
  runNode(root, [path.join("dist", "scripts", "write-build-info.js")]);
  runNode(root, [path.join("dist", "scripts", "bundle-cli.js")]);
  const buildSha256 = readJson(path.join(dist, "build-info.json"))?.sha256;
  const { hashTree } = await import(
    pathToFileURL(path.join(dist, "src", "experiment", "build-info.js")).href
  );
  const bundleSha256 = hashTree(path.join(dist, BUNDLE_DIR), () => true);
  const stamp = { inputsSha256, buildSha256, bundleSha256 };
  writeFileSync(path.join(dist, STAMP_FILE), `${JSON.stringify(stamp, null, 2)}\n`);
}

async function main(argv) {
  const root = fileURLToPath(new URL("..", import.meta.url));
  if (argv.includes("--always")) return await build(root);
  const state = await buildState(root);
  if (state.current) return;
  if (argv.includes("--check")) {
    process.stderr.write(`ensure-built: dist/ is not current (${state.reason}): run npm run build\n`);
    process.exit(1);
  }
  process.stderr.write(`ensure-built: building dist/ (${state.reason})\n`);
  await build(root);
}

// Run as a script, not when a test imports the functions above.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main(process.argv.slice(2));
}
