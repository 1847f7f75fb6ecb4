// @ts-check
import { definePlacement, definePlugin, fitsTasks } from "cellsim";

/**
 * Best of k: the "power of k choices" (Mitzenmacher, 2001) as a cellsim placement policy. For
 * each task, draw k machines at random among those that can still take it, and place the task on
 * the one with the most free CPU; ties go to the earlier draw. k = 1 is a uniform random pick;
 * a larger k spreads load more evenly at the cost of more draws.
 *
 * Draws are among machines with room, not among all machines: a task is left unplaced only when
 * no candidate can take it, as with the built-in policies. (Drawing from every machine and giving
 * up when none of the k fits would leave tasks unplaced on a busy cell that still has room, and a
 * comparison with the built-ins would then measure the retry rule, not the placement.)
 *
 * Tasks placed earlier in the same call count against a machine's room: a machine leaves the list
 * as soon as one more task would not fit. Cost: one scan of the candidates per call, then O(k)
 * per task.
 */

/** @typedef {import("cellsim").CellView} CellView */
/** @typedef {import("cellsim").TaskRequest} TaskRequest */
/** @typedef {import("cellsim").PlacementEntry} PlacementEntry */

/**
 * True if `tasks` tasks of the request's shape fit on machine `m` of the view, in every resource
 * dimension: CPU, memory and any further ones the cell declares (cellsim's own fit check, with
 * its rounding slack).
 * @param {CellView} view
 * @param {number} m
 * @param {number} tasks
 * @param {TaskRequest} req
 */
function fits(view, m, tasks, req) {
  return fitsTasks(view, m, tasks, req.cpusPerTask, req.memGbPerTask, req.extraPerTask);
}

/**
 * The best-of-k placement policy, registered as `best-of-<k>`.
 * @param {number} k draws per task (a whole number ≥ 1)
 * @returns {PlacementEntry}
 */
export function bestOfK(k) {
  if (!Number.isInteger(k) || k < 1) throw new Error(`best-of-k: k must be a whole number ≥ 1, got ${k}`);
  return definePlacement({
    name: `best-of-${k}`,
    description: `Each task on the emptiest (most free CPU) of ${k} random machines with room`,
    create(machines) {
      // Scratch buffers, one slot per machine, reset before each call returns.
      const placedHere = new Int32Array(machines);
      const withRoom = new Int32Array(machines);
      return (view, req, rng, out) => {
        let n = 0;
        for (let i = 0; i < view.candidates; i++) {
          const m = view.candidate(i);
          if (fits(view, m, 1, req)) withRoom[n++] = m;
        }
        for (let t = 0; t < req.tasks && n > 0; t++) {
          let bestAt = -1;
          let bestFree = -Infinity;
          for (let draw = 0; draw < k; draw++) {
            const at = Math.floor(rng.next() * n);
            const m = /** @type {number} */ (withRoom[at]);
            const free = view.freeCpus(m) - /** @type {number} */ (placedHere[m]) * req.cpusPerTask;
            if (free > bestFree) {
              bestAt = at;
              bestFree = free;
            }
          }
          const best = /** @type {number} */ (withRoom[bestAt]);
          const placed = /** @type {number} */ (placedHere[best]) + 1;
          placedHere[best] = placed;
          out.push(best);
          // Only the chosen machine lost room: drop it if one more task would not fit.
          if (!fits(view, best, placed + 1, req)) withRoom[bestAt] = /** @type {number} */ (withRoom[--n]);
        }
        for (const m of out) placedHere[m] = 0;
      };
    },
  });
}

export default definePlugin({ name: "best-of-k", placements: [bestOfK(2), bestOfK(4)] });
