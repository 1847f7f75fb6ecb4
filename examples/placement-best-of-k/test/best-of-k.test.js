// @ts-check
import { describe, expect, it } from "vitest";
import { bestOfK } from "../best-of-k.js";

/** @typedef {import("cellsim").CellView} CellView */

/**
 * A view of machines with 4 CPU / 16 GB capacity and the given free room.
 * @param {number[]} freeCpus
 * @param {number[]} [freeMemGb] default: 16 GB free everywhere
 * @returns {CellView}
 */
function view(freeCpus, freeMemGb = freeCpus.map(() => 16)) {
  return {
    candidates: freeCpus.length,
    candidate: (i) => i,
    freeCpus: (m) => /** @type {number} */ (freeCpus[m]),
    freeMemGb: (m) => /** @type {number} */ (freeMemGb[m]),
    capacityCpus: () => 4,
  };
}

/** A stream returning the given numbers in order (then fails: a test must script every draw). */
function scripted(/** @type {number[]} */ values) {
  let i = 0;
  return {
    next() {
      if (i >= values.length) throw new Error(`draw ${i + 1} not scripted`);
      return /** @type {number} */ (values[i++]);
    },
  };
}

/** A small seeded generator (mulberry32) for the randomized test: the same cases every run. */
function seeded(/** @type {number} */ seed) {
  let state = seed >>> 0;
  return {
    next() {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

const oneCpu = (/** @type {number} */ tasks) => ({ tasks, cpusPerTask: 1, memGbPerTask: 1 });

/**
 * Places `request` with best-of-k on `v`, drawing `draws`; returns the machines chosen.
 * @param {number} k
 * @param {CellView} v
 * @param {import("cellsim").TaskRequest} request
 * @param {number[]} draws
 */
function place(k, v, request, draws) {
  const placer = bestOfK(k).create(v.candidates);
  /** @type {number[]} */
  const out = [];
  placer(v, request, scripted(draws), out);
  return out;
}

describe("best-of-k placement", () => {
  it("places each task on the emptier of its two draws, among machines with room", () => {
    // Free CPU [4, 1, 2, 0]: machine 3 has no room, so draws pick among [0, 1, 2] (index ⌊u·3⌋).
    // Task 1: draws 1 (1 free) and 2 (2 free) → machine 2, which keeps 1 free.
    // Task 2: draws 0 (4 free) and 2 (1 free) → machine 0, which keeps 3 free.
    // Task 3: draws 2 (1 free) and 1 (1 free): a tie goes to the first draw → machine 2, now full.
    //   It leaves the list: [0, 1, 2] becomes [0, 1].
    // Task 4: draws ⌊0.9·2⌋ = 1 → machine 1 (1 free) and ⌊0.1·2⌋ = 0 → machine 0 (3 free) → 0.
    const draws = [0.5, 0.9, 0.0, 0.7, 0.7, 0.4, 0.9, 0.1];
    expect(place(2, view([4, 1, 2, 0]), oneCpu(4), draws)).toEqual([2, 0, 2, 0]);
  });

  it("never places more tasks on a machine than fit, counting this call's tasks", () => {
    // Three tasks of 1 CPU on 2 + 1 free CPUs: only three tasks fit; the other two stay unplaced.
    const out = place(2, view([2, 1]), oneCpu(5), [0, 0, 0, 0, 0, 0]);
    expect(out.sort()).toEqual([0, 0, 1]);
  });

  it("checks memory as well as CPU", () => {
    // Machine 0 has CPU but 0.5 GB of memory left: only machine 1 can take a 1 GB task.
    expect(place(4, view([4, 1], [0.5, 8]), oneCpu(2), [0, 0, 0, 0])).toEqual([1]);
  });

  it("is a pure function of view, request and stream: scratch buffers are reset", () => {
    const v = view([3, 3, 3]);
    const placer = bestOfK(2).create(3);
    const draws = [0.1, 0.5, 0.9, 0.2, 0.6, 0.3];
    /** @type {number[]} */
    const first = [];
    /** @type {number[]} */
    const second = [];
    placer(v, oneCpu(3), scripted(draws), first);
    placer(v, oneCpu(3), scripted(draws), second);
    expect(second).toEqual(first);
  });

  it("on random views and requests, never over-fills a machine and leaves a task only when none fits", () => {
    const rng = seeded(42);
    const quarters = (/** @type {number} */ max) => Math.floor(rng.next() * (4 * max + 1)) / 4;
    for (let trial = 0; trial < 500; trial++) {
      const machines = 1 + Math.floor(rng.next() * 8);
      const freeCpus = Array.from({ length: machines }, () => quarters(4));
      const freeMem = Array.from({ length: machines }, () => quarters(16));
      const request = {
        tasks: 1 + Math.floor(rng.next() * 12),
        cpusPerTask: 0.25 + quarters(2),
        memGbPerTask: quarters(4),
      };
      const v = view(freeCpus, freeMem);
      /** @type {number[]} */
      const out = [];
      bestOfK(1 + (trial % 4)).create(machines)(v, request, rng, out);
      const count = (/** @type {number} */ m) => out.filter((x) => x === m).length;
      for (let m = 0; m < machines; m++) {
        expect(count(m) * request.cpusPerTask).toBeLessThanOrEqual(v.freeCpus(m) + 1e-9);
        expect(count(m) * request.memGbPerTask).toBeLessThanOrEqual(v.freeMemGb(m) + 1e-9);
        if (out.length < request.tasks) {
          const roomForOneMore =
            (count(m) + 1) * request.cpusPerTask <= v.freeCpus(m) + 1e-9 &&
            (count(m) + 1) * request.memGbPerTask <= v.freeMemGb(m) + 1e-9;
          expect(roomForOneMore).toBe(false);
        }
      }
    }
  });

  it("rejects a k that is not a whole number ≥ 1", () => {
    expect(() => bestOfK(0)).toThrow(/k must be a whole number/);
  });
});
