import type { SimTime } from "../engine/time.js";

/**
 * Exact time integral of a piecewise-constant level, per fixed-width bin, for a run whose end is
 * not known in advance (bins grow as time passes). Like src/metrics/level-integrator.ts, each
 * change closes the segment since the previous one, so bins hold exact time-weighted areas.
 */
export class BinnedLevel {
  private level = 0;
  private lastUs: SimTime = 0;
  private total = 0;
  readonly areas: number[] = [];

  constructor(readonly binUs: SimTime) {}

  get value(): number {
    return this.level;
  }

  /** The level changes by `delta` at `nowUs` (≥ the previous change). */
  add(nowUs: SimTime, delta: number): void {
    this.set(nowUs, this.level + delta);
  }

  /** The level becomes `value` at `nowUs`; tiny negative float residue is clamped to 0. */
  set(nowUs: SimTime, value: number): void {
    this.accumulate(nowUs);
    this.level = Math.abs(value) < 1e-9 ? 0 : value;
  }

  /** Closes the open segment at `endUs`; returns the whole integral (value·µs). */
  finish(endUs: SimTime): number {
    this.accumulate(endUs);
    const bins = Math.ceil(endUs / this.binUs);
    while (this.areas.length < bins) this.areas.push(0);
    return this.total;
  }

  /** Time-weighted mean per bin up to `endUs` (call after `finish`). */
  binMeans(endUs: SimTime): number[] {
    return this.areas.map((area, i) => {
      const width = Math.min(this.binUs, endUs - i * this.binUs);
      return width > 0 ? area / width : 0;
    });
  }

  private accumulate(toUs: SimTime): void {
    const fromUs = this.lastUs;
    if (toUs <= fromUs) return;
    this.lastUs = toUs;
    if (this.level === 0) return;
    this.total += this.level * (toUs - fromUs);
    let t = fromUs;
    while (t < toUs) {
      const bin = Math.floor(t / this.binUs);
      while (this.areas.length <= bin) this.areas.push(0);
      const binEnd = Math.min((bin + 1) * this.binUs, toUs);
      this.areas[bin] = this.areas[bin]! + this.level * (binEnd - t);
      t = binEnd;
    }
  }
}
