import FastPriorityQueue from "fastpriorityqueue";
import { eventBefore, type SimEvent } from "./event.js";
import type { SimTime } from "./time.js";

/** Called for each event in order; the model decides what the kind means. */
export type EventHandler = (event: SimEvent) => void;

/**
 * The discrete-event core: a clock and an event queue ordered by (time, priority, seq).
 * It knows nothing of clusters. `runUntil(h)` processes every event with time <= h, then sets
 * `now = h`; later events stay queued, so a run can be continued.
 */
export class Simulator {
  private readonly queue = new FastPriorityQueue<SimEvent>(eventBefore);
  private nowUs: SimTime = 0;
  private nextSeq = 0;
  private processed = 0;

  constructor(private readonly handler: EventHandler) {}

  /** Current simulated time (µs). */
  get now(): SimTime {
    return this.nowUs;
  }

  /** Events processed so far. */
  get eventsProcessed(): number {
    return this.processed;
  }

  /** Events still queued. */
  get pending(): number {
    return this.queue.size;
  }

  /** Queues an event at absolute time `time` (µs, not before now). */
  schedule(time: SimTime, priority: number, kind: number, a = 0, b = 0): void {
    if (!(time >= this.nowUs) || !Number.isInteger(time)) {
      throw new Error(
        `cannot schedule kind ${kind} at ${time} µs: now is ${this.nowUs} µs (times are integer µs)`,
      );
    }
    this.queue.add({ time, priority, seq: this.nextSeq++, kind, a, b });
  }

  /** Processes every event with time <= horizon in order, then advances the clock to horizon. */
  runUntil(horizon: SimTime): void {
    const queue = this.queue;
    for (;;) {
      const next = queue.peek();
      if (next === undefined || next.time > horizon) break;
      queue.poll();
      this.nowUs = next.time;
      this.processed++;
      this.handler(next);
    }
    if (horizon > this.nowUs) this.nowUs = horizon;
  }
}
