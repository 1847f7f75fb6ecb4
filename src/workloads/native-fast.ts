import type { JobSpec } from "../cluster/job.js";
import type { TraceReadOptions } from "./native-csv.js";
import { KeptJobs } from "./native-kept.js";
import { readHeader, rowParserOf, type Column, type NativeLayout, type RowParser } from "./native-row.js";
import { forEachLineBytes } from "./traces/lines.js";
import { plainDecimal } from "./traces/scan.js";

/**
 * The native reader's fast path: plain lines (no double quote) are split on newlines and commas
 * straight from the (gunzipped) bytes, and plain numbers are read from the bytes, without a
 * string or an array per row. It reads a file exactly as csv-parse does with the options of
 * native-csv.ts (`trim`, `skip_empty_lines`, `relax_column_count`), or gives up on the whole
 * file, which is then read again by csv-parse, the reference:
 *
 * - A double quote anywhere: a quoted field may span lines, and csv-parse's own messages for
 *   bad quoting name its own line count; reading the file again keeps both exactly right.
 * - Line endings other than csv-parse's: csv-parse takes the first line's ending (CRLF or LF)
 *   for the whole file; any CR that is not part of that ending gives up (a lone CR, or a CRLF in
 *   an LF file, which csv-parse counts as two lines). An LF-only line in a CRLF file gives up
 *   too (csv-parse does not split there), unless it is the file's last line.
 *
 * Field text is trimmed as csv-parse trims it: leading space, tab and form feed, trailing
 * JavaScript whitespace (csv-parse trims the end with `trimEnd`). A row that is not plain —
 * wrong column count, a value that is not plain digits, non-ASCII text, an invalid value — goes
 * to the reference row parser (native-row.ts) as strings, so every message is the reference's.
 */

const TAB = 9;
const VT = 11;
const FF = 12;
const CR = 13;
const SPACE = 32;
const QUOTE = 34;
const COMMA = 44;
const ZERO = 48;
/** Numbers of up to 15 digits are exact doubles (10^15 < 2^53). */
const MAX_PLAIN_DIGITS = 15;
const BATCH = Buffer.from("batch");
const SERVICE = Buffer.from("service");

/** What reading gave: the jobs kept, or `undefined` when the file needs csv-parse. */
export type PlainRead = { kept: KeptJobs; header: boolean } | undefined;

/**
 * Reads a native trace with the fast path; `undefined` if the file is not plain (see above).
 * Validation errors are thrown as they are met, exactly where csv-parse would meet them: every
 * line before the one that made it give up was read the same way by both.
 */
export async function readPlainNative(path: string, opts: TraceReadOptions): Promise<PlainRead> {
  let reader: PlainRows | undefined;
  const complete = await forEachLineBytes([path], (bytes, start, end, lineNo) => {
    // Made once the file is open: a missing file is reported before bad options, as csv-parse's path does.
    reader ??= new PlainRows(path, new KeptJobs(path, opts));
    return reader.line(bytes, start, end, lineNo);
  });
  reader ??= new PlainRows(path, new KeptJobs(path, opts));
  if (!complete || !reader.finish()) return undefined;
  return { kept: reader.kept, header: reader.layout !== undefined };
}

/** Field positions of the line being read; fields past `MAX_FIELDS` are only counted. */
const MAX_FIELDS = 16;

class PlainRows {
  layout: NativeLayout | undefined;
  private parse: RowParser | undefined;
  private positions: Positions | undefined;
  private crlf: boolean | undefined;
  /** An LF-only line of a CRLF file: fine if it is the last line, else csv-parse reads the file. */
  private held: { bytes: Buffer; lineNo: number } | undefined;
  private fieldCount = 0;
  private bytes: Buffer = Buffer.alloc(0);
  private lineStart = 0;
  private lineEnd = 0;
  private readonly starts = new Int32Array(MAX_FIELDS);
  private readonly ends = new Int32Array(MAX_FIELDS);
  /** Reused for every plain row (KeptJobs copies the values), and so is its `resources`. */
  private readonly gpus: { gpus: number } = { gpus: 0 };
  private readonly row: { -readonly [K in keyof JobSpec]: JobSpec[K] } = {
    id: 0,
    submitUs: 0,
    kind: "batch",
    tasks: 0,
    cpusPerTask: 0,
    memGbPerTask: 0,
    durationUs: 0,
    prefill: false,
    priority: undefined,
    gang: false,
    resources: undefined,
  };

  constructor(
    private readonly path: string,
    readonly kept: KeptJobs,
  ) {}

  /** Reads one line (`bytes[start, end)`, CR of a CRLF dropped); false gives up on the file. */
  line(bytes: Buffer, start: number, end: number, lineNo: number): boolean {
    if (this.held) return false;
    // forEachLineBytes drops the CR of a CRLF and leaves it at `end`.
    const endsWithCr = bytes[end] === CR;
    this.crlf ??= endsWithCr;
    if (this.crlf !== endsWithCr) {
      if (endsWithCr) return false;
      this.held = { bytes: Buffer.from(bytes.subarray(start, end)), lineNo };
      return true;
    }
    return this.read(bytes, start, end, lineNo);
  }

  /** Reads a held last line; false if the file needs csv-parse. */
  finish(): boolean {
    const held = this.held;
    this.held = undefined;
    return held ? this.read(held.bytes, 0, held.bytes.length, held.lineNo) : true;
  }

  private read(bytes: Buffer, start: number, end: number, lineNo: number): boolean {
    const split = this.split(bytes, start, end);
    if (split === "not plain") return false;
    if (split === "empty") return true;
    if (!this.layout || !this.parse || !this.positions) {
      this.layout = readHeader(this.path, lineNo, this.strings());
      this.parse = rowParserOf(this.path, this.layout);
      this.positions = positionsOf(this.layout);
      return true;
    }
    if (this.fieldCount === this.layout.width && this.fast(this.positions)) {
      this.kept.add(this.row, lineNo);
    } else this.kept.add(this.parse(lineNo, this.strings()), lineNo);
    return true;
  }

  /**
   * Finds the fields of `bytes[start, end)` (trimmed of ASCII blanks as csv-parse trims them);
   * "empty" for a line csv-parse skips, "not plain" for a quote or a CR. Non-ASCII bytes need no
   * check here: the fast values are ASCII only, so a field with one goes to the reference parser.
   */
  private split(bytes: Buffer, start: number, end: number): "empty" | "not plain" | "plain" {
    this.bytes = bytes;
    this.lineStart = start;
    this.lineEnd = end;
    let field = 0;
    let from = start;
    for (let i = start; i < end; i++) {
      const c = bytes[i] as number;
      // Digits, letters and '.' are above the comma: one comparison for most bytes.
      if (c > COMMA) continue;
      if (c === COMMA) {
        this.setField(field++, from, i);
        from = i + 1;
      } else if (c === QUOTE || c === CR) return "not plain";
    }
    this.setField(field++, from, end);
    this.fieldCount = field;
    return field === 1 && isBlank(bytes, start, end) ? "empty" : "plain";
  }

  private setField(field: number, from: number, to: number): void {
    if (field >= MAX_FIELDS) return;
    const bytes = this.bytes;
    let s = from;
    let e = to;
    while (s < e && isLeadingBlank(bytes[s] as number)) s++;
    while (e > s && isTrailingBlank(bytes[e - 1] as number)) e--;
    this.starts[field] = s;
    this.ends[field] = e;
  }

  /**
   * The record as csv-parse gives it: blanks dropped before each field, then trimEnd. Commas are
   * ASCII, never part of a UTF-8 sequence, so splitting the decoded line splits the same fields.
   */
  private strings(): string[] {
    const text = this.bytes.toString("utf8", this.lineStart, this.lineEnd);
    return text.split(",").map((f) => f.replace(LEADING_BLANKS, "").trimEnd());
  }

  /** Reads the row's values if every one is plain and valid; false sends it to the reference. */
  private fast(p: Positions): boolean {
    const row = this.row;
    if (this.matches(p.workload, BATCH)) row.kind = "batch";
    else if (this.matches(p.workload, SERVICE)) row.kind = "service";
    else return false;
    const durationSec = this.decimal(p.duration_s);
    const submitSec = this.decimal(p.submit_s);
    const cpus = this.decimal(p.cpus_per_task);
    const memGb = this.decimal(p.mem_gb_per_task);
    const id = this.integer(p.job_id);
    const tasks = this.integer(p.tasks);
    const prefill = p.prefill < 0 ? 0 : this.bit(p.prefill);
    if (durationSec <= 0 || submitSec < 0 || cpus < 0 || memGb < 0 || id < 0 || tasks < 1) return false;
    if (prefill !== 0 && prefill !== 1) return false;
    if (p.hasMore && !this.optional(p)) return false;
    row.id = id;
    row.submitUs = Math.round(submitSec * 1e6);
    row.tasks = tasks;
    row.cpusPerTask = cpus;
    row.memGbPerTask = memGb;
    row.durationUs = Math.max(1, Math.round(durationSec * 1e6));
    row.prefill = prefill === 1;
    return true;
  }

  /**
   * Reads the GPU, priority and gang columns into the row (an absent or empty one is none);
   * false sends the row to the reference, e.g. for a negative priority.
   */
  private optional(p: Positions): boolean {
    const gpus = this.empty(p.gpus_per_task) ? 0 : this.decimal(p.gpus_per_task);
    const priority = this.empty(p.priority) ? undefined : this.integer(p.priority);
    const gang = this.empty(p.gang) ? 0 : this.bit(p.gang);
    if (gpus < 0 || (priority !== undefined && priority < 0) || gang < 0) return false;
    this.gpus.gpus = gpus;
    this.row.resources = gpus > 0 ? this.gpus : undefined;
    this.row.priority = priority;
    this.row.gang = gang === 1;
    return true;
  }

  /** True for an absent column (position −1) or an empty field. */
  private empty(field: number): boolean {
    return field < 0 || this.starts[field] === this.ends[field];
  }

  private matches(field: number, word: Buffer): boolean {
    const s = this.starts[field] as number;
    if ((this.ends[field] as number) - s !== word.length) return false;
    for (let k = 0; k < word.length; k++) if (this.bytes[s + k] !== word[k]) return false;
    return true;
  }

  /** "0" → 0, "1" → 1, anything else −1 (the reference reads true/false in any case). */
  private bit(field: number): number {
    const s = this.starts[field] as number;
    if ((this.ends[field] as number) - s !== 1) return -1;
    const d = (this.bytes[s] as number) - ZERO;
    return d === 0 || d === 1 ? d : -1;
  }

  /** Digits only (1–15 of them): the value; anything else −1. */
  private integer(field: number): number {
    const s = this.starts[field] as number;
    const e = this.ends[field] as number;
    if (e === s || e - s > MAX_PLAIN_DIGITS) return -1;
    let x = 0;
    for (let k = s; k < e; k++) {
      const d = (this.bytes[k] as number) - ZERO;
      if (d < 0 || d > 9) return -1;
      x = x * 10 + d;
    }
    return x;
  }

  /** A plain decimal (traces/scan.ts), the very double Number(text) gives; anything else −1. */
  private decimal(field: number): number {
    return plainDecimal(this.bytes, this.starts[field] as number, this.ends[field] as number);
  }
}

const LEADING_BLANKS = /^[ \t\f]+/;

/** csv-parse drops these before a field (its list also has CR and LF, never inside a line here). */
function isLeadingBlank(c: number): boolean {
  return c === SPACE || c === TAB || c === FF;
}

/** True if csv-parse sees no field in `bytes[start, end)`: only blanks it drops before a field. */
function isBlank(bytes: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isLeadingBlank(bytes[i] as number)) return false;
  return true;
}

/** ASCII whitespace that trimEnd drops (CR and LF never occur inside a line here). */
function isTrailingBlank(c: number): boolean {
  return c === SPACE || c === TAB || c === VT || c === FF;
}

/** Field position of every column (−1: absent), and whether any but `prefill` of the optional ones is there. */
type Positions = Record<Column, number> & { hasMore: boolean };

function positionsOf(layout: NativeLayout): Positions {
  const at = (c: Column) => layout.index.get(c) ?? -1;
  return {
    hasMore: at("gpus_per_task") >= 0 || at("priority") >= 0 || at("gang") >= 0,
    job_id: at("job_id"),
    submit_s: at("submit_s"),
    workload: at("workload"),
    tasks: at("tasks"),
    cpus_per_task: at("cpus_per_task"),
    mem_gb_per_task: at("mem_gb_per_task"),
    duration_s: at("duration_s"),
    prefill: at("prefill"),
    gpus_per_task: at("gpus_per_task"),
    priority: at("priority"),
    gang: at("gang"),
  };
}
