import type { Argv } from "yargs";
import { InputError } from "../../engine/errors.js";
import { cliDurationValue, parseDurationUs } from "../../engine/time.js";
import { TRACE_FORMAT_NAMES, TRACE_FORMATS, type TraceFormatName } from "../../workloads/formats.js";
import { skipWarning, type SkipCounts } from "../../workloads/traces/read-checks.js";
import type { AnyReadOptions, TaskDurationRule } from "../../workloads/traces/types.js";

/**
 * The trace-reading options shared by `trace inspect` and `trace convert`, and how they become
 * reader options. A trace argument is a path, a glob (quoted, so cellsim expands it; an unquoted
 * one reaches `trace inspect` as separate shards, regrouped by trace-shards.ts) or a
 * comma-separated list of shards, read in order.
 */

/** Parsed command-line values of the reading options. */
export interface TraceReadArgs {
  format?: string;
  from?: string;
  to?: string;
  skipInvalid?: boolean;
  skipWarnShare?: number;
  jobEvents?: string;
  collectionEvents?: string;
  machineCpus?: number;
  machineMemGb?: number;
  taskDuration?: string;
  processors?: string;
  jobTable?: string;
  failed?: string;
  gang?: boolean;
  machineType?: number;
}

/** Adds the reading options to a command. */
export function withTraceReadOptions<T>(y: Argv<T>): Argv<T> {
  return y
    .option("format", {
      type: "string",
      describe: `trace format: ${TRACE_FORMAT_NAMES.join("|")} (default: guessed from the file name)`,
    })
    .option("from", {
      type: "string",
      describe: "window start in trace time, e.g. 10m (jobs shift so it becomes 0)",
    })
    .option("to", {
      type: "string",
      describe: "window end in trace time, e.g. 2h (running tasks are censored there)",
    })
    .option("skip-invalid", { type: "boolean", describe: "skip unusable rows and count them by reason" })
    .option("skip-warn-share", {
      type: "number",
      describe: "with --skip-invalid: warn when more than this share (0-1) of rows is skipped (default 0.5)",
    })
    .option("job-events", { type: "string", describe: "google-2011: job_events shards (path, glob or list)" })
    .option("collection-events", {
      type: "string",
      describe: "google-2019: collection_events export (path, glob or list)",
    })
    .option("machine-cpus", {
      type: "number",
      describe: "google-2011/2019, azure-packing-2020: CPUs of a normalized 1.0 machine (default 8)",
    })
    .option("machine-mem-gb", {
      type: "number",
      describe:
        "google-2011/2019, alibaba-2018, azure-packing-2020: memory of a normalized 1.0 (100) machine",
    })
    .option("task-duration", {
      type: "string",
      describe: "google-2011/2019: mean|median|max of the task durations (default mean)",
    })
    .option("processors", { type: "string", describe: "swf: tasks|one-task (default tasks)" })
    .option("job-table", {
      type: "string",
      describe: "alibaba-pai-2020: pai_job_table (path, glob or list): submit = the job's submission",
    })
    .option("failed", { type: "string", describe: "alibaba-pai-2020: keep|drop Failed tasks (default keep)" })
    .option("gang", {
      type: "boolean",
      describe: "alibaba-pai-2020: multi-instance GPU tasks are gangs (default true; --no-gang)",
    })
    .option("machine-type", {
      type: "number",
      describe: "azure-packing-2020: vmType machineId sizing the VMs (default: the one most VM types run on)",
    }) as Argv<T>;
}

/**
 * `a.gz,b.gz` → two paths; a single path stays a string. Commas inside a glob's braces
 * (`x-{a,b}.gz`) belong to the glob.
 */
export function tracePaths(arg: string): string | string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < arg.length; i++) {
    const c = arg[i];
    if (c === "{") depth++;
    else if (c === "}") depth = Math.max(0, depth - 1);
    else if (c === "," && depth === 0) {
      parts.push(arg.slice(start, i));
      start = i + 1;
    }
  }
  if (parts.length === 0) return arg;
  parts.push(arg.slice(start));
  return parts.filter((p) => p !== "");
}

/** The format named by --format, else guessed from the file name. */
export function formatOf(arg: string, format: string | undefined): TraceFormatName {
  if (format !== undefined) {
    if (!Object.hasOwn(TRACE_FORMATS, format))
      throw new InputError(
        `--format: unknown trace format "${format}": expected one of ${TRACE_FORMAT_NAMES.join("|")}`,
      );
    return format as TraceFormatName;
  }
  if (/task_events/.test(arg)) return "google-2011";
  if (/instance_events/.test(arg)) return "google-2019";
  if (/\.swf(\.gz)?$/.test(arg)) return "swf";
  if (/pai_task_table/.test(arg)) return "alibaba-pai-2020";
  if (/batch_task|alibaba/.test(arg)) return "alibaba-2018";
  if (/\.sqlite3?$|packing_trace/.test(arg)) return "azure-packing-2020";
  return "cellsim";
}

function durationArg(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const us = parseDurationUs(cliDurationValue(value));
  if (typeof us === "string") throw new InputError(`--${name}: ${us}`);
  return us;
}

/** Reader options from the command line (only the ones given). */
export function readOptionsOf(a: TraceReadArgs): AnyReadOptions {
  const o: AnyReadOptions = {};
  const fromUs = durationArg("from", a.from);
  const toUs = durationArg("to", a.to);
  if (fromUs !== undefined) o.fromUs = fromUs;
  if (toUs !== undefined) o.toUs = toUs;
  if (a.skipInvalid) o.skipInvalid = true;
  if (a.skipWarnShare !== undefined) {
    if (!(a.skipWarnShare >= 0 && a.skipWarnShare <= 1))
      throw new InputError(`--skip-warn-share: expected a share from 0 to 1, got ${a.skipWarnShare}`);
    o.skipWarnShare = a.skipWarnShare;
  }
  if (a.jobEvents) o.jobEvents = [a.jobEvents].flatMap(tracePaths);
  if (a.collectionEvents) o.collectionEvents = [a.collectionEvents].flatMap(tracePaths);
  if (a.machineCpus !== undefined || a.machineMemGb !== undefined)
    o.machine = { cpus: a.machineCpus ?? 8, memGb: a.machineMemGb ?? 32 };
  if (a.machineMemGb !== undefined) o.machineMemGb = a.machineMemGb;
  if (a.taskDuration !== undefined) {
    if (!["mean", "median", "max"].includes(a.taskDuration))
      throw new InputError(`--task-duration: expected mean|median|max, got "${a.taskDuration}"`);
    o.taskDuration = a.taskDuration as TaskDurationRule;
  }
  if (a.processors !== undefined) {
    if (a.processors !== "tasks" && a.processors !== "one-task")
      throw new InputError(`--processors: expected tasks|one-task, got "${a.processors}"`);
    o.processors = a.processors;
  }
  if (a.jobTable) o.jobTable = [a.jobTable].flatMap(tracePaths);
  if (a.failed !== undefined) {
    if (a.failed !== "keep" && a.failed !== "drop")
      throw new InputError(`--failed: expected keep|drop, got "${a.failed}"`);
    o.failed = a.failed;
  }
  if (a.gang !== undefined) o.gang = a.gang;
  if (a.machineType !== undefined) {
    if (!Number.isSafeInteger(a.machineType) || a.machineType < 0)
      throw new InputError(`--machine-type: expected a machineId (a whole number ≥ 0), got ${a.machineType}`);
    o.machineType = a.machineType;
  }
  return o;
}

/** Prints the skipped-share warning of a read (read-checks.ts) on stderr, if it has one. */
export function warnOfSkips(read: SkipCounts, opts: AnyReadOptions): void {
  const warning = skipWarning(read, opts);
  if (warning !== undefined) process.stderr.write(`cellsim: warning: ${warning}\n`);
}
