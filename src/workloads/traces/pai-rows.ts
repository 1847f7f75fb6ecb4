import { expectColumns, intField, numField, RowProblem } from "./rows.js";

/**
 * One row of Alibaba PAI 2020's `pai_task_table` (cluster-trace-gpu-v2020; headerless CSV:
 * job_name, task_name, inst_num, status, start_time, end_time, plan_cpu, plan_mem, plan_gpu,
 * gpu_type), checked and in cellsim's units. The published files write every number as a float
 * (`1.0`, `600.0`); an empty field is what the trace's own tools read as "not a number".
 */

/** Columns of a pai_task_table row. */
export const PAI_TASK_COLUMNS = 10;

/** The task statuses the trace documents; only Terminated is a success. */
export const PAI_STATUSES = ["Terminated", "Failed", "Running", "Waiting"] as const;

/** A task status of the trace. */
export type PaiStatus = (typeof PAI_STATUSES)[number];

/** A task row in cellsim's units. */
export interface PaiTaskRow {
  jobName: string;
  status: PaiStatus;
  /** Launch time, s of trace time; 0 = never launched (empty is read as 0). */
  startSec: number;
  /** Completion time, s; 0 = not recorded (empty is read as 0). */
  endSec: number;
  /** inst_num: the task's instances, all alike. */
  tasks: number;
  /** plan_cpu / 100 (600 = 6 vCPU). */
  cpusPerTask: number;
  /** plan_mem, GB. */
  memGbPerTask: number;
  /** plan_gpu / 100 (50 = half a GPU); empty = 0 (a CPU-only task such as a parameter server). */
  gpusPerTask: number;
}

const STATUS_SET: ReadonlySet<string> = new Set(PAI_STATUSES);

/** Parses a split pai_task_table line; a RowProblem names the offending column. */
export function paiTaskRow(f: readonly string[]): PaiTaskRow {
  expectColumns(f, PAI_TASK_COLUMNS);
  const status = f[3] ?? "";
  if (!STATUS_SET.has(status))
    throw new RowProblem("unknown status", `"${status}" (column 4; expected ${PAI_STATUSES.join("|")})`);
  const startSec = numField(f, 4, "start_time", { empty: 0 });
  const endSec = numField(f, 5, "end_time", { empty: 0 });
  if (startSec > 0 && endSec > 0 && endSec < startSec)
    throw new RowProblem("end_time before start_time", `${endSec} < ${startSec}`);
  return {
    jobName: f[0] ?? "",
    status: status as PaiStatus,
    startSec,
    endSec,
    tasks: intField(f, 2, "inst_num", 1),
    cpusPerTask: numField(f, 6, "plan_cpu") / 100,
    memGbPerTask: numField(f, 7, "plan_mem"),
    gpusPerTask: numField(f, 8, "plan_gpu", { empty: 0 }) / 100,
  };
}
