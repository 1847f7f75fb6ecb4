import type { SimTime } from "../engine/time.js";

/**
 * Exact time integral of a piecewise-constant level (e.g. allocated CPUs), plus the same integral
 * per fixed-width bin for down-sampled series. Each `set` closes the segment since the last
 * change; bins therefore hold exact time-weighted means, not point samples. Bins are allocated
 * as time reaches them, so a run that ends long before its horizon (every job done) pays only
 * for the time it used, and `finish`/`binMeans` may close the series early at `endUs`.
 */
export class LevelIntegrator {
  private level = 0;
  private lastUs: SimTime = 0;
  private total = 0;
  /** Exact area per bin; grown (doubling) as time reaches later bins. */
  private areas: Float64Array;

  constructor(
    private readonly horizonUs: SimTime,
    readonly binUs: SimTime,
  ) {
    this.areas = new Float64Array(Math.min(INITIAL_BINS, Math.max(1, Math.ceil(horizonUs / binUs))));
  }

  /** The level now. */
  get value(): number {
    return this.level;
  }

  /** The level becomes `value` at `nowUs` (≥ the previous change). */
  set(nowUs: SimTime, value: number): void {
    if (nowUs > this.lastUs) this.accumulate(this.lastUs, Math.min(nowUs, this.horizonUs));
    if (nowUs > this.lastUs) this.lastUs = nowUs;
    this.level = value;
  }

  /** The level changes by `delta` at `nowUs`. */
  add(nowUs: SimTime, delta: number): void {
    this.set(nowUs, this.level + delta);
  }

  /**
   * Integral of the level over [0, endUs] (value·µs; default the horizon), closing the open
   * segment there. Call once, after the last change.
   */
  finish(endUs: SimTime = this.horizonUs): number {
    const end = Math.min(endUs, this.horizonUs);
    if (end > this.lastUs) {
      this.accumulate(this.lastUs, end);
      this.lastUs = end;
    }
    return this.total;
  }

  /**
   * Time-weighted mean per bin over [0, endUs] (default the horizon; the last bin may be
   * shorter). Call after `finish` with the same end.
   */
  binMeans(endUs: SimTime = this.horizonUs): number[] {
    const end = Math.min(endUs, this.horizonUs);
    const count = Math.max(1, Math.ceil(end / this.binUs));
    return Array.from({ length: count }, (_, i) => {
      const width = Math.min(this.binUs, end - i * this.binUs);
      return width > 0 ? (this.areas[i] ?? 0) / width : 0;
    });
  }

  private accumulate(fromUs: SimTime, toUs: SimTime): void {
    if (toUs <= fromUs || this.level === 0) return;
    this.total += this.level * (toUs - fromUs);
    let t = fromUs;
    while (t < toUs) {
      const bin = Math.floor(t / this.binUs);
      if (bin >= this.areas.length) this.grow(bin);
      const binEnd = Math.min((bin + 1) * this.binUs, toUs);
      (this.areas[bin] as number) += this.level * (binEnd - t);
      t = binEnd;
    }
  }

  private grow(bin: number): void {
    let size = this.areas.length * 2;
    while (size <= bin) size *= 2;
    const next = new Float64Array(size);
    next.set(this.areas);
    this.areas = next;
  }
}

/** Bins allocated up front (a series of the default 288 samples never grows). */
const INITIAL_BINS = 1024;
