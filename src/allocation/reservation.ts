import type { CellView } from "../cluster/cell-view.js";
import type { JobState } from "../cluster/job-state.js";
import type { TaskRequest } from "../policies/placement/types.js";
import { reservationRequest, type AllocationPolicy } from "./types.js";

/** Lower bound of a reservation: its per-task CPUs on one machine, all its tasks' CPUs in total. */
export function reservationNeeds(job: JobState): { perNodeCpus: number; totalCpus: number } {
  const spec = job.spec;
  return { perNodeCpus: spec.cpusPerTask, totalCpus: spec.cpusPerTask * job.unscheduledTasks };
}

/**
 * The default allocation: every job gets exactly its reservation, at once, never resized. What
 * every run did before allocation became a choice; results are unchanged by it.
 */
export const RESERVATION: AllocationPolicy = {
  admit: () => 0,
  request(job: JobState, _view: CellView, out: TaskRequest): boolean {
    reservationRequest(job, out);
    return true;
  },
  needs: reservationNeeds,
  monitorPeriodUs: 0,
};
