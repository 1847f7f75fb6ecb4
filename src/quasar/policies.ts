import { secToUs, US_PER_MS } from "../engine/time.js";
import type { Axis } from "./classifier.js";
import type { QuasarJobSpec } from "./job-spec.js";
import type { QuasarPolicy } from "./policy.js";
import { leastResourcesPlan, minTotalCores } from "./quasar-allocator.js";
import { adjustPlan } from "./quasar-monitor.js";
import { leastLoadedPlan, paragonPlan } from "./reservation-policies.js";

/**
 * The policy registry: a spec (what an experiment file names) → a fresh policy for one run.
 * Overheads are simulated time [our choice]: a profiling run lasts `profilingRunSec` (the paper's
 * profiling takes seconds); a classification's entries run back to back and the axes in parallel,
 * so profiling costs entriesPerRow × profilingRunSec; a decision then costs `decisionMs`.
 */
export type QuasarPolicySpec =
  | {
      readonly kind: "quasar";
      readonly entriesPerRow: number;
      readonly profilingRunSec: number;
      readonly decisionMs: number;
      readonly monitorPeriodSec: number;
      readonly headroom: number;
    }
  | {
      readonly kind: "reservation";
      readonly assignment: "least-loaded" | "paragon";
      readonly entriesPerRow: number;
      readonly profilingRunSec: number;
      readonly decisionMs: number;
    };

export const DEFAULT_QUASAR_SPEC: QuasarPolicySpec = {
  kind: "quasar",
  entriesPerRow: 2,
  profilingRunSec: 5,
  decisionMs: 50,
  monitorPeriodSec: 10,
  headroom: 1.05,
};

/** A reservation policy spec with the default overheads. */
export function reservationSpec(assignment: "least-loaded" | "paragon"): QuasarPolicySpec {
  return { kind: "reservation", assignment, entriesPerRow: 2, profilingRunSec: 5, decisionMs: 10 };
}

/** A reservation fits only where its per-node cores are free. */
const reservedNeeds = (j: QuasarJobSpec) => ({
  perNodeCores: j.reservation.cores,
  totalCores: j.reservation.cores * j.reservation.nodes,
});

const ALL_AXES: readonly Axis[] = ["scaleUp", "scaleOut", "heterogeneity", "interference"];
const PARAGON_AXES: readonly Axis[] = ["heterogeneity", "interference"];

/** The display name of a policy spec ("quasar", "reservation+paragon", ...). */
export function policyName(spec: QuasarPolicySpec): string {
  return spec.kind === "quasar" ? "quasar" : `reservation+${spec.assignment}`;
}

/** A fresh policy instance (policies may keep per-run state, e.g. Quasar's corrections). */
export function makePolicy(spec: QuasarPolicySpec): QuasarPolicy {
  const name = policyName(spec);
  const decisionUs = Math.round(spec.decisionMs * US_PER_MS);
  const profilingUs = secToUs(spec.entriesPerRow * spec.profilingRunSec);
  if (spec.kind === "reservation" && spec.assignment === "least-loaded") {
    return {
      name,
      classifiedAxes: [],
      overheadUs: decisionUs,
      monitorPeriodUs: 0,
      place: (j, _p, ctx) => leastLoadedPlan(j, ctx),
      needs: reservedNeeds,
    };
  }
  if (spec.kind === "reservation") {
    return {
      name,
      classifiedAxes: PARAGON_AXES,
      overheadUs: profilingUs + decisionUs,
      monitorPeriodUs: 0,
      place: (j, p, ctx) => (p ? paragonPlan(j, p, ctx) : leastLoadedPlan(j, ctx)),
      needs: reservedNeeds,
    };
  }
  const corrections = new Map<number, number>();
  const monitor = { low: 0.97, high: 1.3, headroom: spec.headroom };
  const greedy = (j: QuasarJobSpec) => ({ headroom: spec.headroom, correction: corrections.get(j.id) ?? 1 });
  return {
    name,
    classifiedAxes: ALL_AXES,
    overheadUs: profilingUs + decisionUs,
    monitorPeriodUs: secToUs(spec.monitorPeriodSec),
    place: (j, p, ctx) => (p ? leastResourcesPlan(j, p, ctx, greedy(j)) : undefined),
    needs: (j, p) => ({ perNodeCores: 1, totalCores: p ? minTotalCores(j, p, greedy(j)) : 1 }),
    adjust: (o, ctx) => adjustPlan(o, ctx, corrections, monitor),
  };
}
