import type { JobSpec } from "../cluster/job.js";
import { InputError } from "../engine/errors.js";
import type { KindGenerator } from "./spec.js";
import { HEADER } from "./native-row.js";

/**
 * Which optional columns a written native trace carries, and its rows. `prefill` is always
 * written; `gpus_per_task`, `priority` and `gang` only when some job needs them, so a file of a
 * CPU-and-memory workload is the same file it was before those columns existed.
 */

/** The optional columns a file gets beside `prefill`. */
export interface NativeColumns {
  /** `gpus_per_task`: GPUs each task takes (`resources.gpus`, fractions allowed; 0 = none). */
  readonly gpus: boolean;
  /** `priority`: the job's priority (an integer; empty = none). */
  readonly priority: boolean;
  /** `gang`: 1 for a rigid gang (all tasks start at once), else 0. */
  readonly gang: boolean;
}

/** The columns of a CPU-and-memory workload: none beside `prefill`. */
export const PLAIN_COLUMNS: NativeColumns = { gpus: false, priority: false, gang: false };

/** The columns the jobs of `lists` need (each one if any job has a value for it). */
export function columnsOfJobs(...lists: readonly (readonly JobSpec[])[]): NativeColumns {
  let gpus = false;
  let priority = false;
  let gang = false;
  for (const jobs of lists)
    for (const job of jobs) {
      gpus ||= (job.resources?.gpus ?? 0) > 0;
      priority ||= job.priority !== undefined;
      gang ||= job.gang === true;
    }
  return { gpus, priority, gang };
}

/**
 * The columns the jobs of synthetic `kinds` need (their prefill jobs included: they are drawn
 * from the same kinds). A kind asking for a resource other than GPUs is refused: the format has
 * no column for it, and writing the jobs without it would silently change them.
 */
export function columnsOfKinds(
  where: string,
  kinds: Readonly<Record<string, KindGenerator | undefined>>,
): NativeColumns {
  let gpus = false;
  let priority = false;
  let gang = false;
  for (const [kind, gen] of Object.entries(kinds)) {
    for (const name of Object.keys(gen?.resources ?? {})) {
      if (name !== "gpus") throw noColumn(`${where}: workload.synthetic.${kind}.resources.${name}`);
      gpus = true;
    }
    priority ||= gen?.priority !== undefined;
    gang ||= gen?.gang === true;
  }
  return { gpus, priority, gang };
}

/** The header line (with its newline). */
export function headerLine(columns: NativeColumns): string {
  const names: string[] = [...HEADER, "prefill"];
  if (columns.gpus) names.push("gpus_per_task");
  if (columns.priority) names.push("priority");
  if (columns.gang) names.push("gang");
  return `${names.join(",")}\n`;
}

/**
 * One job's row (with its newline). Numbers use JavaScript's shortest round-trip form, so
 * reading the row back gives the identical JobSpec. A job the columns cannot hold (a resource
 * other than GPUs, or a value of a column the file does not have) is an InputError naming it.
 */
export function formatRow(where: string, job: JobSpec, columns: NativeColumns): string {
  const j = job;
  const fields = [j.id, j.submitUs / 1e6, j.kind, j.tasks, j.cpusPerTask, j.memGbPerTask, j.durationUs / 1e6];
  let row = `${fields.map(String).join(",")},${j.prefill ? 1 : 0}`;
  const gpus = j.resources === undefined ? 0 : gpusOf(where, j);
  if (columns.gpus) row += `,${gpus}`;
  else if (gpus > 0) throw missing(where, j, "gpus_per_task");
  if (columns.priority) row += `,${j.priority ?? ""}`;
  else if (j.priority !== undefined) throw missing(where, j, "priority");
  if (columns.gang) row += j.gang === true ? ",1" : ",0";
  else if (j.gang === true) throw missing(where, j, "gang");
  return `${row}\n`;
}

function gpusOf(where: string, job: JobSpec): number {
  for (const name of Object.keys(job.resources ?? {}))
    if (name !== "gpus") throw noColumn(`${where}: job ${job.id}: resources.${name}`);
  return job.resources?.gpus ?? 0;
}

function noColumn(what: string): InputError {
  return new InputError(
    `${what}: the native trace format has a column for GPUs only (gpus_per_task), none for this resource`,
  );
}

function missing(where: string, job: JobSpec, column: string): Error {
  return new Error(`${where}: job ${job.id} needs the ${column} column, which the writer was not given`);
}
