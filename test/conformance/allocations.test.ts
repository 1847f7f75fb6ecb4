import { describeConformance } from "../../src/testing/index.js";
import { VARIANTS } from "../helpers/architectures.js";

/**
 * The conformance suite over every architecture × allocation policy pair: each built-in
 * architecture variant on the performance cell (a quarter of the Quasar study's heterogeneous
 * cell, jobs with performance models) under `reservation` (reservations as submitted, Paragon
 * profiling for the paragon placement) and `quasar` (right-sized from classification, monitored
 * and resized). Every pair makes sense: allocation decides how much a job asks for, and every
 * architecture places what its allocation asks for on the view it decides on (live cell,
 * partition, snapshot or offer).
 *
 * The wait checks are skipped: their hand-worked timelines use jobs without a performance model
 * on a homogeneous cell, which every allocation gives their reservation, so they would re-run
 * the reservation case the architecture suite already runs.
 */
const ALLOCATIONS = [
  { label: "reservation+paragon", block: { type: "reservation", profiling: "paragon", decisionMs: 10 } },
  { label: "quasar", block: { type: "quasar" } },
] as const;

const WAIT_SKIP =
  "hand-worked timelines use jobs without a performance model: the architecture suite covers them";

for (const a of ALLOCATIONS) {
  for (const v of VARIANTS) {
    describeConformance({
      name: `${v.label} × ${a.label}`,
      architecture: (decisionTime) => v.make(decisionTime),
      allocation: { ...a.block },
      placement: "paragon",
      schedulers: v.schedulers,
      locksResources: v.locks,
      mayConflict: v.label.startsWith("shared-state"),
      firstAttemptDelaySec: v.locks ? 1.001 : 0,
      skip: [
        { test: "wait-one-job", reason: WAIT_SKIP },
        { test: "wait-service-job", reason: WAIT_SKIP },
        { test: "wait-censored", reason: WAIT_SKIP },
      ],
    });
  }
}
