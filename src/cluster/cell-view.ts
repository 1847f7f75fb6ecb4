import type { ExtraAmounts } from "./resources.js";

/**
 * What a placement policy sees of a cell: a list of candidate machines and, per machine, the room
 * left. The live cell, a scheduler's stale snapshot, a static partition and a two-level offer are
 * all views, so one placement policy serves every architecture without copying the cell.
 */
export interface CellView {
  /** Number of candidate machines. */
  readonly candidates: number;
  /** Machine index of the i-th candidate (0 ≤ i < candidates). */
  candidate(i: number): number;
  /** CPUs left on machine m as this view sees it. */
  freeCpus(m: number): number;
  /** Memory left on machine m as this view sees it, GB. */
  freeMemGb(m: number): number;
  /** CPU capacity of machine m (for load fractions). */
  capacityCpus(m: number): number;
  /**
   * Room left on machine m in the cell's further resource dimension d (0-based, in the cell's
   * declaration order; see resources.ts). Only read for tasks that ask for further dimensions.
   */
  freeExtra(m: number, d: number): number;
  /**
   * Optional upper bounds on any candidate's free CPUs and memory, when a view knows them cheaply
   * (a two-level offer of scattered fragments): a task larger than either fits nowhere, so a
   * placement can stop at once instead of trying every candidate.
   */
  readonly maxFreeCpus?: number;
  readonly maxFreeMemGb?: number;
  /**
   * Optional: how many leading candidates can possibly take one task needing `cpus` (views whose
   * candidates are sorted by room, largest first). Placement may ignore the rest.
   */
  candidatesWithRoomFor?(cpus: number): number;
}

/**
 * The number of leading candidates worth trying for a task of this shape: 0 when the view's
 * bounds prove that no candidate can take one, else what the view says (default: all).
 */
export function candidatesWorthTrying(view: CellView, cpus: number, memGb: number): number {
  const bounded =
    cpus <= (view.maxFreeCpus ?? Infinity) + FIT_EPSILON &&
    memGb <= (view.maxFreeMemGb ?? Infinity) + FIT_EPSILON;
  if (!bounded) return 0;
  return view.candidatesWithRoomFor ? view.candidatesWithRoomFor(cpus) : view.candidates;
}

/**
 * Fit checks allow this much rounding slack, so ten 0.1-CPU tasks fit on a 1-CPU machine; the
 * over-commit invariant uses the same slack.
 */
export const FIT_EPSILON = 1e-9;

/** True if `k` tasks each needing `extra` fit in machine m's room of the further dimensions. */
export function fitsExtra(view: CellView, m: number, k: number, extra: ExtraAmounts): boolean {
  for (let d = 0; d < extra.length; d++)
    if (k * (extra[d] as number) > view.freeExtra(m, d) + FIT_EPSILON) return false;
  return true;
}

/** How many tasks of this shape fit in the given room. */
export function tasksThatFitIn(freeCpus: number, freeMemGb: number, cpus: number, memGb: number): number {
  const byCpu = cpus > 0 ? Math.floor((freeCpus + FIT_EPSILON) / cpus) : Infinity;
  const byMem = memGb > 0 ? Math.floor((freeMemGb + FIT_EPSILON) / memGb) : Infinity;
  return Math.max(0, Math.min(byCpu, byMem));
}

/**
 * True if `k` tasks of this shape fit on machine m of the view (`extra`: each task's amounts of
 * the cell's further dimensions, if it needs any).
 */
export function fitsTasks(
  view: CellView,
  m: number,
  k: number,
  cpus: number,
  memGb: number,
  extra?: ExtraAmounts,
): boolean {
  return (
    k * cpus <= view.freeCpus(m) + FIT_EPSILON &&
    k * memGb <= view.freeMemGb(m) + FIT_EPSILON &&
    (extra === undefined || fitsExtra(view, m, k, extra))
  );
}

/** How many tasks of this shape fit on machine m of the view (`extra` as in `fitsTasks`). */
export function tasksThatFitOn(
  view: CellView,
  m: number,
  cpus: number,
  memGb: number,
  extra?: ExtraAmounts,
): number {
  const k = tasksThatFitIn(view.freeCpus(m), view.freeMemGb(m), cpus, memGb);
  if (extra === undefined) return k;
  return k === 0 ? 0 : Math.min(k, extraTasksThatFit(view, m, extra));
}

/** How many tasks each needing `extra` fit in machine m's room of the further dimensions. */
function extraTasksThatFit(view: CellView, m: number, extra: ExtraAmounts): number {
  let k = Infinity;
  for (let d = 0; d < extra.length; d++) {
    const need = extra[d] as number;
    if (need > 0) k = Math.min(k, Math.max(0, Math.floor((view.freeExtra(m, d) + FIT_EPSILON) / need)));
  }
  return k;
}
