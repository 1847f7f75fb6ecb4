import { describe, expect, it } from "vitest";
import { OfferView } from "../../src/architectures/two-level/offer.js";
import { CellState } from "../../src/cluster/cell-state.js";
import { candidatesWorthTrying, FIT_EPSILON, fitsTasks } from "../../src/cluster/cell-view.js";
import { RngFactory } from "../../src/engine/rng.js";
import { randomFirstFit } from "../../src/policies/placement/random-first-fit.js";
import { taskRequest } from "../../src/policies/placement/types.js";

/**
 * The two-level offer view (OfferView): a bulk offer holds what was free when it opened (read
 * lazily through its change tracker); an explicit offer locks what the bulk offer does not hold —
 * the room freed since it opened — largest fragment first. All cells here: 4 machines × (4 CPUs,
 * 16 GB) unless said.
 */

const candidatesOf = (v: OfferView) => Array.from({ length: v.candidates }, (_, i) => v.candidate(i));
const freeOf = (v: OfferView, machines = 4) =>
  Array.from({ length: machines }, (_, m) => [v.freeCpus(m), v.freeMemGb(m)]);
const cellFree = (cell: CellState) =>
  Array.from({ length: cell.machines }, (_, m) => [cell.freeCpus(m), cell.freeMemGb(m)]);

describe("OfferView: closed", () => {
  it("holds nothing, has no bounds and is not tracking the cell", () => {
    const cell = CellState.homogeneous(4, 4, 16);
    const v = new OfferView(cell);
    expect(v.mode).toBe("none");
    expect([v.heldCpus, v.heldMemGb, v.remainingCpus, v.remainingMemGb]).toEqual([0, 0, 0, 0]);
    expect([v.maxFreeCpus, v.maxFreeMemGb]).toEqual([Infinity, Infinity]);
    expect(v.tracker.active).toBe(false);
    expect(v.capacityCpus(2)).toBe(4);
  });
});

describe("OfferView: bulk offer", () => {
  function opened() {
    const cell = CellState.homogeneous(4, 4, 16);
    cell.claim(0, 3, 4); // m0: 1 CPU, 12 GB free
    cell.claim(2, 4, 16); // m2: full
    const v = new OfferView(cell);
    v.openBulk();
    return { cell, v };
  }

  it("offers every machine, with the room free when it opened, and holds the free totals", () => {
    const { cell, v } = opened();
    expect(v.mode).toBe("bulk");
    expect(candidatesOf(v)).toEqual([0, 1, 2, 3]);
    expect(freeOf(v)).toEqual([
      [1, 12],
      [4, 16],
      [0, 0],
      [4, 16],
    ]);
    expect([v.heldCpus, v.heldMemGb]).toEqual([9, 44]);
    expect([v.remainingCpus, v.remainingMemGb]).toEqual([9, 44]);
    // Fragments are not known without a scan: no bounds, every candidate worth trying.
    expect([v.maxFreeCpus, v.maxFreeMemGb]).toEqual([Infinity, Infinity]);
    expect(v.candidatesWithRoomFor(4)).toBe(4);
    expect(v.candidatesWithRoomFor(100)).toBe(4);
    expect(candidatesWorthTrying(v, 100, 100)).toBe(4);
    expect(v.tracker.active).toBe(true);
    expect(cell.lockedCpus).toBe(0); // nothing locked: the offer is implicit
  });

  it("does not see what changed on the cell after it opened", () => {
    const { cell, v } = opened();
    const before = freeOf(v);
    cell.release(0, 3, 4); // freed after the offer: not the offer's
    cell.release(2, 2, 8);
    cell.lock(2, 2, 8); // an explicit offer takes the freed room
    cell.claim(1, 1, 1); // (an outside claim: the architecture refuses these while a bulk offer is open)
    expect(freeOf(v)).toEqual(before);
    expect(v.tracker.freedMachines).toEqual([0, 2]);
  });

  it("tentative claims shrink the machine's room and what remains of the offer, not the cell", () => {
    const { cell, v } = opened();
    v.claimTentatively([1, 1, 3], 1, 2);
    v.claimTentatively([1], 0.5, 1);
    expect(freeOf(v)).toEqual([
      [1, 12],
      [1.5, 11],
      [0, 0],
      [3, 14],
    ]);
    expect([v.remainingCpus, v.remainingMemGb]).toEqual([9 - 3.5, 44 - 7]);
    expect([v.heldCpus, v.heldMemGb]).toEqual([9, 44]);
    expect(cellFree(cell)[1]).toEqual([4, 16]);
  });

  it("close forgets the claims and stops tracking; reopening sees the cell as it is then", () => {
    const { cell, v } = opened();
    v.claimTentatively([3, 3], 2, 2);
    v.close();
    expect(v.mode).toBe("none");
    expect([v.heldCpus, v.heldMemGb, v.remainingCpus, v.remainingMemGb]).toEqual([0, 0, 0, 0]);
    expect(v.tracker.active).toBe(false);
    cell.release(2, 4, 16); // not recorded: the tracker is off
    expect(v.tracker.freedMachines).toEqual([]);
    v.openBulk();
    expect(freeOf(v)).toEqual(cellFree(cell));
    expect(freeOf(v)[3]).toEqual([4, 16]); // the earlier tentative claims are gone
    expect([v.heldCpus, v.heldMemGb]).toEqual([13, 60]);
  });
});

describe("OfferView: explicit offer of the room freed beside a bulk offer", () => {
  /**
   * A bulk offer opens on a cell with m0 full and m1–m3 holding 3 CPUs each; then m1 frees
   * 1 CPU / 2 GB, m3 3 CPUs / 4 GB, m2 3 CPUs / 1 GB, and m0 takes a claim (not a freeing).
   */
  function opened() {
    const cell = CellState.homogeneous(4, 4, 16);
    cell.claim(0, 4, 16);
    for (const m of [1, 2, 3]) cell.claim(m, 3, 8);
    const bulk = new OfferView(cell);
    bulk.openBulk();
    const bulkFree = freeOf(bulk);
    cell.release(0, 1, 1); // m0 frees 1 CPU / 1 GB …
    cell.claim(0, 1, 1); // … and it is taken again: net nothing freed
    cell.release(1, 1, 2);
    cell.release(3, 3, 4);
    cell.release(2, 3, 1);
    const v = new OfferView(cell);
    v.openExplicit(bulk);
    return { cell, bulk, bulkFree, v };
  }

  it("locks exactly the freed room, largest CPU fragment first (ties: machine index)", () => {
    const { cell, v } = opened();
    expect(v.mode).toBe("explicit");
    expect(candidatesOf(v)).toEqual([2, 3, 1]);
    expect(freeOf(v)).toEqual([
      [0, 0],
      [1, 2],
      [3, 1],
      [3, 4],
    ]);
    expect([v.heldCpus, v.heldMemGb]).toEqual([7, 7]);
    expect([v.remainingCpus, v.remainingMemGb]).toEqual([7, 7]);
    expect([v.maxFreeCpus, v.maxFreeMemGb]).toEqual([3, 4]);
    expect([cell.lockedCpus, cell.lockedMemGb]).toEqual([7, 7]);
    // What was freed is held now: the cell's free room is back to what the bulk offer holds.
    expect(cellFree(cell)).toEqual([
      [0, 0],
      [1, 8],
      [1, 8],
      [1, 8],
    ]);
  });

  it("the bulk offer still sees what it held, and its freed list is consumed", () => {
    const { bulk, bulkFree } = opened();
    expect(freeOf(bulk)).toEqual(bulkFree);
    expect(bulk.tracker.freedMachines).toEqual([]);
  });

  it("candidatesWithRoomFor: the leading fragments with at least that many CPUs", () => {
    const { v } = opened();
    expect(v.candidatesWithRoomFor(0.5)).toBe(3);
    expect(v.candidatesWithRoomFor(1)).toBe(3);
    expect(v.candidatesWithRoomFor(1.5)).toBe(2);
    expect(v.candidatesWithRoomFor(3)).toBe(2);
    expect(v.candidatesWithRoomFor(3 + FIT_EPSILON / 2)).toBe(2); // rounding slack
    expect(v.candidatesWithRoomFor(3.5)).toBe(0);
    expect(v.candidatesWithRoomFor(5)).toBe(0);
  });

  it("candidatesWithRoomFor agrees with the fit check at the rounding-slack boundary", () => {
    // A task of 3 + FIT_EPSILON CPUs fits a 3-CPU fragment (fitsTasks allows the slack), so
    // both 3-CPU fragments count; a hair more fits neither.
    const { v } = opened();
    for (const cpus of [1, 1 + FIT_EPSILON, 1 + 2 * FIT_EPSILON, 3, 3 + FIT_EPSILON, 3 + 2 * FIT_EPSILON]) {
      const fitting = candidatesOf(v).filter((m) => fitsTasks(v, m, 1, cpus, 0)).length;
      expect(v.candidatesWithRoomFor(cpus), `${cpus} CPUs`).toBe(fitting);
    }
    expect(v.candidatesWithRoomFor(3 + FIT_EPSILON)).toBe(2);
    expect(v.candidatesWithRoomFor(1 + FIT_EPSILON)).toBe(3);
    expect(v.candidatesWithRoomFor(3 + 2 * FIT_EPSILON)).toBe(0);
  });

  it("max-free bounds: a task larger than every fragment in CPUs or in memory fits nowhere", () => {
    const { v } = opened();
    expect(candidatesWorthTrying(v, 1, 4)).toBe(3);
    expect(candidatesWorthTrying(v, 2, 1)).toBe(2);
    expect(candidatesWorthTrying(v, 1, 4.5)).toBe(0); // memory bound (m3's 4 GB)
    expect(candidatesWorthTrying(v, 3.5, 1)).toBe(0); // CPU bound
  });

  it("tentative claims shrink fragments and the remainder; close unlocks everything", () => {
    const { cell, bulk, v } = opened();
    v.claimTentatively([2, 3, 3], 1, 1);
    expect(freeOf(v)).toEqual([
      [0, 0],
      [1, 2],
      [2, 0],
      [1, 2],
    ]);
    expect([v.remainingCpus, v.remainingMemGb]).toEqual([4, 4]);
    v.close();
    expect(v.mode).toBe("none");
    expect([v.heldCpus, v.heldMemGb, v.remainingCpus, v.remainingMemGb]).toEqual([0, 0, 0, 0]);
    expect([v.maxFreeCpus, v.maxFreeMemGb]).toEqual([Infinity, Infinity]);
    expect([cell.lockedCpus, cell.lockedMemGb]).toEqual([0, 0]);
    expect(Array.from(cell.cpuLocked)).toEqual([0, 0, 0, 0]);
    // The unlocked room is freed again in the bulk offer's eyes (in the order it was held)…
    expect(bulk.tracker.freedMachines).toEqual([2, 3, 1]);
    // … so the next explicit offer holds it again, without the closed offer's claims.
    v.openExplicit(bulk);
    expect(candidatesOf(v)).toEqual([2, 3, 1]);
    expect([v.heldCpus, v.heldMemGb]).toEqual([7, 7]);
    expect(freeOf(v)[3]).toEqual([3, 4]);
  });

  it("after a reply: only the room left over is offered again, memory-only fragments last", () => {
    const { cell, bulk, v } = opened();
    // The framework takes 3 CPUs / 2 GB of m3 and 1 CPU / 1 GB of m2; it replies: the offer
    // closes, then the claims commit.
    v.close();
    cell.claim(3, 3, 2);
    cell.claim(2, 1, 1);
    const next = new OfferView(cell);
    next.openExplicit(bulk);
    expect(candidatesOf(next)).toEqual([2, 1, 3]);
    expect(freeOf(next)).toEqual([
      [0, 0],
      [1, 2],
      [2, 0],
      [0, 2],
    ]);
    expect([next.heldCpus, next.heldMemGb]).toEqual([3, 4]);
    expect([next.maxFreeCpus, next.maxFreeMemGb]).toEqual([2, 2]);
    expect(next.candidatesWithRoomFor(1)).toBe(2); // m3's memory-only fragment is never worth a CPU task
  });

  it("a further explicit offer while one is open gets only what was freed since", () => {
    const { cell, bulk, v } = opened();
    cell.release(0, 2, 4);
    const third = new OfferView(cell);
    third.openExplicit(bulk);
    expect(candidatesOf(third)).toEqual([0]);
    expect(freeOf(third)[0]).toEqual([2, 4]);
    expect([third.heldCpus, third.heldMemGb]).toEqual([2, 4]);
    expect(candidatesOf(v)).toEqual([2, 3, 1]); // the first one is unchanged
    expect([cell.lockedCpus, cell.lockedMemGb]).toEqual([9, 11]);
  });

  it("nothing freed: an empty offer", () => {
    const cell = CellState.homogeneous(4, 4, 16);
    const bulk = new OfferView(cell);
    bulk.openBulk();
    cell.claim(1, 1, 1);
    const v = new OfferView(cell);
    v.openExplicit(bulk);
    expect(v.candidates).toBe(0);
    expect([v.heldCpus, v.heldMemGb, v.maxFreeCpus, v.maxFreeMemGb]).toEqual([0, 0, 0, 0]);
    expect(v.candidatesWithRoomFor(0.1)).toBe(0);
    expect(candidatesWorthTrying(v, 0.1, 0.1)).toBe(0);
  });

  it("random first fit places only on the offer's fragments, within their room", () => {
    const { v } = opened();
    const place = randomFirstFit.create(4);
    const stream = new RngFactory(7).stream("placement:test");
    const out: number[] = [];
    place(v, taskRequest(10, 1, 1), stream, out);
    // m2 takes 1 (1 GB), m3 3, m1 1: 5 tasks; m0 (full, not offered) none.
    expect([...out].sort()).toEqual([1, 2, 3, 3, 3]);
  });
});
