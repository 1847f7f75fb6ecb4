import type { JobState } from "./job-state.js";

/** A FIFO queue of jobs on a growable ring buffer (O(1) push and shift, no array shifting). */
export class JobQueue {
  private buf: (JobState | undefined)[] = new Array(16);
  private head = 0;
  private count = 0;

  /** Jobs in the queue. */
  get size(): number {
    return this.count;
  }

  /** Adds a job at the tail. */
  push(job: JobState): void {
    if (this.count === this.buf.length) this.grow();
    this.buf[(this.head + this.count) % this.buf.length] = job;
    this.count++;
  }

  /** Puts a job back at the head (a decision lost to a scheduler failure: it goes first again). */
  unshift(job: JobState): void {
    if (this.count === this.buf.length) this.grow();
    this.head = (this.head - 1 + this.buf.length) % this.buf.length;
    this.buf[this.head] = job;
    this.count++;
  }

  /** Removes and returns the oldest job, or undefined if empty. */
  shift(): JobState | undefined {
    if (this.count === 0) return undefined;
    const job = this.buf[this.head];
    this.buf[this.head] = undefined;
    this.head = (this.head + 1) % this.buf.length;
    this.count--;
    return job;
  }

  private grow(): void {
    const next: (JobState | undefined)[] = new Array(this.buf.length * 2);
    for (let i = 0; i < this.count; i++) next[i] = this.buf[(this.head + i) % this.buf.length];
    this.buf = next;
    this.head = 0;
  }
}
