import type { Stats } from "node:fs";
import { mkdtemp, rmdir, stat } from "node:fs/promises";
import path from "node:path";
import { InputError } from "../engine/errors.js";

/**
 * Checks of an output path given on the command line (`--out`), made before anything is written,
 * so a path that cannot work is one message naming the option instead of a stack trace after the
 * runs (or an empty folder left behind). Linux limits: 255 bytes per name, 4096 per path.
 */

const NAME_MAX_BYTES = 255;
const PATH_MAX_BYTES = 4095;
/** Room for what cellsim adds to the path of an output folder or file. */
interface Extra {
  /** Bytes added to the last name (`<file>.<pid>.tmp` beside an output file). */
  lastName: number;
  /** Bytes added to the whole path (`runs/<runId>.json.<pid>-<hex>.tmp` inside a folder). */
  path: number;
}
const FOLDER_EXTRA: Extra = { lastName: 0, path: 64 };
const FILE_EXTRA: Extra = { lastName: 16, path: 16 };

/** The file's Stats, or the error code (ENOENT, ENOTDIR, …) if it cannot be stat'ed. */
async function statOrCode(p: string): Promise<Stats | string> {
  try {
    return await stat(p);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code ?? "unknown error";
  }
}

/** A long path as the start of it, for messages. */
function abbreviated(written: string): string {
  return written.length <= 60 ? written : `${written.slice(0, 40)}…`;
}

/** Refuses names and paths the file system would reject as too long (ENAMETOOLONG). */
function checkLength(flag: string, written: string, abs: string, extra: Extra): void {
  const names = abs.split(path.sep).map((n) => Buffer.byteLength(n));
  names[names.length - 1] = (names[names.length - 1] ?? 0) + extra.lastName;
  const longest = Math.max(...names);
  const suffix = extra.lastName > 0 ? " with the temporary suffix" : "";
  if (longest > NAME_MAX_BYTES)
    throw new InputError(
      `${flag}: a name in "${abbreviated(written)}" is too long (${longest} bytes${suffix}; at most ${NAME_MAX_BYTES})`,
    );
  const total = Buffer.byteLength(abs) + extra.path;
  if (total > PATH_MAX_BYTES)
    throw new InputError(
      `${flag}: path "${abbreviated(written)}" is too long (${total} bytes with the names cellsim adds; at most ${PATH_MAX_BYTES})`,
    );
}

/** The closest existing folder at or above `abs` (a file on the way is an error). */
async function existingFolder(flag: string, written: string, abs: string): Promise<string> {
  for (let p = abs; ; p = path.dirname(p)) {
    const st = await statOrCode(p);
    if (typeof st !== "string") {
      if (!st.isDirectory()) throw new InputError(`${flag}: ${p} is a file, not a folder (in "${written}")`);
      return p;
    }
    if (st === "ENAMETOOLONG") throw new InputError(`${flag}: path "${abbreviated(written)}" is too long`);
    if (st !== "ENOENT" && st !== "ENOTDIR") throw new InputError(`${flag}: cannot use "${written}" (${st})`);
    if (p === path.dirname(p)) return p;
  }
}

/**
 * Creates and removes an empty folder in `folder`: the only test that holds for root, read-only
 * mounts and special file systems alike (permission bits alone say yes to root on /sys).
 */
async function checkWritable(flag: string, folder: string): Promise<void> {
  try {
    await rmdir(await mkdtemp(path.join(folder, ".cellsim-probe-")));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "no permission";
    throw new InputError(`${flag}: cannot write in ${folder} (${code})`);
  }
}

/**
 * Checks that `dir` can be (or become) an output folder: not an existing file, no file on the
 * way, a writable folder at or above it, names not too long. Leaves nothing behind.
 */
export async function checkOutDir(dir: string, flag = "--out"): Promise<void> {
  const abs = path.resolve(dir);
  checkLength(flag, dir, abs, FOLDER_EXTRA);
  const st = await statOrCode(abs);
  if (typeof st !== "string" && !st.isDirectory())
    throw new InputError(`${flag}: ${dir} exists and is a file, not a folder`);
  await checkWritable(flag, await existingFolder(flag, dir, abs));
}

/**
 * Checks that `file` can be written (replacing a file of that name): its folder exists and is
 * writable, it is not a folder, and its name leaves room for the temporary suffix. Leaves
 * nothing behind.
 */
export async function checkOutFile(file: string, flag = "--out"): Promise<void> {
  const abs = path.resolve(file);
  checkLength(flag, file, abs, FILE_EXTRA);
  const st = await statOrCode(abs);
  if (typeof st !== "string" && st.isDirectory())
    throw new InputError(
      `${flag}: ${file} is a folder; give a file name, e.g. ${path.join(file, "trace.csv")}`,
    );
  const folder = path.dirname(abs);
  const parent = await statOrCode(folder);
  if (parent === "ENOENT") throw new InputError(`${flag}: folder ${path.dirname(file)} does not exist`);
  if (typeof parent === "string" || !parent.isDirectory())
    throw new InputError(`${flag}: ${path.dirname(file)} is not a folder`);
  await checkWritable(flag, folder);
}
