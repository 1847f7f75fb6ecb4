import { createHash } from "node:crypto";
import { createReadStream, existsSync } from "node:fs";
import path from "node:path";
import { InputError } from "../engine/errors.js";
import { readNativeTrace } from "../workloads/native-csv.js";
import type { TracePathResolver } from "./resolve.js";

/**
 * Input files of an experiment: where trace paths point, checking they exist and parse, and
 * their hashes (for the manifest and for run hashes, so editing a trace re-runs its runs).
 */

/** An input file and the sha256 of its bytes (hex). */
export interface InputFile {
  path: string;
  sha256: string;
}

/** sha256 of a file, streamed. */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/**
 * Trace paths are relative to the experiment file's folder; if the file is not there but exists
 * relative to the current directory, that one is used (experiment files written as
 * `"traces/x.csv"` work when run from the repository root). Returned relative to the current
 * directory so run hashes do not depend on where the checkout lives.
 */
export function tracePathResolver(experimentDir: string): TracePathResolver {
  return (written) => {
    if (path.isAbsolute(written)) return written;
    const beside = path.join(experimentDir, written);
    if (!existsSync(beside) && existsSync(written)) return path.normalize(written);
    return path.relative(process.cwd(), path.resolve(beside));
  };
}

/**
 * Checks every distinct trace of the runs: it exists and parses (read once with the trace
 * reader, whose errors name file:line). Returns the traces with their hashes, sorted by path.
 */
export async function checkTraces(
  runs: readonly { config: { workload: { type: string; path?: string } } }[],
  experimentFile: string,
): Promise<InputFile[]> {
  const paths = new Set<string>();
  for (const r of runs)
    if (r.config.workload.type === "trace" && r.config.workload.path) paths.add(r.config.workload.path);
  const out: InputFile[] = [];
  for (const p of [...paths].sort()) {
    if (!existsSync(p)) throw new InputError(`${experimentFile}: workload.trace: file not found: ${p}`);
    await readNativeTrace(p);
    out.push({ path: p, sha256: await sha256File(p) });
  }
  return out;
}
