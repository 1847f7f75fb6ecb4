import type { SimTime } from "../engine/time.js";

/**
 * Largest value per fixed-width bin of a piecewise-constant level, counting only values held for
 * a positive time inside the bin. Changes at one instant (a job queued and taken at once) are
 * therefore not peaks; a level carried into a bin from before counts for that bin.
 * The companion of `LevelIntegrator` (same bins), which gives the bins' means.
 */
export class BinnedMax {
  private level = 0;
  private lastUs: SimTime = 0;
  readonly bins: Float64Array;

  constructor(
    private readonly horizonUs: SimTime,
    readonly binUs: SimTime,
  ) {
    this.bins = new Float64Array(Math.max(1, Math.ceil(horizonUs / binUs)));
  }

  /** The level becomes `value` at `nowUs` (≥ the previous change). */
  set(nowUs: SimTime, value: number): void {
    if (nowUs > this.lastUs) {
      this.hold(this.lastUs, Math.min(nowUs, this.horizonUs));
      this.lastUs = nowUs;
    }
    this.level = value;
  }

  /** Closes the open segment at the horizon; then `bins` holds every bin's maximum. */
  finish(): void {
    if (this.horizonUs > this.lastUs) {
      this.hold(this.lastUs, this.horizonUs);
      this.lastUs = this.horizonUs;
    }
  }

  private hold(fromUs: SimTime, toUs: SimTime): void {
    // Bins start at 0 and levels are never negative, so a zero level changes nothing.
    if (toUs <= fromUs || this.level === 0) return;
    const last = Math.ceil(toUs / this.binUs) - 1;
    for (let bin = Math.floor(fromUs / this.binUs); bin <= last; bin++) {
      if ((this.bins[bin] as number) < this.level) this.bins[bin] = this.level;
    }
  }
}
