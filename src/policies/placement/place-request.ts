import type { CellView } from "../../cluster/cell-view.js";
import type { RandomStream } from "../../engine/rng.js";
import type { Place, TaskRequest } from "./types.js";

/**
 * Places a request with a placer and enforces its `gang` flag: when not every task found room,
 * nothing is placed (a gang starts whole or not at all). Every scheduler places through here.
 */
export function placeRequest(
  place: Place,
  view: CellView,
  request: TaskRequest,
  rng: RandomStream,
  out: number[],
): void {
  place(view, request, rng, out);
  if (request.gang === true && out.length < request.tasks) out.length = 0;
}
