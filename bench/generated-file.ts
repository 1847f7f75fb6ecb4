import { closeSync, mkdirSync, openSync, renameSync, writeSync } from "node:fs";
import path from "node:path";

/** Bytes gathered before each write: large writes, bounded memory. */
const CHUNK_CHARS = 1 << 20;

/**
 * Writes `lines` (each without its newline) to `target`, creating its folder: under a temporary
 * name, renamed when complete, so an interrupted run never leaves half a file behind for the next
 * run to take as generated.
 */
export function writeGeneratedFile(target: string, lines: Iterable<string>): void {
  mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}.tmp`;
  const fd = openSync(tmp, "w");
  let chunk = "";
  for (const line of lines) {
    chunk += `${line}\n`;
    if (chunk.length > CHUNK_CHARS) {
      writeSync(fd, chunk);
      chunk = "";
    }
  }
  writeSync(fd, chunk);
  closeSync(fd);
  renameSync(tmp, target);
}
