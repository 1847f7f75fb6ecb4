import type { CellState } from "./cell-state.js";
import type { ExtraAmounts } from "./resources.js";

/**
 * The claims of one scheduling attempt: one entry per task, all of the job's shape. Entry i is a
 * ClaimDelta (scheduler, machines[i], seqSeen[i], cpusPerTask, memGbPerTask, durationUs); a job's
 * tasks share their shape, so the per-task fields are stored once.
 */
export interface ClaimSet {
  /** The claiming scheduler's index. */
  scheduler: number;
  /** The job's task shape: CPUs, GB and run time (µs) of each task. */
  cpusPerTask: number;
  memGbPerTask: number;
  /** Each task's amounts of the cell's further resource dimensions, if it needs any. */
  extraPerTask?: ExtraAmounts | undefined;
  durationUs: number;
  /** Machine of each claimed task (a machine repeats when it gets several tasks). */
  machines: number[];
  /**
   * The machine's sequence number in the snapshot the placement was made on. Needed by coarse
   * conflict detection only; a placement on the live cell under fine mode may omit it.
   */
  seqSeen?: number[];
}

/** Resource-fit ("fine") or sequence-number ("coarse") conflict detection. */
export type ConflictMode = "fine" | "coarse";
/** Commit what does not conflict, or all-or-nothing (gang). */
export type TransactionMode = "incremental" | "all-or-nothing";

/** How `commit` detects conflicts and what it does with a partly conflicting transaction. */
export interface CommitModes {
  conflictMode: ConflictMode;
  transactionMode: TransactionMode;
}

/** What `commit` did. */
export interface CommitResult {
  /** Machines of the committed claims, one per task started. */
  committed: number[];
  /** How many claims conflicted. */
  conflicted: number;
}

/**
 * Applies a transaction of claims to the shared cell.
 *
 * - fine: a claim conflicts if its machine no longer has room (counting the claims of this same
 *   transaction committed before it).
 * - coarse: a claim conflicts if any claim touched its machine since the snapshot, i.e. the
 *   machine's sequence number differs from the one seen. The check is against the cell as it was
 *   before this transaction, so a job's own tasks on one machine do not conflict with each other.
 * - incremental commits the non-conflicting claims; all-or-nothing commits none if any conflicts.
 *   A `gang` (a framework's rigid job) is always all-or-nothing: half a gang must never start.
 *
 * Every committed claim bumps its machine's sequence number.
 */
export function commit(cell: CellState, claims: ClaimSet, modes: CommitModes, gang = false): CommitResult {
  const machines = claims.machines;
  const n = machines.length;
  const coarseOk = modes.conflictMode === "coarse" ? coarseChecks(cell, claims) : undefined;
  // Most transactions commit whole: their list is then one copy of the claims' machines at its
  // final size, made at the end. Pushing one task at a time allocated every intermediate size
  // too (a third of a reference day's allocation); the list is built as it goes only from the
  // first conflict on.
  let committed: number[] | undefined;
  let conflicted = 0;
  for (let i = 0; i < n; i++) {
    const m = machines[i] as number;
    // Coarse mode also checks fit: the cell must never be over-committed, whatever the claimant saw.
    // A down machine has no capacity; the explicit check also refuses tasks that need nothing.
    const ok =
      (coarseOk === undefined || coarseOk[i] === 1) &&
      cell.fits(m, claims.cpusPerTask, claims.memGbPerTask, claims.extraPerTask) &&
      !cell.isDown(m);
    if (ok) {
      cell.claim(m, claims.cpusPerTask, claims.memGbPerTask, claims.extraPerTask);
      if (committed !== undefined) committed.push(m);
    } else {
      committed ??= machines.slice(0, i);
      conflicted++;
    }
  }
  if (committed === undefined) return { committed: machines.slice(), conflicted: 0 };
  if (conflicted > 0 && (gang || modes.transactionMode === "all-or-nothing")) {
    rollBack(cell, committed, claims);
    return { committed: [], conflicted };
  }
  return { committed, conflicted };
}

/** 1 where the claim's machine is untouched since the snapshot (coarse mode). */
function coarseChecks(cell: CellState, claims: ClaimSet): Uint8Array {
  const seen = claims.seqSeen;
  if (seen === undefined)
    throw new Error("coarse conflict detection needs the sequence numbers seen (seqSeen)");
  const ok = new Uint8Array(claims.machines.length);
  for (let i = 0; i < ok.length; i++) {
    const m = claims.machines[i] as number;
    ok[i] = cell.seq[m] === seen[i] ? 1 : 0;
  }
  return ok;
}

/** Undoes claims applied by this transaction (gang abort), restoring sequence numbers too. */
function rollBack(cell: CellState, applied: readonly number[], claims: ClaimSet): void {
  for (let i = applied.length - 1; i >= 0; i--) {
    const m = applied[i] as number;
    cell.unclaim(m, claims.cpusPerTask, claims.memGbPerTask, claims.extraPerTask);
  }
}
