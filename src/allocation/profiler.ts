import type { JobState } from "../cluster/job-state.js";
import { InputError } from "../engine/errors.js";
import { Classifier, type Axis } from "../quasar/classifier.js";
import type { AllocationHost } from "./types.js";

/** Quasar classifies all four axes. */
export const ALL_AXES: readonly Axis[] = ["scaleUp", "scaleOut", "heterogeneity", "interference"];
/** Paragon classifies machine type and interference only (it assigns, it does not size). */
export const PARAGON_AXES: readonly Axis[] = ["heterogeneity", "interference"];

/** Classifies submitted jobs on some axes and stores the predictions where placements read them. */
export interface Profiler {
  /** Classifies `job` (if it has a performance model) and records the prediction and its error. */
  classify(job: JobState): void;
}

/**
 * A profiler trained on workloads "seen before" drawn from the workload's scenario (stream
 * `quasar:training`, the same for every policy at a seed: common random numbers).
 */
export function makeProfiler(host: AllocationHost, axes: readonly Axis[], entriesPerRow: number): Profiler {
  const perf = host.perf;
  const scenario = host.scenario;
  if (!perf || !scenario) {
    throw new InputError(
      'allocation: profiling needs jobs with a performance model (a workload such as {"source": "quasar"}) on a cell with machine types',
    );
  }
  const classifier = new Classifier(scenario, host.stream("quasar:training"), entriesPerRow);
  return {
    classify(job) {
      const spec = job.spec.perf;
      if (!spec) return;
      const { prediction, errors } = classifier.classify(spec, axes);
      perf.predictions[job.index] = prediction;
      host.classified(errors, entriesPerRow);
    },
  };
}
