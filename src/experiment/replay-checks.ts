import { InputError } from "../engine/errors.js";
import { machineFailuresOf } from "./config.js";
import type { PlannedRun } from "./plan.js";

/**
 * Trace task-run replay (`workload.keepTaskEvents`) with machine failures is refused before any
 * run starts: lost tasks re-run by the failure model's rules (docs/failures.md), which know
 * nothing of a task's recorded runs, so the two cannot both say what a task runs next
 * (docs/traces.md, "Event-keeping mode"). Scheduler failover alone is fine.
 */
export function checkTaskReplay(runs: readonly PlannedRun[], file: string): void {
  for (const run of runs) {
    const w = run.config.workload;
    const failures = machineFailuresOf(run.config.failures);
    if (w.type !== "trace" || w.options?.keepTaskEvents !== true || failures === undefined) continue;
    const field =
      failures.machines !== undefined
        ? "failures.machines"
        : failures.domains !== undefined
          ? "failures.domains"
          : "failures.events";
    throw new InputError(
      `${file}: ${field}: machine failures cannot be combined with workload.keepTaskEvents (a replayed task runs its recorded runs; lost tasks would re-run by the failure model's rules) (run ${run.runId})`,
    );
  }
}
