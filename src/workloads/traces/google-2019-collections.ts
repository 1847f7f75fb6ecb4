import type { TimeWindow } from "./finish.js";
import type { JobEventInfo } from "./google-mapping.js";
import { forEachExportRow, type ExportTable } from "./google-2019-export.js";
import {
  ALLOC_SET,
  collectionColumns,
  csvCollectionEvent,
  Google2019Event,
  jsonCollectionEvent,
  type CollectionEventRow,
} from "./google-2019-rows.js";
import { AFTER_TRACE_US } from "./google-rows.js";
import type { RowIssues } from "./rows.js";

/**
 * What the 2019 reader takes from `collection_events`: per collection, its first SUBMIT, its
 * scheduling class and the collections it starts after; alloc sets go to a set of their own. Rows at or
 * after the window's end are not read (the export is in time order); memory follows the
 * collections seen before then.
 */

/** A collection as collection_events describe it (JobEventInfo for the shared job table). */
export interface CollectionInfo extends JobEventInfo {
  /** start_after_collection_ids (the first non-empty list given). */
  startAfter: readonly number[];
}

const COLLECTION_TABLE: ExportTable<CollectionEventRow> = {
  name: "collection_events",
  csv(header, file) {
    const at = collectionColumns(header, file);
    return (fields, width) => csvCollectionEvent(fields, at, width);
  },
  json: jsonCollectionEvent,
};

/** Reads collection_events `files`; alloc set IDs are added to `allocSets`. */
export async function readCollectionEvents(
  files: readonly string[],
  window: TimeWindow,
  issues: RowIssues,
  allocSets: Set<number>,
): Promise<Map<number, CollectionInfo>> {
  const collections = new Map<number, CollectionInfo>();
  await forEachExportRow(files, COLLECTION_TABLE, issues, (row) => {
    if (row.timeUs >= AFTER_TRACE_US) return;
    if (row.timeUs >= window.toUs) return false;
    const submitUs = row.type === Google2019Event.SUBMIT ? row.timeUs : -1;
    const known = collections.get(row.collectionId);
    if (row.collectionType === ALLOC_SET) allocSets.add(row.collectionId);
    if (known === undefined) {
      collections.set(row.collectionId, {
        submitUs,
        schedulingClass: row.schedulingClass,
        startAfter: row.startAfter,
      });
      return;
    }
    if (submitUs >= 0 && (known.submitUs < 0 || submitUs < known.submitUs)) known.submitUs = submitUs;
    if (known.schedulingClass < 0) known.schedulingClass = row.schedulingClass;
    if (known.startAfter.length === 0) known.startAfter = row.startAfter;
  });
  return collections;
}

/** collection ID → the IDs it starts after (only collections with some). */
export function startAfterOf(
  collections: ReadonlyMap<number, CollectionInfo>,
): Map<number, readonly number[]> {
  const out = new Map<number, readonly number[]>();
  for (const [id, c] of collections) if (c.startAfter.length > 0) out.set(id, c.startAfter);
  return out;
}
