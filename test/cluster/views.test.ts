import { describe, expect, it } from "vitest";
import { CellState } from "../../src/cluster/cell-state.js";
import { ChangeTracker } from "../../src/cluster/change-tracker.js";
import { RangeView, SnapshotView } from "../../src/cluster/views.js";

describe("SnapshotView", () => {
  it("sees the cell as it was when tracking started, without copying it", () => {
    const cell = CellState.homogeneous(4, 4, 16);
    cell.claim(0, 1, 2);
    const tracker = new ChangeTracker(4);
    cell.track(tracker);
    const snap = new SnapshotView(cell, tracker);
    const deep = cell.copy();
    // After the snapshot: claims, a release, a lock.
    cell.claim(1, 2, 4);
    cell.claim(1, 1, 1);
    cell.release(0, 1, 2);
    cell.lock(3, 4, 16);
    for (let m = 0; m < 4; m++) {
      expect(snap.freeCpus(m)).toBe(deep.freeCpus(m));
      expect(snap.freeMemGb(m)).toBe(deep.freeMemGb(m));
      expect(snap.seqAt(m)).toBe(deep.seq[m]);
    }
    expect(tracker.changedMachines).toEqual([1, 0, 3]);
    cell.untrack(tracker);
    expect(Array.from(tracker.cpu)).toEqual([0, 0, 0, 0]);
    cell.claim(2, 1, 1);
    expect(tracker.changedMachines).toEqual([]);
  });

  it("several trackers record independently", () => {
    const cell = CellState.homogeneous(2, 4, 16);
    const a = new ChangeTracker(2);
    const b = new ChangeTracker(2);
    cell.track(a);
    cell.claim(0, 1, 1);
    cell.track(b);
    cell.claim(0, 1, 1);
    expect(a.cpu[0]).toBe(2);
    expect(b.cpu[0]).toBe(1);
    expect(new SnapshotView(cell, a).seqAt(0)).toBe(0);
    expect(new SnapshotView(cell, b).seqAt(0)).toBe(1);
  });
});

describe("RangeView", () => {
  it("offers only its machines", () => {
    const cell = CellState.homogeneous(10, 4, 16);
    const v = new RangeView(cell, 6, 4);
    expect(Array.from({ length: v.candidates }, (_, i) => v.candidate(i))).toEqual([6, 7, 8, 9]);
  });
});
