import path from "node:path";
import { isGlob } from "../../workloads/traces/paths.js";
import { tracePaths } from "./trace-args.js";

/**
 * How `trace inspect`'s arguments become traces. Each argument is one trace (a path, a glob or a
 * comma-separated list), except that consecutive plain paths which are shards of one trace — what
 * the shell hands over for an unquoted glob such as `task_events-part-*.csv.gz` — are one trace,
 * read in name order. Shards of one trace: same folder, same guessed format, and names that
 * differ only in one run of digits of the same width (`part-00000-of-00500.csv.gz` /
 * `part-00001-of-00500.csv.gz`, BigQuery's `events-000000000000.json`, …).
 */

/** One trace to read: the name it is reported under, and its paths. */
export interface TraceInput {
  label: string;
  paths: string | string[];
}

/** `a-00012-of-00500.csv` → `["a-", "00012", "-of-", "00500", ".csv"]` (digit and other runs). */
function runsOf(name: string): string[] {
  return name.match(/\d+|\D+/g) ?? [];
}

/**
 * The one digit run where two file names differ (same width), or -1 when they differ in anything
 * else or not at all.
 */
function shardIndex(a: string, b: string): number {
  const ra = runsOf(a);
  const rb = runsOf(b);
  if (ra.length !== rb.length) return -1;
  let at = -1;
  for (let i = 0; i < ra.length; i++) {
    const x = ra[i] as string;
    const y = rb[i] as string;
    if (x === y) continue;
    if (at !== -1 || !/^\d/.test(x) || !/^\d/.test(y) || x.length !== y.length) return -1;
    at = i;
  }
  return at;
}

interface Group {
  paths: string[];
  /** The digit run the shards differ in (-1 while the group has one file). */
  at: number;
}

/** True if `p` continues `group`: same folder and format, and a sibling shard of its first file. */
function continues(group: Group, p: string, formatOf: (p: string) => string): boolean {
  const first = group.paths[0] as string;
  if (path.dirname(first) !== path.dirname(p) || formatOf(first) !== formatOf(p)) return false;
  const at = shardIndex(path.basename(first), path.basename(p));
  return at !== -1 && (group.at === -1 || group.at === at);
}

/** A group's name: its folder and file name with the varying digits as `*`. */
function groupLabel(group: Group): string {
  const first = group.paths[0] as string;
  const runs = runsOf(path.basename(first));
  runs[group.at] = "*";
  return path.join(path.dirname(first), runs.join(""));
}

/**
 * The traces named by `args`: shard runs of plain paths grouped (sorted by name, shards being
 * time order), every other argument one trace as written. `formatOf` guesses a path's format.
 */
export function traceInputs(args: readonly string[], formatOf: (p: string) => string): TraceInput[] {
  const out: TraceInput[] = [];
  let group: Group | undefined;
  const close = (): void => {
    if (!group) return;
    const [only] = group.paths;
    if (group.paths.length === 1 && only !== undefined) out.push({ label: only, paths: only });
    else out.push({ label: groupLabel(group), paths: [...group.paths].sort() });
    group = undefined;
  };
  for (const arg of args) {
    const paths = tracePaths(arg);
    if (typeof paths !== "string" || isGlob(arg)) {
      close();
      out.push({ label: arg, paths });
      continue;
    }
    if (group && continues(group, arg, formatOf)) {
      if (group.at === -1) group.at = shardIndex(path.basename(group.paths[0] as string), path.basename(arg));
      group.paths.push(arg);
      continue;
    }
    close();
    group = { paths: [arg], at: -1 };
  }
  close();
  return out;
}
