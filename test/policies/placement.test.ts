import { describe, expect, it } from "vitest";
import { CellState } from "../../src/cluster/cell-state.js";
import { makeStream, type RandomStream } from "../../src/engine/rng.js";
import { PLACEMENT_POLICIES, getPlacementPolicy } from "../../src/policies/placement/index.js";

const NAMES = Object.keys(PLACEMENT_POLICIES);

/** A stream that counts how many numbers were drawn. */
function counting(seed: string): RandomStream & { draws: number } {
  const inner = makeStream(seed);
  const s = { draws: 0, next: () => (s.draws++, inner.next()) };
  return s;
}

function randomCell(machines: number, seed: string): CellState {
  const cell = CellState.homogeneous(machines, 4, 16);
  const r = makeStream(seed);
  for (let m = 0; m < machines; m++) {
    const used = Math.floor(r.next() * 5);
    if (used > 0) cell.claim(m, used, used * 3);
  }
  return cell;
}

describe.each(NAMES)("placement %s", (name) => {
  const policy = getPlacementPolicy(name);

  it("never over-commits a machine, counting its own earlier tasks", () => {
    for (let trial = 0; trial < 20; trial++) {
      const cell = randomCell(50, `cell${trial}`);
      const out: number[] = [];
      policy.create(cell.machines)(
        cell,
        { tasks: 300, cpusPerTask: 1, memGbPerTask: 2 },
        makeStream(`p${trial}`),
        out,
      );
      for (const m of out) cell.claim(m, 1, 2);
      expect(cell.findOvercommitted()).toBe(-1);
      // It places everything that fits: the rest of the cell has no room for one more task.
      if (out.length < 300) {
        for (let m = 0; m < cell.machines; m++) expect(cell.fits(m, 1, 2)).toBe(false);
      }
    }
  });

  it("does not change the cell and is a pure function of (cell, request, stream)", () => {
    const cell = randomCell(40, "pure");
    const before = Array.from(cell.cpuAllocated);
    const place = policy.create(cell.machines);
    const a: number[] = [];
    const b: number[] = [];
    place(cell, { tasks: 25, cpusPerTask: 1, memGbPerTask: 1 }, makeStream("s"), a);
    place(cell, { tasks: 25, cpusPerTask: 1, memGbPerTask: 1 }, makeStream("s"), b);
    expect(b).toEqual(a);
    expect(Array.from(cell.cpuAllocated)).toEqual(before);
  });

  it("places nothing on a full cell", () => {
    const cell = CellState.homogeneous(10, 1, 1);
    for (let m = 0; m < 10; m++) cell.claim(m, 1, 1);
    const out: number[] = [];
    policy.create(10)(cell, { tasks: 5, cpusPerTask: 1, memGbPerTask: 1 }, makeStream("x"), out);
    expect(out).toEqual([]);
  });
});

describe("random-first-fit", () => {
  const place = PLACEMENT_POLICIES["random-first-fit"]!.create(100_000);

  it("costs O(tasks), not O(machines), on a mostly empty cell", () => {
    const cell = CellState.homogeneous(100_000, 4, 16);
    const rng = counting("big");
    const out: number[] = [];
    place(cell, { tasks: 100, cpusPerTask: 1, memGbPerTask: 2 }, rng, out);
    expect(out).toHaveLength(100);
    expect(rng.draws).toBe(100);
  });

  it("spreads tasks over random machines", () => {
    const cell = CellState.homogeneous(100_000, 4, 16);
    const out: number[] = [];
    place(cell, { tasks: 1000, cpusPerTask: 1, memGbPerTask: 2 }, makeStream("spread"), out);
    expect(new Set(out).size).toBeGreaterThan(990);
  });
});

describe("deterministic policies", () => {
  const run = (name: string, cell: CellState, tasks: number) => {
    const out: number[] = [];
    getPlacementPolicy(name).create(cell.machines)(
      cell,
      { tasks, cpusPerTask: 1, memGbPerTask: 1 },
      makeStream("x"),
      out,
    );
    return out;
  };
  // Free CPUs: machine 0 → 3, machine 1 → 1, machine 2 → 4.
  const cell = CellState.homogeneous(3, 4, 16);
  cell.claim(0, 1, 1);
  cell.claim(1, 3, 1);

  it("first-fit fills machines in index order", () =>
    expect(run("first-fit", cell, 5)).toEqual([0, 0, 0, 1, 2]));
  it("best-fit fills the tightest machine first", () =>
    expect(run("best-fit", cell, 5)).toEqual([1, 0, 0, 0, 2]));
  it("least-loaded spreads to the emptiest machine", () =>
    expect(run("least-loaded", cell, 4)).toEqual([2, 0, 2, 0]));

  it("unknown names list the valid ones", () => {
    expect(() => getPlacementPolicy("worst-fit")).toThrow(
      /random-first-fit, first-fit, best-fit, least-loaded/,
    );
  });
});
