import type { Prediction } from "./classifier.js";
import type { QuasarJobSpec } from "./job-spec.js";
import type { Allocation } from "./perf.js";

/** A sizing and assignment decision: `cores` and `memGbPerNode` on each of `machines`. */
export interface Plan {
  readonly cores: number;
  readonly memGbPerNode: number;
  readonly machines: readonly number[];
}

/** A running job as the monitor sees it: its allocation and the performance it achieves now. */
export interface Observed {
  readonly job: QuasarJobSpec;
  readonly alloc: Allocation;
  readonly achievedPerf: number;
  /** Throughput the allocation sustains (for services, may exceed what meets the latency bound). */
  readonly capacity: number;
  readonly prediction: Prediction | null;
}
