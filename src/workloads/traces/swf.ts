import type { JobSpec, WorkloadKind } from "../../cluster/job.js";
import { finishJobs, inWindow, windowOf } from "./finish.js";
import { forEachLine } from "./lines.js";
import { expandTracePaths } from "./paths.js";
import { requireRows } from "./read-checks.js";
import { expectColumns, intField, numField, RowIssues, RowProblem, splitWhitespace } from "./rows.js";
import type { SwfReadOptions, TraceReadResult } from "./types.js";

/**
 * Reader of Standard Workload Format logs (Parallel Workloads Archive, SWF v2.2): `;` header
 * lines, then 18 whitespace-separated fields per job, −1 = unknown. Mapping (docs/traces.md):
 * - id = job number, submit = submit time (s), duration = run time (s; 0 → 1 µs);
 * - processors = allocated, else requested (−1 both → unusable row); "tasks" mode makes one
 *   task per processor with `cpusPerProcessor` CPUs, "one-task" one task with all of them;
 * - memory per processor = requested, else used (KB), else `memGbPerProcessor`;
 * - kind by queue number, then partition number, else `defaultKind` (an HPC log is batch);
 * - run time −1 (unknown) → unusable row; status is not used (cancelled jobs ran 0 s or −1);
 * - priority = `queuePriorities[queue]`, else the queue number (none if −1).
 */

const SWF_COLUMNS = 18;
const KB_PER_GB = 1024 * 1024;

/** Reads an SWF log (or several, in order). */
export async function readSwf(
  paths: string | readonly string[],
  opts: SwfReadOptions = {},
): Promise<TraceReadResult> {
  const window = windowOf(opts);
  const issues = new RowIssues(opts.skipInvalid ?? false);
  const files = expandTracePaths(paths);
  const kept: JobSpec[] = [];
  const seen = new Set<number>();
  let rows = 0;
  await forEachLine(files, (line, lineNo, file) => {
    const fields = splitWhitespace(line);
    if (fields.length === 0 || (fields[0] ?? "").startsWith(";")) return;
    rows++;
    const job = issues.guard(file, lineNo, () => {
      const j = swfJob(fields, opts);
      if (seen.has(j.id)) throw new RowProblem("duplicate job number", String(j.id));
      seen.add(j.id);
      return j;
    });
    const shifted = job && inWindow(job, window);
    if (shifted) kept.push(shifted);
  });
  requireRows(
    files,
    rows,
    `SWF job rows (${SWF_COLUMNS} whitespace-separated fields; ';' lines are comments)`,
  );
  const jobs = finishJobs(kept, opts.rateMultiplier);
  return { prefill: [], jobs, files, rows, skipped: issues.skipped, dropped: {} };
}

/** One SWF row → a job (RowProblem if it cannot be used). */
export function swfJob(f: readonly string[], opts: SwfReadOptions): JobSpec {
  expectColumns(f, SWF_COLUMNS);
  const runSec = numField(f, 3, "run time", { min: -1 });
  if (runSec < 0) throw new RowProblem("run time unknown (-1)", `job ${f[0]}`);
  const processors = processorsOf(f);
  const cpusPerProcessor = opts.cpusPerProcessor ?? 1;
  const memGb = memGbPerProcessor(f, opts.memGbPerProcessor ?? 0);
  const oneTask = opts.processors === "one-task";
  return {
    id: intField(f, 0, "job number"),
    submitUs: Math.round(numField(f, 1, "submit time") * 1e6),
    kind: kindOf(f, opts),
    tasks: oneTask ? 1 : processors,
    cpusPerTask: oneTask ? processors * cpusPerProcessor : cpusPerProcessor,
    memGbPerTask: oneTask ? processors * memGb : memGb,
    durationUs: Math.max(1, Math.round(runSec * 1e6)),
    prefill: false,
    ...priorityOf(f, opts),
  };
}

/**
 * The job's priority: `queuePriorities[queue]` when given, else the queue number itself
 * (field 15, an integer ≥ 0); none when the queue is unknown (−1) or not an integer.
 */
function priorityOf(f: readonly string[], opts: SwfReadOptions): { priority?: number } {
  const queue = f[14] ?? "";
  const mapped = opts.queuePriorities?.[queue];
  if (mapped !== undefined) return { priority: mapped };
  const n = queue === "" ? NaN : Number(queue);
  return Number.isSafeInteger(n) && n >= 0 ? { priority: n } : {};
}

function processorsOf(f: readonly string[]): number {
  const allocated = intField(f, 4, "allocated processors", -1);
  const requested = intField(f, 7, "requested processors", -1);
  const n = allocated > 0 ? allocated : requested;
  if (n <= 0) throw new RowProblem("processors unknown (-1 or 0)", `allocated ${f[4]}, requested ${f[7]}`);
  return n;
}

/** Requested memory (field 10), else used memory (field 7), in KB per processor. */
function memGbPerProcessor(f: readonly string[], fallbackGb: number): number {
  const requested = numField(f, 9, "requested memory", { min: -1 });
  const used = numField(f, 6, "used memory", { min: -1 });
  if (requested > 0) return requested / KB_PER_GB;
  if (used > 0) return used / KB_PER_GB;
  return fallbackGb;
}

function kindOf(f: readonly string[], opts: SwfReadOptions): WorkloadKind {
  const queue = opts.queueKinds?.[f[14] ?? ""];
  if (queue) return queue;
  return opts.partitionKinds?.[f[15] ?? ""] ?? opts.defaultKind ?? "batch";
}
