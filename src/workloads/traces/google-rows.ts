import { expectColumns, intField, numField, RowProblem } from "./rows.js";
import type { CsvScanner } from "./scan.js";

/**
 * Row schemas of the Google clusterdata-2011 tables (docs/traces.md; Reiss, Wilkes, Hellerstein,
 * "Google cluster-usage traces: format + schema", 2011). Headerless CSV; empty = unknown.
 */

/** task_events event types. */
export const GoogleEvent = {
  SUBMIT: 0,
  SCHEDULE: 1,
  EVICT: 2,
  FAIL: 3,
  FINISH: 4,
  KILL: 5,
  LOST: 6,
  UPDATE_PENDING: 7,
  UPDATE_RUNNING: 8,
} as const;

/** Times at or above this mean "after the end of the trace" (2^63 − 1 µs). */
export const AFTER_TRACE_US = 2 ** 63 - 1;

/** How the trace writes "after the end of the trace" (2^63 − 1, beyond exact doubles). */
const AFTER_TRACE_TEXT = "9223372036854775807";

/** Time field `i` of a scanned row: µs, or AFTER_TRACE_US for the trace's "after the end" marker. */
export function scannedTime(s: Pick<CsvScanner, "width" | "text" | "int">, i = 0): number {
  if (s.width(i) === AFTER_TRACE_TEXT.length && s.text(i) === AFTER_TRACE_TEXT) return AFTER_TRACE_US;
  return s.int(i, "time");
}

/** The time field of a split row (µs, or AFTER_TRACE_US for the "after the end" marker). */
export function splitTime(f: readonly string[]): number {
  return f[0] === AFTER_TRACE_TEXT ? AFTER_TRACE_US : numField(f, 0, "time");
}

/** One task_events row, the fields cellsim uses. −1 = not given. */
export interface TaskEventRow {
  timeUs: number;
  jobId: number;
  taskIndex: number;
  eventType: number;
  schedulingClass: number;
  priority: number;
  /** Normalized to the largest machine (0–1). */
  cpuRequest: number;
  memRequest: number;
}

export const TASK_COLUMNS = 13;

/** Parses a split task_events row; a RowProblem names what is wrong. */
export function parseTaskEvent(f: readonly string[]): TaskEventRow {
  expectColumns(f, TASK_COLUMNS);
  const eventType = intField(f, 5, "event type");
  if (eventType > 8) throw new RowProblem("bad event type", `"${f[5]}" (column 6, expected 0–8)`);
  return {
    timeUs: splitTime(f),
    jobId: intField(f, 2, "job ID"),
    taskIndex: intField(f, 3, "task index"),
    eventType,
    schedulingClass: optionalInt(f, 7, "scheduling class", 3),
    priority: optionalInt(f, 8, "priority", 11),
    cpuRequest: numField(f, 9, "CPU request", { empty: -1 }),
    memRequest: numField(f, 10, "memory request", { empty: -1 }),
  };
}

/**
 * Same as {@link parseTaskEvent}, from a scanned (unquoted) line without splitting it, into `row`
 * (reused from row to row: no allocation per row). Fields are checked in parseTaskEvent's order.
 */
export function scanTaskEvent(s: CsvScanner, row: TaskEventRow): void {
  if (s.count !== TASK_COLUMNS) throw new RowProblem(`expected ${TASK_COLUMNS} columns`, `got ${s.count}`);
  const eventType = s.int(5, "event type");
  if (eventType > 8) throw new RowProblem("bad event type", `"${s.text(5)}" (column 6, expected 0–8)`);
  const timeUs = scannedTime(s);
  const jobId = s.int(2, "job ID");
  const taskIndex = s.int(3, "task index");
  const schedulingClass = s.empty(7) ? -1 : bounded(s.int(7, "scheduling class"), 3, "scheduling class", 7);
  const priority = s.empty(8) ? -1 : bounded(s.int(8, "priority"), 11, "priority", 8);
  const cpuRequest = s.num(9, "CPU request", -1);
  const memRequest = s.num(10, "memory request", -1);
  row.timeUs = timeUs;
  row.jobId = jobId;
  row.taskIndex = taskIndex;
  row.eventType = eventType;
  row.schedulingClass = schedulingClass;
  row.priority = priority;
  row.cpuRequest = cpuRequest;
  row.memRequest = memRequest;
}

function bounded(x: number, max: number, column: string, i: number): number {
  if (x > max) throw new RowProblem(`bad ${column}`, `"${x}" (column ${i + 1}, expected 0–${max})`);
  return x;
}

/** One job_events row: only SUBMIT times and scheduling classes are used. */
export interface JobEventRow {
  timeUs: number;
  jobId: number;
  eventType: number;
  schedulingClass: number;
}

/** Columns of a job_events row. */
export const JOB_COLUMNS = 8;

/** Parses a split job_events row. */
export function parseJobEvent(f: readonly string[]): JobEventRow {
  expectColumns(f, JOB_COLUMNS);
  const eventType = intField(f, 3, "event type");
  if (eventType > 8) throw new RowProblem("bad event type", `"${f[3]}" (column 4, expected 0–8)`);
  return {
    timeUs: splitTime(f),
    jobId: intField(f, 2, "job ID"),
    eventType,
    schedulingClass: optionalInt(f, 5, "scheduling class", 3),
  };
}

function optionalInt(f: readonly string[], i: number, column: string, max: number): number {
  if ((f[i] ?? "") === "") return -1;
  const x = intField(f, i, column);
  if (x > max) throw new RowProblem(`bad ${column}`, `"${f[i]}" (column ${i + 1}, expected 0–${max})`);
  return x;
}

/** True for the events that end a task's run (EVICT, FAIL, FINISH, KILL, LOST). */
export function endsRun(eventType: number): boolean {
  return eventType >= GoogleEvent.EVICT && eventType <= GoogleEvent.LOST;
}
