import type { SimTime } from "../engine/time.js";

/**
 * Exact time integral of a piecewise-constant level (e.g. allocated CPUs), plus the same integral
 * per fixed-width bin for down-sampled series. Each `set` closes the segment since the last
 * change; bins therefore hold exact time-weighted means, not point samples.
 */
export class LevelIntegrator {
  private level = 0;
  private lastUs: SimTime = 0;
  private total = 0;
  readonly bins: Float64Array;

  constructor(
    private readonly horizonUs: SimTime,
    readonly binUs: SimTime,
  ) {
    this.bins = new Float64Array(Math.max(1, Math.ceil(horizonUs / binUs)));
  }

  /** The level becomes `value` at `nowUs` (≥ the previous change). */
  set(nowUs: SimTime, value: number): void {
    if (nowUs > this.lastUs) this.accumulate(this.lastUs, Math.min(nowUs, this.horizonUs));
    if (nowUs > this.lastUs) this.lastUs = nowUs;
    this.level = value;
  }

  /** Integral of the level over [0, horizon] (value·µs), closing the open segment. */
  finish(): number {
    if (this.horizonUs > this.lastUs) {
      this.accumulate(this.lastUs, this.horizonUs);
      this.lastUs = this.horizonUs;
    }
    return this.total;
  }

  /** Time-weighted mean per bin (the last bin may be shorter). Call after `finish`. */
  binMeans(): number[] {
    return Array.from(this.bins, (area, i) => {
      const width = Math.min(this.binUs, this.horizonUs - i * this.binUs);
      return width > 0 ? area / width : 0;
    });
  }

  private accumulate(fromUs: SimTime, toUs: SimTime): void {
    if (toUs <= fromUs || this.level === 0) return;
    this.total += this.level * (toUs - fromUs);
    let t = fromUs;
    while (t < toUs) {
      const bin = Math.floor(t / this.binUs);
      const binEnd = Math.min((bin + 1) * this.binUs, toUs);
      (this.bins[bin] as number) += this.level * (binEnd - t);
      t = binEnd;
    }
  }
}
