import { describeConformance } from "../../src/testing/index.js";
import { VARIANTS } from "../helpers/architectures.js";

/**
 * The one conformance suite (src/testing, exported as `cellsim/testing`) over every built-in
 * architecture variant: the same kit researchers run on their own architectures. Each variant
 * runs the busy synthetic cell three times — seed 1 with the over-commit invariant checked after
 * every event, seed 1 again without checks (same result: the option must not change anything),
 * and seed 2 — plus hand-worked timelines. Two-level jobs wait for the batched offer round (1 s
 * after the submission triggers it) plus the allocator's decision time (1 ms) before their first
 * attempt; every other architecture starts an idle scheduler at once.
 */
for (const v of VARIANTS) {
  describeConformance({
    name: v.label,
    architecture: (decisionTime) => v.make(decisionTime),
    schedulers: v.schedulers,
    locksResources: v.locks,
    mayConflict: v.label.startsWith("shared-state"),
    firstAttemptDelaySec: v.locks ? 1.001 : 0,
    // Monolithic and shared state preempt; two-level and static partitions decline.
    preempts: v.label.startsWith("monolithic") || v.label.startsWith("shared-state"),
    ...(v.skip ? { skip: v.skip } : {}),
  });
}
