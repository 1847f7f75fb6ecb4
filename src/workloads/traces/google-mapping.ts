import type { WorkloadKind } from "../../cluster/job.js";
import type { TimeWindow } from "./finish.js";
import type { GoogleServiceRule, MachineCapacity, TaskDurationRule } from "./types.js";

/** Settings of the mapping. */
export interface GoogleMapping {
  window: TimeWindow;
  machine: MachineCapacity;
  service: GoogleServiceRule;
  taskDuration: TaskDurationRule;
  /** Keep every task's runs as `JobSpec.taskRuns` (google-runs.ts). */
  keepTaskEvents: boolean;
}

/** What job_events tell about a job: its first SUBMIT and scheduling class (−1 if unknown). */
export interface JobEventInfo {
  submitUs: number;
  schedulingClass: number;
}

/** The batch/service rule: service ⇔ (priority ≥ min) combine (class ∈ classes). */
export function googleKind(priority: number, schedulingClass: number, rule: GoogleServiceRule): WorkloadKind {
  const production = priority >= rule.minPriority;
  const latencySensitive = rule.schedulingClasses.includes(schedulingClass);
  const service = rule.combine === "and" ? production && latencySensitive : production || latencySensitive;
  return service ? "service" : "batch";
}
