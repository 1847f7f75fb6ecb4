import { open } from "node:fs/promises";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { StringDecoder } from "node:string_decoder";
import { createGunzip } from "node:zlib";
import { InputError } from "../../engine/errors.js";

/**
 * Streaming line reader over one or more files (`.gz` gunzipped on the fly). Only the current
 * chunk and the unfinished line are in memory, so memory does not grow with the file size.
 *
 * Why not csv-parse for the big formats: measured on the Google task_events shard (450,146 rows),
 * csv-parse's stream API delivers ~75,000 rows/s, splitting lines by hand ~745,000 rows/s. The
 * Google, Alibaba and SWF files are unquoted, so fields.ts splits them directly (quoted lines
 * still go through csv-parse there).
 */

const CHUNK_BYTES = 1 << 20;

/**
 * A UTF-8 byte order mark (EF BB BF) at the start of a file is not data: spreadsheet programs
 * write one before CSV text. Both line readers drop it from a file's first line, so every reader
 * (and both modes of each: strict and skipInvalid) sees the same first field. A BOM anywhere else
 * is left as it is.
 */
const BOM = "\uFEFF";
const BOM_BYTES = Buffer.from(BOM);

/** The start of `bytes[start, end)` after a leading BOM, if any. */
function afterBom(bytes: Buffer, start: number, end: number): number {
  return end - start >= 3 && bytes.compare(BOM_BYTES, 0, 3, start, start + 3) === 0 ? start + 3 : start;
}

/** Called per line (without the line break) with its 1-based number; return false to stop reading. */
export type LineVisitor = (line: string, lineNo: number, file: string) => boolean | void;

/** Opens a file for reading; a missing file is an InputError naming it. */
export async function openTraceFile(path: string): Promise<Readable> {
  try {
    // Large chunks: fewer stream callbacks and gunzip round trips per row.
    return (await open(path, "r")).createReadStream({ highWaterMark: CHUNK_BYTES });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") throw new InputError(`${path}: file not found`);
    throw new InputError(`${path}: cannot open: ${(err as Error).message}`);
  }
}

/**
 * The file's content stream (gunzipped when it ends in .gz) and, for gzip, the pipeline's
 * settlement (resolves to its error, if any, so a corrupt file is reported, not thrown twice).
 */
async function openDecompressed(file: string): Promise<{ stream: Readable; piping?: Promise<unknown> }> {
  const source = await openTraceFile(file);
  if (!file.endsWith(".gz")) return { stream: source };
  const gunzip = createGunzip({ chunkSize: CHUNK_BYTES });
  const piping = pipeline(source, gunzip).then(
    () => undefined,
    (e: unknown) => e,
  );
  return { stream: gunzip, piping };
}

/** Reads `files` in order, line by line. Resolves false if a visitor stopped the reading. */
export async function forEachLine(files: readonly string[], visit: LineVisitor): Promise<boolean> {
  for (const file of files) {
    if (!(await forEachLineOfFile(file, visit))) return false;
  }
  return true;
}

async function forEachLineOfFile(file: string, visit: LineVisitor): Promise<boolean> {
  const { stream, piping } = await openDecompressed(file);
  const decoder = new StringDecoder("utf8");
  let rest = "";
  let lineNo = 0;
  let stopped = false;
  try {
    for await (const chunk of stream) {
      const text = rest + decoder.write(chunk as Buffer);
      let start = 0;
      for (let end = text.indexOf("\n"); end >= 0; end = text.indexOf("\n", start)) {
        const from = lineNo === 0 && text.startsWith(BOM, start) ? start + 1 : start;
        const line = text.charCodeAt(end - 1) === 13 ? text.slice(from, end - 1) : text.slice(from, end);
        start = end + 1;
        if (visit(line, ++lineNo, file) === false) {
          stopped = true;
          break;
        }
      }
      if (stopped) break;
      rest = text.slice(start);
    }
    rest += decoder.end();
    if (lineNo === 0 && rest.startsWith(BOM)) rest = rest.slice(1);
    if (!stopped && rest !== "") stopped = visit(rest, ++lineNo, file) === false;
  } catch (err) {
    stream.destroy();
    await piping;
    throw readError(file, err);
  }
  if (stopped) stream.destroy();
  // A gzip error ends the iteration early or surfaces here; an early stop's own abort does not count.
  const failure = await piping;
  if (failure && !stopped) throw readError(file, failure);
  return !stopped;
}

/**
 * Called per line with its bytes `bytes[start, end)` (UTF-8, without the line break; a CR before
 * the LF is dropped, as {@link forEachLine} does) and its 1-based number; return false to stop.
 * The bytes are only valid during the call.
 */
export type ByteLineVisitor = (
  bytes: Buffer,
  start: number,
  end: number,
  lineNo: number,
  file: string,
) => boolean | void;

/**
 * Same as {@link forEachLine} on the raw bytes: no decoding and no string per line (the Google
 * reader's hot path scans fields straight from the bytes). Lines are the same as forEachLine's:
 * split at LF, CR before LF dropped, a last line without LF kept as is.
 */
export async function forEachLineBytes(files: readonly string[], visit: ByteLineVisitor): Promise<boolean> {
  for (const file of files) {
    if (!(await forEachByteLineOfFile(file, visit))) return false;
  }
  return true;
}

async function forEachByteLineOfFile(file: string, visit: ByteLineVisitor): Promise<boolean> {
  const { stream, piping } = await openDecompressed(file);
  /** The unfinished line carried over from the previous chunk(s). */
  let rest: Buffer | undefined;
  let lineNo = 0;
  let stopped = false;
  try {
    for await (const data of stream) {
      const chunk = data as Buffer;
      let start = 0;
      if (rest) {
        const nl = chunk.indexOf(10);
        if (nl < 0) {
          rest = Buffer.concat([rest, chunk]);
          continue;
        }
        // The carried line's end: join it with this chunk's first line only.
        const line = Buffer.concat([rest, chunk.subarray(0, nl)]);
        rest = undefined;
        const end = line.length > 0 && line[line.length - 1] === 13 ? line.length - 1 : line.length;
        if (visit(line, lineNo === 0 ? afterBom(line, 0, end) : 0, end, ++lineNo, file) === false) {
          stopped = true;
          break;
        }
        start = nl + 1;
      }
      for (let end = chunk.indexOf(10, start); end >= 0; end = chunk.indexOf(10, start)) {
        const lineEnd = end > start && chunk[end - 1] === 13 ? end - 1 : end;
        const from = lineNo === 0 ? afterBom(chunk, start, lineEnd) : start;
        if (visit(chunk, from, lineEnd, ++lineNo, file) === false) {
          stopped = true;
          break;
        }
        start = end + 1;
      }
      if (stopped) break;
      if (start < chunk.length) rest = Buffer.from(chunk.subarray(start));
    }
    if (!stopped && rest && rest.length > 0) {
      const from = lineNo === 0 ? afterBom(rest, 0, rest.length) : 0;
      stopped = visit(rest, from, rest.length, ++lineNo, file) === false;
    }
  } catch (err) {
    stream.destroy();
    await piping;
    throw readError(file, err);
  }
  if (stopped) stream.destroy();
  // A gzip error ends the iteration early or surfaces here; an early stop's own abort does not count.
  const failure = await piping;
  if (failure && !stopped) throw readError(file, failure);
  return !stopped;
}

function readError(file: string, err: unknown): Error {
  if (err instanceof InputError) return err;
  const e = err as { code?: string; message?: string };
  if (typeof e.code === "string" && e.code.startsWith("Z_"))
    return new InputError(`${file}: not a valid gzip file (${e.message ?? e.code})`);
  return new InputError(`${file}: cannot read: ${e.message ?? String(err)}`);
}
