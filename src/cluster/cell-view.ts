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

/** How many tasks of this shape fit in the given room. */
export function tasksThatFitIn(freeCpus: number, freeMemGb: number, cpus: number, memGb: number): number {
  const byCpu = cpus > 0 ? Math.floor((freeCpus + FIT_EPSILON) / cpus) : Infinity;
  const byMem = memGb > 0 ? Math.floor((freeMemGb + FIT_EPSILON) / memGb) : Infinity;
  return Math.max(0, Math.min(byCpu, byMem));
}

/** True if `k` tasks of this shape fit on machine m of the view. */
export function fitsTasks(view: CellView, m: number, k: number, cpus: number, memGb: number): boolean {
  return k * cpus <= view.freeCpus(m) + FIT_EPSILON && k * memGb <= view.freeMemGb(m) + FIT_EPSILON;
}

/** How many tasks of this shape fit on machine m of the view. */
export function tasksThatFitOn(view: CellView, m: number, cpus: number, memGb: number): number {
  return tasksThatFitIn(view.freeCpus(m), view.freeMemGb(m), cpus, memGb);
}
