import type { SqlValue } from "sql.js";
import type { JobSpec, WorkloadKind } from "../../cluster/job.js";
import { InputError } from "../../engine/errors.js";
import { readVmTypes, VM_TYPE_COLUMNS, type VmTypes } from "./azure-vm-types.js";
import { finishJobs, windowOf } from "./finish.js";
import { IdSlots } from "./id-slots.js";
import { expandTracePaths } from "./paths.js";
import { RowIssues, RowProblem } from "./rows.js";
import { forEachRow, intCell, numCell, openSqlite, requireTable } from "./sqlite.js";
import {
  countReason,
  type AzurePackingReadOptions,
  type MachineCapacity,
  type ReasonCounts,
  type TraceReadResult,
} from "./types.js";

/**
 * Reader of the Azure packing trace 2020 (AzurePackingTraceV1, `packing_trace_zone_a_v1.sqlite`;
 * Hadary et al., "Protean: VM Allocation Service at Scale", OSDI 2020). One VM request → one job
 * of one task (docs/traces.md):
 * - id = vmId; submit = starttime × 86,400 s (times are fractional days from the trace start);
 * - cpus = the VM type's `core` share × `machine.cpus`, memory = its `memory` share ×
 *   `machine.memGb`, from its `vmType` row for the chosen machine type (azure-vm-types.ts);
 * - duration = endtime − starttime; NULL endtime (alive when the data was collected) → censored
 *   at the window's end, or at the latest time in the table without one;
 * - a VM started before the window start (negative starttime for the trace start) and still
 *   alive then is a prefill job lasting its remaining time;
 * - priority 0 (high) → service, `JobSpec.priority` 1; priority 1 (low, evictable) →
 *   `lowPriorityKind` (default batch), `JobSpec.priority` 0.
 */

/** Columns of `vm` the reader uses (tenantId is not). */
const VM_COLUMNS = ["vmId", "vmTypeId", "priority", "starttime", "endtime"] as const;
const US_PER_DAY = 86_400e6;

/** What a whole machine is by default: the same 8 CPUs, 32 GB as google-2011's normalized 1.0. */
export const AZURE_DEFAULT_MACHINE: MachineCapacity = Object.freeze({ cpus: 8, memGb: 32 });

/** `JobSpec.priority` of the trace's high-priority (0) and low-priority (1) VMs: higher wins. */
export const AZURE_JOB_PRIORITY = Object.freeze({ high: 1, low: 0 });

/** One vm row, parsed into a scratch object reused for every row (no allocation per row). */
interface VmRow {
  vmId: number;
  vmTypeId: number;
  /** The trace's priority: 0 high, 1 low. */
  priority: number;
  startUs: number;
  /** NaN: NULL endtime (still alive). */
  endUs: number;
}

/** A kept VM whose end is unknown: its job is finished once the horizon is known. */
interface Censored {
  index: number;
  /** Where its duration starts: its start, or the window start for prefill. */
  fromUs: number;
}

/** Reads the `vm` and `vmType` tables of one SQLite file. */
export async function readAzurePacking2020(
  paths: string | readonly string[],
  opts: AzurePackingReadOptions = {},
): Promise<TraceReadResult> {
  const file = oneFile(paths);
  const window = windowOf(opts);
  const machine = opts.machine ?? AZURE_DEFAULT_MACHINE;
  const lowKind: WorkloadKind = opts.lowPriorityKind ?? "batch";
  const issues = new RowIssues(opts.skipInvalid ?? false);
  const db = await openSqlite(file);
  try {
    requireTable(db, file, "vm", VM_COLUMNS);
    requireTable(db, file, "vmType", VM_TYPE_COLUMNS);
    const types = readVmTypes(db, file, opts.machineType, issues);
    const dropped: ReasonCounts = {};
    const notOnMachine = `VMs whose type has no vmType row for machine type ${types.machineType}`;
    const prefill: JobSpec[] = [];
    const submitted: JobSpec[] = [];
    const censored: { prefill: Censored[]; submitted: Censored[] } = { prefill: [], submitted: [] };
    // vmIds of the kept VMs (IdSlots: a typed-array hash, so memory follows the VMs kept).
    const ids = new IdSlots();
    let latestUs = Number.NEGATIVE_INFINITY;
    const where = `${file}:vm`;
    const vm: VmRow = { vmId: 0, vmTypeId: 0, priority: 0, startUs: 0, endUs: 0 };
    const rows = forEachRow(db, file, `SELECT ${VM_COLUMNS.join(", ")} FROM vm`, (v, n) => {
      // issues.guard without its closure: this is the per-row loop.
      try {
        parseVm(v, types, vm);
      } catch (err) {
        if (!(err instanceof RowProblem)) throw err;
        return issues.invalid(where, n, err.reason, err.detail);
      }
      latestUs = Math.max(latestUs, vm.startUs, Number.isNaN(vm.endUs) ? vm.startUs : vm.endUs);
      if (vm.startUs >= window.toUs) return;
      const isPrefill = vm.startUs < window.fromUs;
      if (isPrefill && vm.endUs <= window.fromUs)
        return void countReason(dropped, "VMs ended before the window start");
      const share = types.shares.get(vm.vmTypeId);
      if (!share) return void countReason(dropped, notOnMachine);
      if (ids.get(vm.vmId) >= 0) return issues.invalid(where, n, "duplicate vmId", String(vm.vmId));
      ids.set(vm.vmId, 0);
      const fromUs = isPrefill ? window.fromUs : vm.startUs;
      const list = isPrefill ? prefill : submitted;
      if (Number.isNaN(vm.endUs))
        (isPrefill ? censored.prefill : censored.submitted).push({ index: list.length, fromUs });
      list.push({
        id: vm.vmId,
        submitUs: isPrefill ? 0 : vm.startUs - window.fromUs,
        kind: vm.priority === 0 ? "service" : lowKind,
        tasks: 1,
        cpusPerTask: share.core * machine.cpus,
        memGbPerTask: share.memory * machine.memGb,
        durationUs: Number.isNaN(vm.endUs) ? 1 : Math.max(1, vm.endUs - fromUs),
        prefill: isPrefill,
        priority: vm.priority === 0 ? AZURE_JOB_PRIORITY.high : AZURE_JOB_PRIORITY.low,
      });
    });
    const horizonUs = Number.isFinite(window.toUs) ? window.toUs : latestUs;
    censorAt(prefill, censored.prefill, horizonUs);
    censorAt(submitted, censored.submitted, horizonUs);
    return {
      prefill,
      jobs: finishJobs(submitted, opts.rateMultiplier),
      files: [file],
      rows,
      skipped: issues.skipped,
      dropped,
      censoredJobs: [
        ...censored.prefill.map(({ index }) => (prefill[index] as JobSpec).id),
        ...censored.submitted.map(({ index }) => (submitted[index] as JobSpec).id),
      ],
    };
  } finally {
    db.close();
  }
}

/** Gives the VMs still alive at the end of the data their run up to `horizonUs`. */
function censorAt(jobs: JobSpec[], censored: readonly Censored[], horizonUs: number): void {
  for (const { index, fromUs } of censored) {
    const job = jobs[index] as JobSpec;
    jobs[index] = { ...job, durationUs: Math.max(1, horizonUs - fromUs) };
  }
}

/** Parses one vm row into `out`; an unusable row is a RowProblem. */
function parseVm(v: readonly SqlValue[], types: VmTypes, out: VmRow): void {
  out.vmId = intCell(v[0] ?? null, "vmId");
  out.vmTypeId = intCell(v[1] ?? null, "vmTypeId");
  if (!types.known.has(out.vmTypeId))
    throw new RowProblem("vmTypeId not in table vmType", String(out.vmTypeId));
  out.priority = intCell(v[2] ?? null, "priority");
  if (out.priority > 1) throw new RowProblem("bad priority", `${out.priority} (0 high, 1 low)`);
  const startDays = numCell(v[3] ?? null, "starttime");
  const end = v[4] ?? null;
  const endDays = end === null ? Number.NaN : numCell(end, "endtime");
  if (endDays < startDays) throw new RowProblem("endtime before starttime", `${endDays} < ${startDays}`);
  // + 0: a start a hair below 0 rounds to −0, which is not 0 to Object.is.
  out.startUs = Math.round(startDays * US_PER_DAY) + 0;
  out.endUs = Math.round(endDays * US_PER_DAY);
}

function oneFile(paths: string | readonly string[]): string {
  const files = expandTracePaths(paths);
  const [file] = files;
  if (files.length !== 1 || file === undefined)
    throw new InputError(
      `azure-packing-2020: expected one .sqlite file (the trace is a single database), got ${files.length}: ${files.join(", ")}`,
    );
  return file;
}
