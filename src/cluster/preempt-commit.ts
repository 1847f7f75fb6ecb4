import type { CellState } from "./cell-state.js";
import { FIT_EPSILON } from "./cell-view.js";
import type { ClaimSet, CommitModes, CommitResult } from "./commit.js";

/** One task of a preempting job: the machine it goes to and the tasks evicted to make room. */
export interface PreemptionEntry {
  machine: number;
  /** Evicted tasks: `count` tasks of running group `group` on `machine`. */
  victims: { group: number; count: number }[];
  /** Resources the victims free on the machine (CPUs, GB, further dimensions the job needs). */
  freedCpus: number;
  freedMemGb: number;
  freedExtra: Float64Array | undefined;
}

/** What {@link commitPreemption} needs besides the cell. */
export interface PreemptionCommit {
  /** The planned tasks, each with its victims (`planPreemption`). */
  entries: readonly PreemptionEntry[];
  /** The attempt's claims (their shape; their machines were committed just before). */
  claims: ClaimSet;
  modes: CommitModes;
  /**
   * Coarse mode: 1 where the entry's machine was untouched since the snapshot (checked against
   * the cell before this attempt's transaction, as `commit` does for ordinary claims).
   */
  coarseOk?: Uint8Array;
  /** Takes `count` tasks of `group` off `machine` and re-queues their job (the model's `evictTasks`). */
  evict(group: number, machine: number, count: number): void;
}

/**
 * Commits the preempting part of an attempt's transaction after its ordinary claims (`result`,
 * from `commit`, extended in place): each planned task conflicts like any claim — fine: its
 * machine must still have room once its victims are gone (counting the attempt's claims and the
 * entries committed before it); coarse: also its machine untouched since the snapshot — and a
 * conflicting entry evicts nothing. Incremental keeps the entries that fit; all-or-nothing keeps
 * none if any conflicts, and then takes back the ordinary claims too (the whole transaction
 * fails). Entries that commit evict their victims, then claim the task's room.
 */
export function commitPreemption(cell: CellState, p: PreemptionCommit, result: CommitResult): void {
  const c = p.claims;
  const allOrNothing = p.modes.transactionMode === "all-or-nothing";
  // A failed all-or-nothing transaction has nothing to preempt for.
  if (allOrNothing && result.conflicted > 0) return;
  const ok = checkEntries(cell, p);
  const conflicted = ok.reduce((n, x) => n + (x === 1 ? 0 : 1), 0);
  if (allOrNothing && conflicted > 0) {
    for (let i = result.committed.length - 1; i >= 0; i--)
      cell.unclaim(result.committed[i] as number, c.cpusPerTask, c.memGbPerTask, c.extraPerTask);
    result.committed.length = 0;
    result.conflicted += conflicted;
    return;
  }
  p.entries.forEach((e, i) => {
    if (ok[i] !== 1) return;
    for (const v of e.victims) p.evict(v.group, e.machine, v.count);
    cell.claim(e.machine, c.cpusPerTask, c.memGbPerTask, c.extraPerTask);
    result.committed.push(e.machine);
  });
  result.conflicted += conflicted;
}

/** 1 where the entry commits: each in order, counting the entries before it that commit. */
function checkEntries(cell: CellState, p: PreemptionCommit): Uint8Array {
  const c = p.claims;
  const ok = new Uint8Array(p.entries.length);
  // Net room each machine gives to the entries committed so far (claimed minus freed).
  const usedCpus = new Map<number, number>();
  const usedMem = new Map<number, number>();
  const usedExtra = new Map<number, Float64Array>();
  p.entries.forEach((e, i) => {
    const m = e.machine;
    if (p.coarseOk !== undefined && p.coarseOk[i] !== 1) return;
    const cpus = (usedCpus.get(m) ?? 0) + c.cpusPerTask - e.freedCpus;
    const mem = (usedMem.get(m) ?? 0) + c.memGbPerTask - e.freedMemGb;
    if (cpus > cell.freeCpus(m) + FIT_EPSILON || mem > cell.freeMemGb(m) + FIT_EPSILON) return;
    const need = c.extraPerTask;
    let extra: Float64Array | undefined;
    if (need !== undefined) {
      extra = (usedExtra.get(m) ?? new Float64Array(need.length)).slice();
      for (let d = 0; d < need.length; d++) {
        (extra[d] as number) += (need[d] as number) - ((e.freedExtra?.[d] as number | undefined) ?? 0);
        if ((extra[d] as number) > cell.freeExtra(m, d) + FIT_EPSILON) return;
      }
    }
    ok[i] = 1;
    usedCpus.set(m, cpus);
    usedMem.set(m, mem);
    if (extra !== undefined) usedExtra.set(m, extra);
  });
  return ok;
}
