import { describe, expect, it } from "vitest";
import type { SimEvent } from "../../src/engine/event.js";
import { Simulator } from "../../src/engine/simulator.js";

function recorder() {
  const seen: SimEvent[] = [];
  const sim = new Simulator((e) => seen.push(e));
  return { sim, seen, kinds: () => seen.map((e) => e.kind) };
}

describe("Simulator", () => {
  it("orders by time, then priority, then insertion (FIFO among equals)", () => {
    const { sim, kinds } = recorder();
    sim.schedule(20, 0, 1);
    sim.schedule(10, 5, 2);
    sim.schedule(10, 1, 3);
    sim.schedule(10, 1, 4);
    sim.schedule(10, 1, 5);
    sim.runUntil(100);
    expect(kinds()).toEqual([3, 4, 5, 2, 1]);
  });

  it("runUntil processes events at exactly the horizon, keeps later ones, and sets now", () => {
    const { sim, kinds } = recorder();
    sim.schedule(100, 0, 1);
    sim.schedule(101, 0, 2);
    sim.runUntil(100);
    expect(kinds()).toEqual([1]);
    expect(sim.now).toBe(100);
    expect(sim.pending).toBe(1);
    sim.runUntil(200);
    expect(kinds()).toEqual([1, 2]);
    expect(sim.now).toBe(200);
    expect(sim.eventsProcessed).toBe(2);
  });

  it("advances now to the horizon when the queue is empty", () => {
    const { sim } = recorder();
    sim.runUntil(5_000);
    expect(sim.now).toBe(5_000);
  });

  it("events scheduled by a handler at the current time still run before the horizon ends", () => {
    const order: number[] = [];
    const sim: Simulator = new Simulator((e) => {
      order.push(e.kind);
      if (e.kind === 1) sim.schedule(sim.now, 0, 2);
    });
    sim.schedule(50, 0, 1);
    sim.runUntil(50);
    expect(order).toEqual([1, 2]);
  });

  it("rejects events in the past and non-integer times", () => {
    const { sim } = recorder();
    sim.runUntil(10);
    expect(() => sim.schedule(9, 0, 1)).toThrow(/cannot schedule/);
    expect(() => sim.schedule(10.5, 0, 1)).toThrow(/integer/);
  });
});
