import type { DecisionTime } from "../cluster/decision.js";
import type { WorkloadKind } from "../cluster/job.js";

/** Monolithic architecture: decision times per workload kind (equal for single-path). */
export interface MonolithicSpec {
  type: "monolithic";
  decisionTime: Record<WorkloadKind, DecisionTime>;
}

/** Every architecture's validated configuration (grows with each architecture). */
export type ArchitectureSpec = MonolithicSpec;
