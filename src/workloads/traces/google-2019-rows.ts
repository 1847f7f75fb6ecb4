import { columnPositions, expectCsvColumns, optionalCsvInt, type CsvFields } from "./google-2019-fields.js";
import { jsonIds, jsonInt, jsonNum, jsonTime } from "./google-2019-json.js";
import { GoogleEvent, scannedTime, type TaskEventRow } from "./google-rows.js";
import { RowProblem } from "./rows.js";

/**
 * Row schemas of the Google clusterdata-2019 tables the reader uses, as exported from BigQuery
 * (docs/traces.md, google-2019; the trace's schema is google/cluster-data's
 * `clusterdata_trace_format_v3.proto`). Times are µs since the trace's start, 0 = before the
 * trace window, 2^63 − 1 = after it; resource requests are normalized (1.0 = the largest
 * machine). A CSV export names its columns in a header row; nested fields are flattened to
 * `resource_request_cpus` and `start_after_collection_ids` is a space-separated list.
 */

/** The 2019 event types of instance_events and collection_events (`type`). */
export const Google2019Event = {
  SUBMIT: 0,
  QUEUE: 1,
  ENABLE: 2,
  SCHEDULE: 3,
  EVICT: 4,
  FAIL: 5,
  FINISH: 6,
  KILL: 7,
  LOST: 8,
  UPDATE_PENDING: 9,
  UPDATE_RUNNING: 10,
} as const;

const MAX_EVENT = 10;
/** Highest priority the job table stores (Int16); the trace's run 0–450. */
const MAX_PRIORITY = 32767;

/**
 * 2019 type → the 2011 type with the same meaning, which the shared job table (google-jobs.ts)
 * understands: SUBMIT, SCHEDULE and the run ends map one to one; QUEUE and ENABLE (the batch
 * scheduler holding an instance back, then letting it go) change no run, like UPDATE_PENDING.
 */
const AS_2011: readonly number[] = [
  GoogleEvent.SUBMIT,
  GoogleEvent.UPDATE_PENDING,
  GoogleEvent.UPDATE_PENDING,
  GoogleEvent.SCHEDULE,
  GoogleEvent.EVICT,
  GoogleEvent.FAIL,
  GoogleEvent.FINISH,
  GoogleEvent.KILL,
  GoogleEvent.LOST,
  GoogleEvent.UPDATE_PENDING,
  GoogleEvent.UPDATE_RUNNING,
];

/** collection_type: 0 job (its instances are tasks), 1 alloc set (a reservation). */
export const ALLOC_SET = 1;

/** One instance_events row: a task event in the job table's terms (2011 event codes), plus its collection's type. */
export interface InstanceEventRow extends TaskEventRow {
  collectionType: number;
}

/** instance_events columns the reader needs (any others are ignored). */
export const INSTANCE_COLUMNS = [
  "time",
  "type",
  "collection_id",
  "instance_index",
  "priority",
  "scheduling_class",
  "collection_type",
  "resource_request_cpus",
  "resource_request_memory",
] as const;
/** Column positions of a CSV export, by name. */
export type InstanceColumns = Record<(typeof INSTANCE_COLUMNS)[number], number>;

/** The instance_events column positions in a header (an InputError names a missing one). */
export function instanceColumns(header: readonly string[], file: string): InstanceColumns {
  return columnPositions(header, INSTANCE_COLUMNS, file, "instance_events");
}

function eventType(type: number): number {
  if (type > MAX_EVENT) throw new RowProblem("bad type", `"${type}" (expected 0–${MAX_EVENT})`);
  return AS_2011[type] as number;
}

/** Reads a CSV instance_events line into `row` (reused from row to row). */
export function csvInstanceEvent(
  s: CsvFields,
  at: InstanceColumns,
  width: number,
  row: InstanceEventRow,
): void {
  expectCsvColumns(s, width);
  const type = eventType(s.int(at.type, "type"));
  row.timeUs = scannedTime(s, at.time);
  row.eventType = type;
  row.jobId = s.int(at.collection_id, "collection_id");
  row.taskIndex = s.int(at.instance_index, "instance_index");
  row.priority = optionalCsvInt(s, at.priority, "priority", MAX_PRIORITY);
  row.schedulingClass = optionalCsvInt(s, at.scheduling_class, "scheduling_class", 3);
  row.collectionType = Math.max(0, optionalCsvInt(s, at.collection_type, "collection_type", 1));
  row.cpuRequest = s.num(at.resource_request_cpus, "resource_request_cpus", -1);
  row.memRequest = s.num(at.resource_request_memory, "resource_request_memory", -1);
}

/** Reads a JSON instance_events object into `row`; absent optional fields (NULL) → −1. */
export function jsonInstanceEvent(o: Record<string, unknown>, row: InstanceEventRow): void {
  row.eventType = eventType(jsonInt(o, "type", MAX_EVENT));
  row.timeUs = jsonTime(o);
  row.jobId = jsonInt(o, "collection_id", Number.MAX_SAFE_INTEGER);
  row.taskIndex = jsonInt(o, "instance_index", Number.MAX_SAFE_INTEGER);
  row.priority = jsonInt(o, "priority", MAX_PRIORITY, -1);
  row.schedulingClass = jsonInt(o, "scheduling_class", 3, -1);
  row.collectionType = jsonInt(o, "collection_type", 1, 0);
  row.cpuRequest = jsonNum(o, "resource_request.cpus", -1);
  row.memRequest = jsonNum(o, "resource_request.memory", -1);
}

/** One collection_events row, the fields the reader uses (−1 = not given). */
export interface CollectionEventRow {
  timeUs: number;
  /** The 2019 type (not mapped: only SUBMIT matters here). */
  type: number;
  collectionId: number;
  collectionType: number;
  schedulingClass: number;
  /** Collections that must finish before this one may start. */
  startAfter: number[];
}

/** collection_events columns the reader needs. */
export const COLLECTION_COLUMNS = [
  "time",
  "type",
  "collection_id",
  "collection_type",
  "scheduling_class",
  "start_after_collection_ids",
] as const;
export type CollectionColumns = Record<(typeof COLLECTION_COLUMNS)[number], number>;

/** The collection_events column positions in a header. */
export function collectionColumns(header: readonly string[], file: string): CollectionColumns {
  return columnPositions(header, COLLECTION_COLUMNS, file, "collection_events");
}

/** A CSV collection_events line. */
export function csvCollectionEvent(s: CsvFields, at: CollectionColumns, width: number): CollectionEventRow {
  expectCsvColumns(s, width);
  const type = s.int(at.type, "type");
  if (type > MAX_EVENT) throw new RowProblem("bad type", `"${type}" (expected 0–${MAX_EVENT})`);
  return {
    timeUs: scannedTime(s, at.time),
    type,
    collectionId: s.int(at.collection_id, "collection_id"),
    collectionType: Math.max(0, optionalCsvInt(s, at.collection_type, "collection_type", 1)),
    schedulingClass: optionalCsvInt(s, at.scheduling_class, "scheduling_class", 3),
    startAfter: idList(s.text(at.start_after_collection_ids)),
  };
}

/** A space-separated list of IDs (the SQL's ARRAY_TO_STRING of start_after_collection_ids). */
function idList(text: string): number[] {
  const trimmed = text.trim();
  if (trimmed === "") return [];
  return trimmed.split(/\s+/).map((id) => {
    const x = Number(id);
    if (!Number.isSafeInteger(x) || x < 0)
      throw new RowProblem("bad start_after_collection_ids", `"${text}" (expected IDs separated by spaces)`);
    return x;
  });
}

/** A JSON collection_events object. */
export function jsonCollectionEvent(o: Record<string, unknown>): CollectionEventRow {
  return {
    timeUs: jsonTime(o),
    type: jsonInt(o, "type", MAX_EVENT),
    collectionId: jsonInt(o, "collection_id", Number.MAX_SAFE_INTEGER),
    collectionType: jsonInt(o, "collection_type", 1, 0),
    schedulingClass: jsonInt(o, "scheduling_class", 3, -1),
    startAfter: jsonIds(o, "start_after_collection_ids"),
  };
}
