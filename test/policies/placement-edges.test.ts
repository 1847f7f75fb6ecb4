import { describe, expect, it } from "vitest";
import { CellState } from "../../src/cluster/cell-state.js";
import { fitsTasks } from "../../src/cluster/cell-view.js";
import { makeStream } from "../../src/engine/rng.js";
import { bestFit } from "../../src/policies/placement/best-fit.js";
import { leastLoaded } from "../../src/policies/placement/least-loaded.js";
import { randomFirstFit } from "../../src/policies/placement/random-first-fit.js";
import type { CellView } from "../../src/cluster/cell-view.js";
import { enforceGang } from "../../src/policies/placement/place-request.js";
import { taskRequest } from "../../src/policies/placement/types.js";

/**
 * Placement details that mutation testing (docs/design.md, "Mutation testing") found unchecked by
 * the placement tests: tie-breaking, the load that counts this call's own tasks, the gang rule and
 * the default request.
 */

/** Least loaded, task by task: lowest (allocated + placed in this call) / capacity, ties first. */
function reference(cell: CellState, tasks: number, cpus: number, mem: number): number[] {
  const out: number[] = [];
  const here = new Map<number, number>();
  for (let t = 0; t < tasks; t++) {
    let best = -1;
    let bestLoad = Infinity;
    for (let m = 0; m < cell.machines; m++) {
      const k = (here.get(m) ?? 0) + 1;
      if (!fitsTasks(cell, m, k, cpus, mem)) continue;
      const cap = cell.capacityCpus(m);
      const load = (cap - cell.freeCpus(m) + (k - 1) * cpus) / cap;
      if (load < bestLoad) [best, bestLoad] = [m, load];
    }
    if (best < 0) break;
    here.set(best, (here.get(best) ?? 0) + 1);
    out.push(best);
  }
  return out;
}

describe("least-loaded without distinct", () => {
  it("counts the tasks it already placed in the load, scaled by each machine's capacity", () => {
    const rng = makeStream("least-loaded-load");
    for (let trial = 0; trial < 300; trial++) {
      const machines = 1 + Math.floor(rng.next() * 12);
      const cell = CellState.fromCapacities(
        Array.from({ length: machines }, () => [2, 4, 8, 16][Math.floor(rng.next() * 4)] as number),
        Array.from({ length: machines }, () => 64),
      );
      for (let m = 0; m < machines; m++)
        cell.claim(m, Math.floor(rng.next() * (cell.capacityCpus(m) + 1)), 1);
      const tasks = 1 + Math.floor(rng.next() * 10);
      const cpus = 1 + Math.floor(rng.next() * 3);
      const out: number[] = [];
      leastLoaded.create(machines)(cell, { tasks, cpusPerTask: cpus, memGbPerTask: 1 }, rng, out);
      expect(out, `trial ${trial}`).toEqual(reference(cell, tasks, cpus, 1));
    }
  });
});

describe("best-fit", () => {
  it("breaks ties between equally free machines by candidate order", () => {
    const cell = CellState.homogeneous(3, 4, 16);
    const out: number[] = [];
    bestFit.create(3)(cell, { tasks: 2, cpusPerTask: 1, memGbPerTask: 1 }, makeStream("tie"), out);
    expect(out).toEqual([0, 0]);
  });
});

describe("enforceGang", () => {
  it("clears a gang that did not place every task, and leaves everything else alone", () => {
    const partial = [3, 4];
    enforceGang({ ...taskRequest(3, 1, 1), gang: true }, partial);
    expect(partial).toEqual([]);
    const whole = [3, 4, 5];
    enforceGang({ ...taskRequest(3, 1, 1), gang: true }, whole);
    expect(whole).toEqual([3, 4, 5]);
    const notGang = [3, 4];
    enforceGang(taskRequest(3, 1, 1), notGang);
    expect(notGang).toEqual([3, 4]);
  });
});

describe("taskRequest", () => {
  it("sets every field: no job, no gang, not distinct", () => {
    expect(taskRequest(2, 0.5, 1)).toEqual({
      tasks: 2,
      cpusPerTask: 0.5,
      memGbPerTask: 1,
      extraPerTask: undefined,
      jobIndex: -1,
      gang: false,
      distinct: false,
    });
  });
});

describe("random first fit", () => {
  /** The cell seen through a view that says only its first `withRoom` candidates can take a task. */
  const sortedByRoom = (cell: CellState, withRoom: number): CellView =>
    Object.assign(Object.create(cell) as CellState, { candidatesWithRoomFor: () => withRoom });

  it("restores its candidate pool after every call, whatever the view narrowed or dropped", () => {
    const machines = 8;
    const place = randomFirstFit.create(machines);
    const rng = makeStream("random-first-fit-restore");
    // Calls that narrow the pool (a view sorted by room), drop machines (full ones) and place.
    const mixed = CellState.homogeneous(machines, 4, 16);
    for (const m of [1, 2, 5]) mixed.claim(m, 4, 1);
    for (let call = 0; call < 20; call++) {
      const view = call % 2 === 0 ? sortedByRoom(mixed, 1 + (call % machines)) : mixed;
      place(view, taskRequest(1 + (call % 3), 1, 1), rng, []);
    }
    // Then a cell where exactly one machine has room: every machine must still be reachable.
    for (let free = 0; free < machines; free++) {
      const cell = CellState.homogeneous(machines, 4, 16);
      for (let m = 0; m < machines; m++) if (m !== free) cell.claim(m, 4, 1);
      const out: number[] = [];
      place(cell, taskRequest(1, 1, 1), rng, out);
      expect(out, `only machine ${free} has room`).toEqual([free]);
    }
  });
});
