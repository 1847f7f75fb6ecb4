import { describe, expect, it } from "vitest";
import { CellState } from "../../src/cluster/cell-state.js";
import { tasksThatFitOn } from "../../src/cluster/cell-view.js";
import { commit, type ClaimSet, type CommitModes } from "../../src/cluster/commit.js";

const modes = (
  conflictMode: "fine" | "coarse",
  transactionMode: "incremental" | "all-or-nothing",
): CommitModes => ({
  conflictMode,
  transactionMode,
});

/** Claims of 1-CPU, 1-GB tasks on the given machines, as seen in `snapshot`. */
function claims(snapshot: CellState, machines: number[], scheduler = 0): ClaimSet {
  return {
    scheduler,
    cpusPerTask: 1,
    memGbPerTask: 1,
    durationUs: 1e6,
    machines,
    seqSeen: machines.map((m) => snapshot.seq[m] as number),
  };
}

describe("CellState", () => {
  it("claims bump sequence numbers, releases do not", () => {
    const cell = CellState.homogeneous(2, 4, 8);
    cell.claim(1, 1, 2);
    cell.claim(1, 1, 2);
    expect(Array.from(cell.seq)).toEqual([0, 2]);
    cell.release(1, 1, 2);
    expect(Array.from(cell.seq)).toEqual([0, 2]);
    expect(cell.allocatedCpus).toBe(1);
    expect(cell.allocatedMemGb).toBe(2);
  });

  it("checks memory as memory and CPU as CPU", () => {
    const cell = CellState.homogeneous(1, 4, 8);
    expect(cell.fits(0, 4, 8)).toBe(true);
    expect(cell.fits(0, 1, 9)).toBe(false);
    expect(cell.fits(0, 5, 1)).toBe(false);
    expect(tasksThatFitOn(cell, 0, 1, 3)).toBe(2);
  });

  it("tolerates float rounding: ten 0.1-CPU tasks fit a 1-CPU machine", () => {
    const cell = CellState.homogeneous(1, 1, 1);
    for (let i = 0; i < 10; i++) {
      expect(cell.fits(0, 0.1, 0.1)).toBe(true);
      cell.claim(0, 0.1, 0.1);
    }
    expect(cell.fits(0, 0.1, 0)).toBe(false);
    expect(cell.findOvercommitted()).toBe(-1);
  });

  it("copy() is independent", () => {
    const cell = CellState.homogeneous(2, 4, 8);
    const snap = cell.copy();
    cell.claim(0, 1, 1);
    expect(snap.cpuAllocated[0]).toBe(0);
    expect(snap.seq[0]).toBe(0);
  });
});

describe("commit()", () => {
  // Machine 0 has 2 CPUs. Scheduler A and B both snapshot the empty cell and each place two
  // tasks on machine 0. A commits first; then B commits.
  function race(m: CommitModes, bMachines: number[]) {
    const cell = CellState.homogeneous(2, 2, 16);
    const snapA = cell.copy();
    const snapB = cell.copy();
    const a = commit(cell, claims(snapA, [0]), m);
    const b = commit(cell, claims(snapB, bMachines, 1), m);
    return { cell, a, b };
  }

  it("fine: B conflicts only where machine 0 is actually full", () => {
    // A took 1 of 2 CPUs on machine 0: B's first claim fits, its second does not.
    const { a, b, cell } = race(modes("fine", "incremental"), [0, 0, 1]);
    expect(a).toEqual({ committed: [0], conflicted: 0 });
    expect(b).toEqual({ committed: [0, 1], conflicted: 1 });
    expect(cell.cpuAllocated[0]).toBe(2);
  });

  it("coarse: any claim on a machine touched since the snapshot conflicts, even with room", () => {
    const { b, cell } = race(modes("coarse", "incremental"), [0, 1]);
    expect(b).toEqual({ committed: [1], conflicted: 1 });
    expect(cell.cpuAllocated[0]).toBe(1);
  });

  it("all-or-nothing: one conflict rolls back the whole transaction, sequence numbers included", () => {
    const fine = race(modes("fine", "all-or-nothing"), [0, 0, 1]);
    expect(fine.b).toEqual({ committed: [], conflicted: 1 });
    expect(Array.from(fine.cell.cpuAllocated)).toEqual([1, 0]);
    expect(Array.from(fine.cell.seq)).toEqual([1, 0]);
    const coarse = race(modes("coarse", "all-or-nothing"), [1, 0]);
    expect(coarse.b).toEqual({ committed: [], conflicted: 1 });
    expect(Array.from(coarse.cell.seq)).toEqual([1, 0]);
  });

  it("a job's own tasks on one machine do not conflict with each other in coarse mode", () => {
    const cell = CellState.homogeneous(1, 4, 16);
    const r = commit(cell, claims(cell.copy(), [0, 0, 0]), modes("coarse", "incremental"));
    expect(r).toEqual({ committed: [0, 0, 0], conflicted: 0 });
    expect(cell.seq[0]).toBe(3);
  });

  it("coarse mode still never over-commits (fit is checked too)", () => {
    const cell = CellState.homogeneous(1, 2, 16);
    const r = commit(cell, claims(cell.copy(), [0, 0, 0]), modes("coarse", "incremental"));
    expect(r.conflicted).toBe(1);
    expect(cell.findOvercommitted()).toBe(-1);
  });

  it("task ends do not cause coarse conflicts (they do not bump sequence numbers)", () => {
    const cell = CellState.homogeneous(1, 2, 16);
    cell.claim(0, 1, 1);
    const snap = cell.copy();
    cell.release(0, 1, 1);
    expect(commit(cell, claims(snap, [0]), modes("coarse", "incremental")).conflicted).toBe(0);
  });
});

describe("commit: a machine that went down after the snapshot (failures)", () => {
  it("conflicts in every mode, even for a task that asks for nothing", () => {
    for (const conflictMode of ["fine", "coarse"] as const) {
      const cell = CellState.homogeneous(2, 4, 8);
      // The scheduler's snapshot saw both machines up and empty; then machine 1 fails.
      const seen = claims(cell, [0, 1, 1]);
      expect(cell.takeDown(1)).toBe(true);
      const result = commit(cell, seen, modes(conflictMode, "incremental"));
      expect(result, conflictMode).toEqual({ committed: [0], conflicted: 2 });
      expect(cell.cpuAllocated[1]).toBe(0);

      const empty = { ...claims(cell, [1]), cpusPerTask: 0, memGbPerTask: 0 };
      expect(commit(cell, empty, modes(conflictMode, "incremental")).conflicted).toBe(1);

      const gang = commit(cell, claims(cell, [0, 1]), modes(conflictMode, "all-or-nothing"));
      expect(gang).toEqual({ committed: [], conflicted: 1 });
      expect(cell.cpuAllocated[0]).toBe(1);
    }
  });
});
