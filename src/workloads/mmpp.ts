import type { RandomStream } from "../engine/rng.js";
import { distributionMean, makeSampler } from "./distributions.js";
import type { Interarrival, MmppSpec } from "./spec.js";

/**
 * Bursty arrivals: a two-state Markov-modulated Poisson process (MMPP). The process alternates
 * between a `high` state (short mean gap: a burst) and a `low` state, staying in each for an
 * exponential sojourn; inside a state, jobs arrive as a Poisson process with that state's rate.
 * With mean gaps g_H, g_L and mean sojourns τ_H, τ_L the long-run mean rate is
 *
 *     λ̄ = (τ_H / g_H + τ_L / g_L) / (τ_H + τ_L)        (jobs per µs; mean gap 1 / λ̄)
 *
 * and, with a = 1/τ_H + 1/τ_L and σ² = π_H π_L (1/g_H − 1/g_L)² (π the stationary state
 * probabilities), the counts N(t) in a window of length t have index of dispersion
 *
 *     Var N(t) / E N(t) = 1 + (2σ² / (λ̄ a)) · (1 − (1 − e^(−a t)) / (a t))
 *
 * (a Poisson process has 1). Both are checked in test/workloads/mmpp.test.ts.
 *
 * The rate multiplier multiplies both states' rates but not the sojourns: a busier cell has
 * bigger bursts, not shorter ones. The process starts in its stationary state (the first state
 * drawn with probability π), so a run has no start-up transient.
 *
 * Two named streams: `workload:<kind>:interarrival` for the Poisson gaps and
 * `workload:<kind>:interarrival.phase` for the initial state and the sojourns, so the number of
 * gaps drawn never shifts the state sequence.
 */

/** π_H: the long-run fraction of time spent in the high state. */
export function mmppHighShare(m: MmppSpec): number {
  return m.high.meanSojournUs / (m.high.meanSojournUs + m.low.meanSojournUs);
}

/** Long-run mean gap (µs) of the process at rate multiplier 1: 1 / λ̄. */
export function mmppMeanGapUs(m: MmppSpec): number {
  const pi = mmppHighShare(m);
  return 1 / (pi / m.high.meanGapUs + (1 - pi) / m.low.meanGapUs);
}

/**
 * Index of dispersion of counts Var N(t) / E N(t) in a window of `windowUs` (formula above);
 * independent of the rate multiplier only when the sojourns are, so it is stated at multiplier 1.
 */
export function mmppDispersion(m: MmppSpec, windowUs: number): number {
  const pi = mmppHighShare(m);
  const a = 1 / m.high.meanSojournUs + 1 / m.low.meanSojournUs;
  const rateGap = 1 / m.high.meanGapUs - 1 / m.low.meanGapUs;
  const variance = pi * (1 - pi) * rateGap * rateGap;
  const at = a * windowUs;
  return 1 + ((2 * variance) / (a / mmppMeanGapUs(m))) * (1 - (1 - Math.exp(-at)) / at);
}

/** The long-run mean inter-arrival time (µs) of either form, at rate multiplier 1. */
export function interarrivalMeanUs(ia: Interarrival): number {
  return "mmpp" in ia ? mmppMeanGapUs(ia.mmpp) : distributionMean(ia.dist);
}

/**
 * A function returning successive gaps (µs of simulated time, already divided by `multiplier`):
 * i.i.d. draws of a sampler (a renewal process), or the MMPP above.
 */
export function makeGapSampler(
  ia: Interarrival,
  multiplier: number,
  gapStream: RandomStream,
  phaseStream: () => RandomStream,
): () => number {
  if (!("mmpp" in ia)) {
    const draw = makeSampler(ia, gapStream);
    return () => Math.max(0, draw()) / multiplier;
  }
  return makeMmppGaps(ia.mmpp, multiplier, gapStream, phaseStream());
}

function exponentialDraw(meanUs: number, stream: RandomStream): number {
  return meanUs * -Math.log1p(-stream.next());
}

function makeMmppGaps(
  m: MmppSpec,
  multiplier: number,
  gapStream: RandomStream,
  phaseStream: RandomStream,
): () => number {
  const gapUs = [m.high.meanGapUs / multiplier, m.low.meanGapUs / multiplier] as const;
  const sojournUs = [m.high.meanSojournUs, m.low.meanSojournUs] as const;
  let state: 0 | 1 = phaseStream.next() < mmppHighShare(m) ? 0 : 1;
  let leftUs = exponentialDraw(sojournUs[state], phaseStream);
  return () => {
    let elapsedUs = 0;
    for (;;) {
      // Memorylessness: a gap that would cross the state change is discarded and redrawn at the
      // new state's rate from the change on; the result is exactly the modulated process.
      const gap = exponentialDraw(gapUs[state], gapStream);
      if (gap < leftUs) {
        leftUs -= gap;
        return elapsedUs + gap;
      }
      elapsedUs += leftUs;
      state = state === 0 ? 1 : 0;
      leftUs = exponentialDraw(sojournUs[state], phaseStream);
    }
  };
}
