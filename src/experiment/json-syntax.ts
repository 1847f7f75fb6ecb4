import { InputError } from "../engine/errors.js";

/**
 * JSON syntax errors as an editor shows them: `x.json:3:17: not valid JSON: <reason>`.
 *
 * V8 reports a character offset for most errors ("… in JSON at position 35") and none at all
 * for others ("Unexpected token 'x', "…" is not valid JSON"). Rather than depend on either
 * wording, the offset is found the same way for every error: the longest prefix of the text
 * that is still the beginning of some valid JSON ends right before the offending character.
 * A prefix is such a beginning when parsing it fails only for running out of text.
 */

const POSITION = /at position (\d+)/;

/** True if `prefix` parses, or fails only because the text ends too early. */
function isViablePrefix(prefix: string): boolean {
  try {
    JSON.parse(prefix);
    return true;
  } catch (e) {
    const message = (e as Error).message;
    if (message === "Unexpected end of JSON input") return true;
    const at = POSITION.exec(message);
    return at !== null && Number(at[1]) >= prefix.length;
  }
}

/** Offset of the first character no valid JSON text can have there (binary search on prefixes). */
export function jsonErrorOffset(text: string): number {
  let viable = 0;
  let broken = text.length + 1;
  while (broken - viable > 1) {
    const mid = (viable + broken) >> 1;
    if (isViablePrefix(text.slice(0, mid))) viable = mid;
    else broken = mid;
  }
  return broken - 1;
}

/** 1-based line and column of `offset` in `text` (an offset at the end is one past the last character). */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf("\n") + 1;
  return { line: before.split("\n").length, column: offset - lineStart + 1 };
}

/** V8's reason without its position and without its copy of the text around the error. */
function reason(message: string): string {
  return message
    .replace(/^(Unexpected token .*?), .* is not valid JSON$/s, "$1")
    .replace(/ (?:in JSON )?at position \d+.*$/s, "");
}

/** The InputError for text that JSON.parse rejected with `error`. */
export function jsonSyntaxError(file: string, text: string, error: Error): InputError {
  const { line, column } = lineColumn(text, Math.min(jsonErrorOffset(text), text.length));
  return new InputError(`${file}:${line}:${column}: not valid JSON: ${reason(error.message)}`);
}
