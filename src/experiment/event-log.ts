import { randomBytes } from "node:crypto";
import { closeSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import type { SimEvent } from "../engine/event.js";
import { InputError } from "../engine/errors.js";
import { EventKind } from "../cluster/events.js";
import type { JobState } from "../cluster/job-state.js";
import type { ModelHooks } from "../cluster/model-hooks.js";
import type { PlannedRun } from "./plan.js";
import { runOne, type RunOptions } from "./run-one.js";

/**
 * The event log of one run (`cellsim run --events FILE`): every event the engine dispatched, in
 * order, one JSON object per line — `{"t": µs, "kind": name, "a": n, "b": n}`, plus `"job"` (the
 * job's id) for arrivals and retries. It is for debugging a policy on a small run: the run is
 * executed again in this process with a hook on the model, which does not change its results,
 * so the log has exactly as many lines as the run's `events`.
 */

/**
 * Most events a log may hold. 5 million lines are roughly 300 MB of JSON, already more than
 * anyone reads; a larger run is refused (shorten the horizon or shrink the cell).
 */
export const EVENT_LOG_MAX_EVENTS = 5_000_000;

/** Event kind names by id. */
const KIND_NAMES: readonly string[] = Object.entries(EventKind).reduce<string[]>((names, [name, id]) => {
  names[id] = name;
  return names;
}, []);

/** Lines buffered before a write: few system calls, little memory. */
const FLUSH_LINES = 4096;

/** The JSON line of one event; `jobs` is the model's job table after the event. */
function eventLine(e: SimEvent, jobs: readonly (JobState | undefined)[]): string {
  let job: number | undefined;
  if (e.kind === EventKind.JobArrival) job = jobs[jobs.length - 1]?.spec.id;
  else if (e.kind === EventKind.JobRetry) job = jobs[e.a]?.spec.id;
  const kind = KIND_NAMES[e.kind] ?? String(e.kind);
  const tail = job === undefined ? "" : `,"job":${job}`;
  return `{"t":${e.time},"kind":"${kind}","a":${e.a},"b":${e.b}${tail}}\n`;
}

/** Model hooks appending each event's line to an open file, refusing more than `maxEvents`. */
function logHooks(fd: number, runId: string, maxEvents: number) {
  let buffer: string[] = [];
  let count = 0;
  const flush = (): void => {
    if (buffer.length > 0) writeSync(fd, buffer.join(""));
    buffer = [];
  };
  const hooks: ModelHooks = {
    eventDispatched(e, jobs) {
      if (++count > maxEvents) {
        throw new InputError(
          `--events: run ${runId} has more than ${maxEvents} events; the event log is for small runs (shorten the horizon or shrink the cell)`,
        );
      }
      buffer.push(eventLine(e, jobs));
      if (buffer.length >= FLUSH_LINES) flush();
    },
  };
  return { hooks, flush, count: () => count };
}

function openForWriting(file: string): { fd: number; tmp: string } {
  const tmp = `${file}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`;
  try {
    return { fd: openSync(tmp, "w"), tmp };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new InputError(`--events: cannot write ${file} (${code})`);
  }
}

/**
 * Runs `run` in this process with an event hook and writes its log to `file` (atomically: a
 * temporary file renamed into place, removed on failure). Returns the number of events.
 */
export async function writeEventLog(
  run: PlannedRun,
  file: string,
  options: RunOptions & { maxEvents?: number } = {},
): Promise<number> {
  const { maxEvents = EVENT_LOG_MAX_EVENTS, ...runOptions } = options;
  const { fd, tmp } = openForWriting(file);
  const log = logHooks(fd, run.runId, maxEvents);
  try {
    await runOne(run.config, run.seed, { ...runOptions, hooks: log.hooks });
    log.flush();
  } catch (e) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  }
  closeSync(fd);
  try {
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new InputError(`--events: cannot write ${file} (${(e as NodeJS.ErrnoException).code ?? "error"})`);
  }
  return log.count();
}
