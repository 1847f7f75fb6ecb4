import { finishJobs, windowOf } from "./finish.js";
import { googleMapping } from "./google-2011.js";
import { readCollectionEvents, startAfterOf, type CollectionInfo } from "./google-2019-collections.js";
import { linkDependencies } from "./google-2019-deps.js";
import { forEachExportRow, type ExportTable } from "./google-2019-export.js";
import {
  ALLOC_SET,
  csvInstanceEvent,
  instanceColumns,
  jsonInstanceEvent,
  type InstanceEventRow,
} from "./google-2019-rows.js";
import { GoogleJobTable, type GoogleMapping } from "./google-jobs.js";
import { AFTER_TRACE_US } from "./google-rows.js";
import { expandTracePaths } from "./paths.js";
import { RowIssues, RowProblem } from "./rows.js";
import {
  countReason,
  type Google2019ReadOptions,
  type GoogleServiceRule,
  type ReasonCounts,
  type TraceReadResult,
} from "./types.js";

/**
 * Reader of Google clusterdata-2019 (one cell's `instance_events`, + optional
 * `collection_events`) as exported from BigQuery to CSV or JSON lines (docs/traces.md,
 * google-2019, which also gives the SQL). The 2019 trace has the 2011 trace's event model —
 * SUBMIT, SCHEDULE, then EVICT/FAIL/FINISH/KILL/LOST ending a run — under new codes, so its
 * rows feed the 2011 reader's job table (google-jobs.ts) after translating the codes:
 * - a job = a collection of collection_type 0; an alloc set (type 1, a reservation other jobs
 *   run inside) is not work of its own: its rows are skipped and it is counted under `dropped`;
 * - submit = the collection's first SUBMIT (collection_events or its instances', the earlier);
 *   tasks = its instances; requests × `machine`; durations SCHEDULE → end collapsed by
 *   `taskDuration`; runs open at the window's end censored there; runs spanning the window
 *   start make prefill jobs; a job none of whose instances ran in the window is dropped;
 * - kind by `service` (default: priority ≥ 120, the production and monitoring tiers, or
 *   scheduling class 3); `priority` = the trace priority (0–450);
 * - start_after_collection_ids → `fw.after` (google-2019-deps.ts).
 * Rows must come in time order (the SQL's ORDER BY); reading stops at the window's end.
 */

/** The default batch/service rule: production tier (priority ≥ 120) or scheduling class 3. */
export const GOOGLE_2019_SERVICE_RULE: GoogleServiceRule = Object.freeze({
  minPriority: 120,
  schedulingClasses: [3],
  combine: "or",
});

/** Count key of alloc sets (collection_type 1). */
const ALLOC_SETS = "alloc sets (collection_type 1: reservations, not jobs)";

/** Reads instance_events exports at `paths` (paths or globs, in order). */
export async function readGoogle2019(
  paths: string | readonly string[],
  opts: Google2019ReadOptions = {},
): Promise<TraceReadResult> {
  const window = windowOf(opts);
  const files = expandTracePaths(paths);
  const collectionFiles = opts.collectionEvents ? expandTracePaths(opts.collectionEvents) : [];
  const collectionIssues = new RowIssues(opts.skipInvalid ?? false);
  const allocSets = new Set<number>();
  const collections =
    collectionFiles.length > 0
      ? await readCollectionEvents(collectionFiles, window, collectionIssues, allocSets)
      : new Map<number, CollectionInfo>();
  const m = googleMapping(opts, window, GOOGLE_2019_SERVICE_RULE);
  const skipInvalid = opts.skipInvalid ?? false;
  const pass = (exact: boolean) =>
    readInstances(
      files,
      m,
      collections,
      { skipInvalid, skipped: collectionIssues.skipped },
      allocSets,
      exact,
    );
  // As google-2011: durations kept as exact sums unless that cannot be guaranteed.
  const read = (await pass(false)) ?? (await pass(true));
  if (read === undefined) throw new Error("google-2019: exact read reported inexact");
  const dropped = read.dropped;
  if (allocSets.size > 0) countReason(dropped, ALLOC_SETS, allocSets.size);
  let jobs = finishJobs(read.jobs, opts.rateMultiplier);
  if (opts.dependencies !== false) jobs = linkDependencies(jobs, startAfterOf(collections), dropped);
  return {
    prefill: read.prefill,
    jobs,
    files: [...collectionFiles, ...files],
    rows: read.rows,
    skipped: read.skipped,
    dropped,
    censoredJobs: read.censoredJobs,
  };
}

/** A fresh row, reused for every instance_events line (no allocation per row). */
function emptyRow(): InstanceEventRow {
  return {
    timeUs: 0,
    jobId: 0,
    taskIndex: 0,
    eventType: 0,
    schedulingClass: 0,
    priority: 0,
    cpuRequest: 0,
    memRequest: 0,
    collectionType: 0,
  };
}

function instanceTable(row: InstanceEventRow): ExportTable<InstanceEventRow> {
  return {
    name: "instance_events",
    csv(header, file) {
      const at = instanceColumns(header, file);
      return (fields, width) => {
        csvInstanceEvent(fields, at, width, row);
        return row;
      };
    },
    json(o) {
      jsonInstanceEvent(o, row);
      return row;
    },
  };
}

/** One pass over the instance_events rows; undefined if the table's sums turned out inexact. */
async function readInstances(
  files: string[],
  m: GoogleMapping,
  collections: ReadonlyMap<number, CollectionInfo>,
  before: { skipInvalid: boolean; skipped: ReasonCounts },
  allocSets: Set<number>,
  exact: boolean,
): Promise<
  | (Pick<TraceReadResult, "prefill" | "jobs" | "rows" | "skipped" | "censoredJobs"> & {
      dropped: ReasonCounts;
    })
  | undefined
> {
  const issues = new RowIssues(before.skipInvalid);
  // One count of skipped rows per read: collection_events' first, as they were read first.
  Object.assign(issues.skipped, before.skipped);
  const table = new GoogleJobTable(m, exact);
  const toUs = m.window.toUs;
  let lastUs = 0;
  const rows = await forEachExportRow(files, instanceTable(emptyRow()), issues, (row) => {
    if (row.timeUs < lastUs)
      throw new RowProblem(
        "time earlier than the previous row's",
        `${row.timeUs} < ${lastUs} (export not ORDER BY time?)`,
      );
    if (row.timeUs >= AFTER_TRACE_US) return;
    if (row.timeUs >= toUs) return false;
    lastUs = row.timeUs;
    // allocSets holds collection_events' alloc sets (few): no lookup per row in the big map.
    if (row.collectionType === ALLOC_SET || (allocSets.size > 0 && allocSets.has(row.jobId))) {
      allocSets.add(row.jobId);
      return;
    }
    table.add(row);
    if (table.inexact) return false;
  });
  if (table.inexact) return undefined;
  const dropped: ReasonCounts = {};
  const endUs = Number.isFinite(toUs) ? toUs : lastUs;
  const built = table.finish(endUs, collections, dropped);
  if (table.inexact) return undefined;
  return {
    prefill: built.prefill,
    jobs: built.jobs,
    rows,
    skipped: issues.skipped,
    dropped,
    censoredJobs: built.censored,
  };
}
