import type { Database, SqlValue } from "sql.js";
import { InputError } from "../../engine/errors.js";
import { RowProblem, type RowIssues } from "./rows.js";
import { forEachRow, intCell, numCell } from "./sqlite.js";

/**
 * The Azure packing trace's `vmType` table: one row per (VM type, machine type) pair the VM type
 * can run on, giving the share of one machine of that type that one VM takes (`core`, `memory`,
 * `hdd`, `ssd`, `nic`, each a fraction of the machine). A replay cell has one machine size, so
 * the reader picks one machine type and sizes every VM by its row for that type.
 */

/** Columns of `vmType` the reader uses (hdd, ssd and nic are not modelled). */
export const VM_TYPE_COLUMNS = ["vmTypeId", "machineId", "core", "memory"] as const;

/** One VM type's share of one machine of the chosen type. */
export interface VmTypeShare {
  /** Fraction of the machine's CPU, 0–1. */
  readonly core: number;
  /** Fraction of the machine's memory, 0–1. */
  readonly memory: number;
}

/** The VM types as the reader uses them. */
export interface VmTypes {
  /** The machine type (`machineId`) the VMs are sized for. */
  readonly machineType: number;
  /** Shares on that machine type, by vmTypeId (VM types that cannot run there are absent). */
  readonly shares: ReadonlyMap<number, VmTypeShare>;
  /** Every vmTypeId of the table, whatever its machine types. */
  readonly known: ReadonlySet<number>;
}

interface TypeRow {
  n: number;
  vmTypeId: number;
  machineId: number;
  core: SqlValue;
  memory: SqlValue;
}

/**
 * Reads `vmType` and sizes VM types for `machineType`, or by default for the machine type the
 * most VM types can run on (the lowest machineId among equals). Rows are checked where used: ids
 * on every row, the shares on the chosen machine type's rows only.
 */
export function readVmTypes(
  db: Database,
  file: string,
  machineType: number | undefined,
  issues: RowIssues,
): VmTypes {
  const where = `${file}:vmType`;
  const rows: TypeRow[] = [];
  const typesOn = new Map<number, Set<number>>();
  forEachRow(db, file, `SELECT ${VM_TYPE_COLUMNS.join(", ")} FROM vmType`, (v, n) => {
    const row = issues.guard(where, n, () => ({
      n,
      vmTypeId: intCell(v[0] ?? null, "vmTypeId"),
      machineId: intCell(v[1] ?? null, "machineId"),
      core: v[2] ?? null,
      memory: v[3] ?? null,
    }));
    if (!row) return;
    rows.push(row);
    const types = typesOn.get(row.machineId) ?? new Set<number>();
    typesOn.set(row.machineId, types.add(row.vmTypeId));
  });
  if (rows.length === 0) throw new InputError(`${file}: table vmType has no usable rows`);
  const chosen = machineType ?? mostShared(typesOn);
  if (!typesOn.has(chosen)) {
    const ids = [...typesOn.keys()].sort((a, b) => a - b).join(", ");
    throw new InputError(
      `machineType ${chosen}: no row of ${file}:vmType has that machineId (it has ${ids})`,
    );
  }
  const shares = new Map<number, VmTypeShare>();
  for (const row of rows) {
    if (row.machineId !== chosen) continue;
    const share = issues.guard(where, row.n, () => {
      if (shares.has(row.vmTypeId))
        throw new RowProblem("a second row for one vmTypeId and machineId", `vmTypeId ${row.vmTypeId}`);
      return { core: fraction(row.core, "core"), memory: fraction(row.memory, "memory") };
    });
    if (share) shares.set(row.vmTypeId, share);
  }
  return { machineType: chosen, shares, known: new Set(rows.map((r) => r.vmTypeId)) };
}

/** The machine type with the most VM types (lowest id among equals). */
function mostShared(typesOn: ReadonlyMap<number, ReadonlySet<number>>): number {
  let best = Number.POSITIVE_INFINITY;
  let bestCount = -1;
  for (const [machineId, types] of typesOn) {
    if (types.size > bestCount || (types.size === bestCount && machineId < best)) {
      best = machineId;
      bestCount = types.size;
    }
  }
  return best;
}

function fraction(value: SqlValue, column: string): number {
  const x = numCell(value, column);
  if (x < 0 || x > 1) throw new RowProblem(`bad ${column}`, `${x} (a share of one machine: 0 to 1)`);
  return x;
}
