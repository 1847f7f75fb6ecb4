import type { FailureSpec } from "../src/experiment/config.js";
import type { Sampler } from "../src/workloads/spec.js";

const HOUR_US = 3600e6;
const DAY_US = 24 * HOUR_US;

/**
 * Failures at the rate Google reported for a new cluster's first year (Dean, LADIS 2009 keynote
 * "Designs, lessons and advice from building large distributed systems"; docs/failures.md):
 * ~1,000 individual machine failures and ~20 rack failures (40–80 machines, 1–6 h) on ~1,800
 * machines. Per machine: 1,000 / 1,800 a year, a mean time to failure of 657 days (exponential);
 * repairs lognormal with a 1 h median (the talk gives no machine repair time: an assumption).
 * Racks of 60 machines: 30 racks, 20 failures a year, a mean of 548 days, down 1–6 h (uniform).
 * Checkpoints every 10 minutes; services restart after 1 s. On the reference day's 10,000
 * machines that is ≈15 machine failures and ≈0.3 rack failures in the day.
 */
export const GOOGLE_FIRST_YEAR_FAILURES: FailureSpec = {
  machines: {
    timeToFailure: exponential(657 * DAY_US),
    timeToRepair: { dist: { type: "lognormal", median: HOUR_US, sigma: 1 }, ceil: false },
  },
  domains: {
    size: 60,
    timeToFailure: exponential(548 * DAY_US),
    timeToRepair: { dist: { type: "uniform", min: HOUR_US, max: 6 * HOUR_US }, ceil: false },
  },
  lostWork: { batch: { checkpointIntervalUs: 600e6 }, service: { restartDelayUs: 1e6 } },
};

function exponential(mean: number): Sampler {
  return { dist: { type: "exponential", mean }, ceil: false };
}
