/**
 * Small HTML building blocks for the report: escaping, deterministic number formatting, tables
 * and definition lists. Every piece of text from results or the manifest passes through `esc`.
 */
import type { TableCell } from "./types.js";

const ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes text for HTML element content and quoted attribute values. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/**
 * Formats a number the same way on every machine: integers as-is, others to 4 significant
 * digits, very small or large magnitudes in exponent form. No locale (no thousands separators).
 */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  const abs = Math.abs(x);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e9)) return x.toExponential(3);
  return String(Number(x.toPrecision(4)));
}

/** A table cell as text (numbers through `format`, by default {@link formatNumber}). */
export function formatCell(
  cell: TableCell | undefined,
  format: (x: number) => string = formatNumber,
): string {
  if (cell === undefined) return "";
  return typeof cell === "number" ? format(cell) : cell;
}

/** A data table; numeric cells are right-aligned and written with `format`. */
export function htmlTable(
  columns: string[],
  rows: TableCell[][],
  format: (x: number) => string = formatNumber,
): string {
  const head = columns.map((c) => `<th scope="col">${esc(c)}</th>`).join("");
  const body = rows
    .map((row) => {
      const cells = row.map((cell) => {
        const cls = typeof cell === "number" ? ' class="num"' : "";
        return `<td${cls}>${esc(formatCell(cell, format))}</td>`;
      });
      return `<tr>${cells.join("")}</tr>`;
    })
    .join("\n");
  return `<div class="table-wrap"><table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table></div>`;
}

/**
 * A definition list of label → value (values already plain text; escaped here). A value given as
 * several lines shows one line each (a block per line, so long lines wrap on their own).
 */
export function definitionList(items: [string, string | string[]][]): string {
  const value = (v: string | string[]): string =>
    typeof v === "string" ? esc(v) : v.map((line) => `<div>${esc(line)}</div>`).join("");
  const rows = items.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${value(v)}</dd>`).join("\n");
  return `<dl>\n${rows}\n</dl>`;
}

/** An id usable in `href="#…"`: lowercase letters, digits and dashes, unique within `used`. */
export function uniqueId(base: string, used: Set<string>): string {
  const clean =
    base
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "section";
  let id = clean;
  for (let n = 2; used.has(id); n++) id = `${clean}-${n}`;
  used.add(id);
  return id;
}

/** Reads a value at a dotted path of an unknown JSON value; undefined when any step is missing. */
export function readPath(value: unknown, path: string): unknown {
  let at: unknown = value;
  for (const key of path.split(".")) {
    if (typeof at !== "object" || at === null || Array.isArray(at)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

/** The first of several candidate paths that is present (manifests may spell fields differently). */
export function readFirst(value: unknown, paths: string[]): unknown {
  for (const path of paths) {
    const found = readPath(value, path);
    if (found !== undefined && found !== null) return found;
  }
  return undefined;
}

/** Compact text for a JSON value: strings bare, everything else as single-line JSON. */
export function jsonText(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number") return formatNumber(value);
  return JSON.stringify(value) ?? "";
}
