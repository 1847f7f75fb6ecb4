import { InputError } from "../engine/errors.js";
import type { Registry } from "../plugins/registry.js";
import type { PlannedRun } from "./plan.js";

/**
 * Performance-model checks before any run starts: an allocation policy that sizes from predicted
 * performance, and a workload source whose jobs carry performance models, need a cell with
 * machine types; the task timeline cannot draw jobs that end when their work is done.
 */
export function checkPerformance(runs: readonly PlannedRun[], registry: Registry, file: string): void {
  for (const run of runs) {
    const typed = run.config.cluster.types !== undefined;
    const block = run.config.allocation;
    if (block && registry.allocations.require(block.type).needsPerformanceModel && !typed) {
      throw new InputError(
        `${file}: allocation.type: "${block.type}" sizes jobs from their predicted performance, which needs a cell with machine types (e.g. "cluster": {"preset": "quasar-large"}) and jobs with a performance model (run ${run.runId})`,
      );
    }
    const w = run.config.workload;
    const performanceJobs = w.type === "source" && registry.workloads.require(w.name).needsMachineTypes;
    if (performanceJobs && run.config.metrics.timeline) {
      throw new InputError(
        `${file}: metrics.timeline: the task timeline draws tasks of fixed duration; jobs with a performance model end when their work is done (run ${run.runId})`,
      );
    }
    if (performanceJobs && !typed) {
      throw new InputError(
        `${file}: workload.source: "${w.name}" makes jobs with performance models, which need a cell with machine types (e.g. "cluster": {"preset": "quasar-large"}) (run ${run.runId})`,
      );
    }
  }
}
