import { DEFAULT_QUASAR_SPEC, reservationSpec } from "../src/quasar/policies.js";
import { runQuasar } from "../src/quasar/run.js";

/**
 * The Quasar study's full large-scale scenario (200 machines of 14 types, 1,200 workloads 1 s
 * apart; studies/quasar/experiments/large-scale.json) under all three policies, one seed, as one case:
 * its wall time and peak memory are the "full large-scale run". Returns the events
 * processed over the three runs.
 */
export function quasarLargeScale(seed: number): number {
  const specs = [reservationSpec("least-loaded"), reservationSpec("paragon"), DEFAULT_QUASAR_SPEC];
  return specs.reduce((events, spec) => events + runQuasar("quasar-large", spec, seed).eventsProcessed, 0);
}
