import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { tmpdir } from "node:os";
import { join } from "node:path";
import seedrandom from "seedrandom";
import {
  readNativeKept,
  type NativeParser,
  type TraceJobs,
  type TraceReadOptions,
} from "../../src/workloads/native-csv.js";
import { readPlainNative } from "../../src/workloads/native-fast.js";
import { HEADER, OPTIONAL } from "../../src/workloads/native-row.js";

/**
 * The fast path against csv-parse, the reference: many seeded random files (plain rows, quoted
 * fields, quoted line breaks, CRLF, lone CRs, empty and blank lines, spaces, odd numbers, bad
 * rows, duplicate ids, byte order marks, gzip, windows and rate multipliers) must give the very
 * same jobs, or the very same error, both ways. Each optional column (prefill, GPUs, priority,
 * gang) is in about 60 % of the files.
 */

const FILES = 400;
type Rng = () => number;

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cellsim-native-fuzz-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)] as T;

/**
 * Values of one column: the first four plain and valid; then values only the reference parser
 * reads (exponents, signs, hex, leading dots, blanks, non-breaking spaces), then bad ones.
 */
const VALUES: Record<string, readonly string[]> = {
  submit_s: [
    "0",
    "1",
    "2.5",
    "10",
    "0.0000005",
    "3600.25",
    "1e2",
    "+4",
    " 7 ",
    "\t8",
    "-1",
    "",
    "x",
    "1.2.3",
  ],
  workload: ["batch", "service", " batch", "service\t", "Batch", "prod", "", '"batch"', "batch\u00a0"],
  tasks: ["1", "3", "100", "007", "1.5", "2e1", "0x10", "0", ""],
  cpus_per_task: ["0.5", "1", "0", "0.25", ".5", "5.", "-0", "-1", "Infinity", "1234567890123456", ""],
  mem_gb_per_task: ["2", "0.0625", "16", "4 ", "1e-3", "", "a", "\u00e9"],
  duration_s: ["60", "0.000001", "3600", "0.0000001", "0", "-5", "1e400", '"10"'],
  prefill: ["0", "1", "0", "1", "true", "FALSE", "00", "yes", ""],
  gpus_per_task: ["0", "0.5", "1", "", "8", "2.", "1e0", "-0", "-0.5", "half", "Infinity"],
  priority: ["", "0", "9", "103", "-1", "+2", "1e2", "2.5", "p", "9007199254740993"],
  gang: ["0", "1", "", "1", "true", "False", "2", "yes"],
};

/** One row; `mess` is the chance of each odd value or odd row shape. */
function row(rng: Rng, columns: readonly string[], id: number, mess: number): string {
  const cells = columns.map((c) => {
    if (c === "job_id") return rng() < mess ? pick(rng, ["-1", "1.5", "", "01", " 3", "1"]) : String(id);
    const values = VALUES[c] ?? ["?"];
    return rng() < mess ? pick(rng, values) : pick(rng, values.slice(0, 4));
  });
  const r = rng() / mess;
  if (r < 0.2) cells.pop();
  else if (r < 0.4) cells.push("extra");
  else if (r < 0.6) cells[0] = `"${cells[0] ?? ""}"`;
  else if (r < 0.7) cells[1] = `"a\nb"`;
  return cells.join(",");
}

function header(rng: Rng): string[] {
  const columns: string[] = [...HEADER];
  for (const optional of OPTIONAL) if (rng() < 0.6) columns.push(optional);
  for (let i = columns.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [columns[i], columns[j]] = [columns[j] as string, columns[i] as string];
  }
  if (rng() < 0.02) columns.pop();
  if (rng() < 0.02) columns.push("weight");
  return columns;
}

/** One random file's text and read options. */
function randomFile(rng: Rng): { text: string; gz: boolean; opts: TraceReadOptions } {
  const columns = header(rng);
  const lines: string[] = [rng() < 0.1 ? columns.map((c) => ` ${c} `).join(",") : columns.join(",")];
  if (rng() < 0.1) lines.unshift("");
  if (rng() < 0.03) lines[0] = `\ufeff${lines[0] ?? ""}`; // a byte order mark: csv-parse keeps it
  const rows = Math.floor(rng() * 30);
  const mess = pick(rng, [0.001, 0.01, 0.05]);
  for (let i = 0; i < rows; i++) {
    const r = rng();
    if (r < 0.05) lines.push(pick(rng, ["", "   ", "\t", " , ", "\u00a0", "\f"]));
    else lines.push(row(rng, columns, rng() < mess ? 1 : i + 1, mess));
  }
  const eol = rng() < 0.3 ? "\r\n" : "\n";
  let text = lines.join(eol) + (rng() < 0.8 ? eol : "");
  const odd = rng();
  if (odd < 0.03) text = text.replace("\n", "\r");
  else if (odd < 0.06) text += pick(rng, ["\n", "\r\n", "1,2\r", "\n\n"]);
  const opts: TraceReadOptions =
    rng() < 0.3 ? { fromUs: 1e6, toUs: 5e6, rateMultiplier: { batch: pick(rng, [0, 0.5, 2]) } } : {};
  return { text, gz: rng() < 0.15, opts };
}

async function outcome(path: string, opts: TraceReadOptions, parser: NativeParser): Promise<unknown> {
  try {
    return { ok: (await readNativeKept(path, opts, parser)).toTraceJobs() };
  } catch (err) {
    return { error: `${(err as Error).name}: ${(err as Error).message}` };
  }
}

describe("native reader: fast path = csv-parse", () => {
  it(`${FILES} seeded random files give the same jobs or the same error`, async () => {
    const rng = seedrandom("native-fuzz");
    const seen = { valid: 0, errors: 0, plain: 0, gpus: 0, priority: 0, gang: 0 };
    for (let f = 0; f < FILES; f++) {
      const { text, gz, opts } = randomFile(rng);
      const path = join(dir, `f${f}.csv${gz ? ".gz" : ""}`);
      await writeFile(path, gz ? gzipSync(text) : text);
      const fast = await outcome(path, opts, "fast");
      expect(fast, `file ${f}: ${JSON.stringify(text)}`).toStrictEqual(
        await outcome(path, opts, "csv-parse"),
      );
      if ("ok" in (fast as object)) {
        seen.valid++;
        const jobs = (fast as { ok: TraceJobs }).ok.jobs;
        if (jobs.some((j) => (j.resources?.gpus ?? 0) > 0)) seen.gpus++;
        if (jobs.some((j) => j.priority !== undefined)) seen.priority++;
        if (jobs.some((j) => j.gang === true)) seen.gang++;
      } else seen.errors++;
      if ((await readPlainNative(path, opts).catch(() => "error")) !== undefined) seen.plain++;
    }
    // The files cover both outcomes and mostly take the fast path.
    expect(seen.valid).toBeGreaterThan(FILES / 5);
    expect(seen.errors).toBeGreaterThan(FILES / 5);
    expect(seen.plain).toBeGreaterThan(FILES / 2);
    // Valid files with each new column's values read.
    expect(Math.min(seen.gpus, seen.priority, seen.gang)).toBeGreaterThan(FILES / 10);
  });
});
