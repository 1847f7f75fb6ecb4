const TWO_32 = 4294967296;

/** Hash of a non-negative integer id below 2^53, masked to the table size. */
function hashOf(id: number, mask: number): number {
  const lo = id >>> 0;
  const h = Math.imul(lo ^ Math.imul((id - lo) / TWO_32, 0x85ebca6b), 0x9e3779b1);
  return (h ^ (h >>> 15)) & mask;
}

/**
 * A map from integer ids (up to 2^53, like Google's job IDs) to dense slot numbers, as an
 * open-addressing hash on typed arrays: a `Map` with keys above 2^31 allocates a heap number per
 * lookup. The last hit is cached, since consecutive trace rows usually belong to one job.
 */
export class IdSlots {
  private keys = new Float64Array(1024);
  /** slot + 1 (0 = empty). */
  private vals = new Int32Array(1024);
  private mask = 1023;
  private count = 0;
  private lastId = -1;
  private lastSlot = -1;

  /** The slot of `id`, or −1 when it has none. */
  get(id: number): number {
    if (id === this.lastId) return this.lastSlot;
    for (let h = hashOf(id, this.mask); ; h = (h + 1) & this.mask) {
      const v = this.vals[h] as number;
      if (v === 0) return -1;
      if (this.keys[h] === id) {
        this.lastId = id;
        return (this.lastSlot = v - 1);
      }
    }
  }

  /** Gives a new `id` the slot `slot`. */
  set(id: number, slot: number): void {
    // Map keys are SameValueZero: −0 is the id 0.
    const key = id === 0 ? 0 : id;
    let h = hashOf(key, this.mask);
    while (this.vals[h] !== 0) h = (h + 1) & this.mask;
    this.keys[h] = key;
    this.vals[h] = slot + 1;
    if (++this.count * 2 > this.mask) this.rehash();
    this.lastId = id;
    this.lastSlot = slot;
  }

  private rehash(): void {
    const size = (this.mask + 1) * 2;
    const keys = new Float64Array(size);
    const vals = new Int32Array(size);
    const mask = size - 1;
    for (let i = 0; i <= this.mask; i++) {
      const v = this.vals[i] as number;
      if (v === 0) continue;
      const id = this.keys[i] as number;
      let h = hashOf(id, mask);
      while (vals[h] !== 0) h = (h + 1) & mask;
      keys[h] = id;
      vals[h] = v;
    }
    this.keys = keys;
    this.vals = vals;
    this.mask = mask;
  }
}
