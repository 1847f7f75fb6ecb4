import { WORKLOAD_KINDS, type WorkloadKind } from "../cluster/job.js";
import type { RerunCause } from "../cluster/task-replay.js";
import type { WorkloadSummary } from "./summary.js";

/**
 * Re-runs of replayed trace tasks per workload kind (docs/metrics.md): a run ended by `evict`
 * counts as a preemption, one ended by `fail` or `lost` as a lost task, each with the run's time
 * thrown away. Re-submissions (`kill`/`finish` before a further run) are not counted.
 */
export class ReplayStats {
  private readonly preempted = WORKLOAD_KINDS.map(() => 0);
  private readonly preemptedSec = WORKLOAD_KINDS.map(() => 0);
  private readonly lost = WORKLOAD_KINDS.map(() => 0);
  private readonly lostSec = WORKLOAD_KINDS.map(() => 0);

  /** `tasks` runs of kind `kind` ended early by `cause`, throwing away `taskSec`. */
  add(kind: WorkloadKind, cause: RerunCause, tasks: number, taskSec: number): void {
    const k = WORKLOAD_KINDS.indexOf(kind);
    if (k < 0) return;
    if (cause === "preemption") {
      (this.preempted[k] as number) += tasks;
      (this.preemptedSec[k] as number) += taskSec;
    } else if (cause === "failure") {
      (this.lost[k] as number) += tasks;
      (this.lostSec[k] as number) += taskSec;
    }
  }

  /**
   * The kind's fields: `preemptions`/`preemptedTaskSec` (added to the simulated preemptions
   * `simulated`, when preemption is on too) and `tasksLost`/`lostTaskSec`.
   */
  fields(kind: WorkloadKind, simulated?: { tasks: number; sec: number }): Partial<WorkloadSummary> {
    const k = WORKLOAD_KINDS.indexOf(kind);
    return {
      preemptions: (simulated?.tasks ?? 0) + (this.preempted[k] as number),
      preemptedTaskSec: (simulated?.sec ?? 0) + (this.preemptedSec[k] as number),
      tasksLost: this.lost[k] as number,
      lostTaskSec: this.lostSec[k] as number,
    };
  }
}
