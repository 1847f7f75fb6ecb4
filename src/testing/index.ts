import { describe, it } from "vitest";
import { conformanceChecks, type ConformanceSubject } from "./conformance.js";
import { placementChecks, type PlacementSubject } from "./placement.js";

/**
 * `cellsim/testing`: the architecture conformance suite for your own vitest files.
 *
 * ```ts
 * import { describeConformance } from "cellsim/testing";
 * import plugin from "../my-scheduler.js";
 * describeConformance({ name: "sjf", plugins: [plugin], architecture: (decisionTime) => ({ type: "sjf", decisionTime }) });
 * ```
 */

export {
  CONFORMANCE_TESTS,
  ConformanceError,
  conformanceChecks,
  type ConformanceCheck,
  type ConformanceSubject,
  type ConformanceTestName,
} from "./conformance.js";
export {
  PLACEMENT_TESTS,
  placementChecks,
  type PlacementCheck,
  type PlacementSubject,
  type PlacementTestName,
} from "./placement.js";
export { BUSY_CELL_DECISION_TIMES, type DecisionTimeInput, type DecisionTimesInput } from "./busy-cell.js";

/**
 * Registers the conformance suite for `subject` as one vitest `describe` block: one `it` per
 * check; skipped checks show as skipped, with their reason in the title.
 */
export function describeConformance(subject: ConformanceSubject): void {
  const checks = conformanceChecks(subject);
  describe(`conformance: ${subject.name}`, () => {
    for (const check of checks) {
      if (check.skipped !== undefined) it.skip(`${check.title} (skipped: ${check.skipped})`, check.run);
      else it(check.title, check.run, 120_000);
    }
  });
}

/**
 * Registers the placement conformance suite for `subject` as one vitest `describe` block: the
 * policy's placer on random cells and partitions, one `it` per check.
 */
export function describePlacementConformance(subject: PlacementSubject): void {
  const checks = placementChecks(subject);
  describe(`placement conformance: ${subject.placement}`, () => {
    for (const check of checks) {
      if (check.skipped !== undefined) it.skip(`${check.title} (skipped: ${check.skipped})`, check.run);
      else it(check.title, check.run);
    }
  });
}
