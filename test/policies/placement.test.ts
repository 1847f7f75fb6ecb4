import { describe, expect, it } from "vitest";
import { CellState } from "../../src/cluster/cell-state.js";
import { makeStream, type RandomStream } from "../../src/engine/rng.js";
import { definePlacement, definePlugin } from "../../src/plugins/define.js";
import { PLACEMENT_POLICIES, getPlacementPolicy } from "../../src/policies/placement/index.js";
import { describePlacementConformance, placementChecks } from "../../src/testing/index.js";

const NAMES = Object.keys(PLACEMENT_POLICIES);

/** A stream that counts how many numbers were drawn. */
function counting(seed: string): RandomStream & { draws: number } {
  const inner = makeStream(seed);
  const s = { draws: 0, next: () => (s.draws++, inner.next()) };
  return s;
}

// The placement conformance suite (also `cellsim/testing`) over every built-in policy.
for (const name of NAMES) describePlacementConformance({ placement: name });

describe("the placement conformance suite", () => {
  const greedy = definePlugin({
    placements: [
      definePlacement({
        name: "always-zero",
        description: "broken on purpose: every task on machine 0",
        create: () => (_view, request, _rng, out) => {
          for (let t = 0; t < request.tasks; t++) out.push(0);
        },
      }),
    ],
  });

  it("fails a policy that over-places, naming it, the check and the machine", () => {
    const check = placementChecks({ placement: "always-zero", plugins: [greedy] }).find(
      (c) => c.test === "never-overplaces",
    )!;
    expect(() => check.run()).toThrow(/^always-zero: never-overplaces: trial \d+: machine 0 /);
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
