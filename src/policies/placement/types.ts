import type { PerfCell } from "../../quasar/perf-cell.js";
import type { CellView } from "../../cluster/cell-view.js";
import type { RandomStream } from "../../engine/rng.js";
import type { ExtraAmounts } from "../../cluster/resources.js";

/** What a placement is asked to place: `tasks` identical tasks of one shape. */
export interface TaskRequest {
  /** How many tasks to place (at most). */
  tasks: number;
  /** CPUs each task needs. */
  cpusPerTask: number;
  /** Memory each task needs, GB. */
  memGbPerTask: number;
  /**
   * Each task's amounts of the cell's further resource dimensions (see resources.ts), or
   * undefined when it needs none. Pass it to `fitsTasks` / `tasksThatFitOn`.
   */
  extraPerTask?: ExtraAmounts | undefined;
  /** The job's index in the run (performance-aware placements read its prediction). */
  jobIndex?: number;
  /**
   * All tasks or none: the scheduler commits nothing unless every task was placed (a placement
   * may stop early once it cannot place them all).
   */
  gang?: boolean;
  /** At most one task per machine (the nodes of a multi-node job). */
  distinct?: boolean;
}

/**
 * Places up to `request.tasks` tasks on the candidate machines of `view` (the live cell, a stale
 * snapshot, a partition or an offer) without changing anything, appending the chosen machine of
 * each placed task to `out` (which starts empty). Tasks placed earlier in the same call count
 * against a machine's room. Deterministic given the view, the request and the stream state;
 * scratch buffers are restored before returning.
 */
export type Place = (view: CellView, request: TaskRequest, rng: RandomStream, out: number[]) => void;

/** A placement policy: which machine each task goes to. */
export interface PlacementPolicy {
  /** One line for `cellsim list`. */
  description: string;
  /**
   * Builds a placer for cells of `machines` machines (it may keep scratch buffers of that size).
   * `perf` is the performance side of the cell when the run has the performance model on.
   */
  create(machines: number, perf?: PerfCell): Place;
}

/**
 * A request with every field set, so all requests share one object shape (placers read them in
 * their inner loops: one shape keeps those reads monomorphic).
 */
export function taskRequest(tasks = 0, cpusPerTask = 0, memGbPerTask = 0): TaskRequest {
  return {
    tasks,
    cpusPerTask,
    memGbPerTask,
    extraPerTask: undefined,
    jobIndex: -1,
    gang: false,
    distinct: false,
  };
}
