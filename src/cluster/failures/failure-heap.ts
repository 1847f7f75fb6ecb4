/**
 * A binary min-heap of item ids keyed by each item's next time, ties broken by id, so equal
 * times pop in a fixed order. Every item (a machine's or a failure domain's failure process) is
 * in the heap exactly once, always with its next transition: the run holds one next event per
 * process, drawn lazily, instead of a whole failure history drawn upfront.
 */
export class FailureHeap {
  private readonly timeUs: Float64Array;
  private readonly heap: Int32Array;
  private size = 0;

  constructor(items: number) {
    this.timeUs = new Float64Array(items);
    this.heap = new Int32Array(items);
  }

  /** Time of the earliest item (Infinity when empty). */
  get nextUs(): number {
    return this.size === 0 ? Infinity : (this.timeUs[this.heap[0] as number] as number);
  }

  /** The earliest item, removed (call only when not empty). */
  pop(): number {
    const top = this.heap[0] as number;
    this.size--;
    if (this.size > 0) {
      this.heap[0] = this.heap[this.size] as number;
      this.down(0);
    }
    return top;
  }

  /** Adds `id` (not in the heap) with next time `timeUs`. */
  push(id: number, timeUs: number): void {
    this.timeUs[id] = timeUs;
    this.heap[this.size] = id;
    this.up(this.size);
    this.size++;
  }

  private before(a: number, b: number): boolean {
    const ta = this.timeUs[a] as number;
    const tb = this.timeUs[b] as number;
    return ta < tb || (ta === tb && a < b);
  }

  private up(i: number): void {
    const h = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(h[i] as number, h[parent] as number)) return;
      const t = h[i] as number;
      h[i] = h[parent] as number;
      h[parent] = t;
      i = parent;
    }
  }

  private down(i: number): void {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= this.size) return;
      const r = l + 1;
      const c = r < this.size && this.before(h[r] as number, h[l] as number) ? r : l;
      if (!this.before(h[c] as number, h[i] as number)) return;
      const t = h[i] as number;
      h[i] = h[c] as number;
      h[c] = t;
      i = c;
    }
  }
}
