import { describe, expect, it } from "vitest";
import { JobQueue } from "../../src/cluster/job-queue.js";
import type { JobState } from "../../src/cluster/job-state.js";

/** Stand-in jobs: the queue only stores and returns them. */
const job = (index: number) => ({ index }) as JobState;

function drain(q: JobQueue): number[] {
  const out: number[] = [];
  for (let j = q.shift(); j !== undefined; j = q.shift()) out.push(j.index);
  return out;
}

describe("JobQueue", () => {
  it("is FIFO across growth of its ring buffer", () => {
    const q = new JobQueue();
    for (let i = 0; i < 40; i++) q.push(job(i));
    expect(q.size).toBe(40);
    expect(drain(q)).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  it("puts a job back at the head (a decision lost to a failure), wrapping and growing", () => {
    const q = new JobQueue();
    for (let i = 0; i < 16; i++) q.push(job(i)); // the initial buffer of 16 is full
    expect(q.shift()?.index).toBe(0);
    q.unshift(job(0)); // back into the slot it left: full again
    q.unshift(job(-1)); // grows to 32, then the head wraps to the buffer's end
    q.unshift(job(-2));
    q.push(job(16));
    expect(q.size).toBe(19);
    expect(drain(q)).toEqual([-2, -1, ...Array.from({ length: 17 }, (_, i) => i)]);
  });
});
