import type { CellState } from "../../cluster/cell-state.js";
import type { RandomStream } from "../../engine/rng.js";

/** What a placement is asked to place: `tasks` identical tasks of one shape. */
export interface TaskRequest {
  tasks: number;
  cpusPerTask: number;
  memGbPerTask: number;
}

/**
 * Places up to `request.tasks` tasks on `cell` (a live cell or a private snapshot) without
 * changing it, appending the chosen machine of each placed task to `out` (which starts empty).
 * Tasks placed earlier in the same call count against a machine's room. Deterministic given the
 * cell, the request and the stream state; scratch buffers are restored before returning.
 */
export type Place = (cell: CellState, request: TaskRequest, rng: RandomStream, out: number[]) => void;

export interface PlacementPolicy {
  description: string;
  /** Builds a placer for cells of `machines` machines (it may keep scratch buffers of that size). */
  create(machines: number): Place;
}
