/**
 * A job's lost tasks on their way back (failures on): each entry is one task, with when it was
 * lost and a value for its re-run — a batch task's remaining run time (µs, from its last
 * checkpoint), or a service instance's planned end (absolute µs). Entries wait in `delayed` while
 * the framework's restart delay runs, then move to `ready`; the job's next placements take the
 * ready entries first, oldest first. A job's tasks are identical, so which placement serves which
 * lost task is only a matter of bookkeeping, and first-in first-out keeps it simple.
 */
export class RestartQueue {
  private readonly lostAtUs: number[] = [];
  private readonly value: number[] = [];
  /** Entries still in their restart delay (they are at the tail). */
  private delayedCount = 0;
  private head = 0;

  /** Entries whose restart is due and not yet placed. */
  get ready(): number {
    return this.lostAtUs.length - this.head - this.delayedCount;
  }

  /** All entries not yet placed (ready or still delayed). */
  get size(): number {
    return this.lostAtUs.length - this.head;
  }

  /** A task lost now waits out its restart delay. */
  pushDelayed(lostAtUs: number, value: number): void {
    this.lostAtUs.push(lostAtUs);
    this.value.push(value);
    this.delayedCount++;
  }

  /** The oldest `n` delayed entries are due now. */
  release(n: number): void {
    if (n > this.delayedCount)
      throw new Error(`RestartQueue: ${n} restarts due, ${this.delayedCount} delayed`);
    this.delayedCount -= n;
  }

  /** When the oldest ready entry was lost (call only while `ready > 0`). */
  peekLostAtUs(): number {
    return this.lostAtUs[this.head] as number;
  }

  /** The oldest ready entry's value (call only while `ready > 0`). */
  peekValue(): number {
    return this.value[this.head] as number;
  }

  /** The oldest ready entry's value; removes it (call only while `ready > 0`). */
  shift(): number {
    const v = this.value[this.head] as number;
    this.head++;
    // Compact now and then, so a long-lived service does not grow its arrays forever.
    if (this.head > 64 && this.head * 2 > this.lostAtUs.length) {
      this.lostAtUs.splice(0, this.head);
      this.value.splice(0, this.head);
      this.head = 0;
    }
    return v;
  }

  /** Every entry not yet placed, oldest first (for the horizon's accounting). */
  *pending(): Generator<{ lostAtUs: number; value: number }> {
    for (let i = this.head; i < this.lostAtUs.length; i++)
      yield { lostAtUs: this.lostAtUs[i] as number, value: this.value[i] as number };
  }
}
