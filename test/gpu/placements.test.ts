import { describe, expect, it } from "vitest";
import type { JobSpec } from "../../src/cluster/job.js";
import { runOne } from "../../src/experiment/run-one.js";
import { PLACEMENT_POLICIES } from "../../src/policies/placement/index.js";
import { BUSY_CELL_DECISION_TIMES, busyCellWithGpusConfig } from "../../src/testing/busy-cell.js";

/**
 * Every built-in placement policy on the conformance kit's busy GPU cell (one GPU per machine,
 * fractional GPU tasks, gang service jobs), under the shared-state architecture with three batch
 * schedulers (stale snapshots: commits must refuse what no longer fits): no over-commit of any
 * dimension after any event (the run throws otherwise), every gang starts whole, GPUs are used.
 */
describe("GPUs under every placement policy", () => {
  for (const placement of Object.keys(PLACEMENT_POLICIES)) {
    it(placement, async () => {
      const architecture = {
        type: "shared-state",
        decisionTime: BUSY_CELL_DECISION_TIMES,
        schedulers: { batch: 3, service: 1 },
      };
      const config = { ...busyCellWithGpusConfig(architecture), placement };
      const partial: number[] = [];
      const hooks = {
        tasksStarted: (spec: JobSpec, machines: readonly number[]) => {
          if (spec.gang === true && machines.length !== spec.tasks) partial.push(spec.id);
        },
      };
      const s = await runOne(config, 1, { checkInvariants: true, hooks });
      expect(partial).toEqual([]);
      const gpus = s.cell.resources?.find((r) => r.name === "gpus");
      expect(gpus?.utilization).toBeGreaterThan(0.3);
      expect(gpus?.utilization).toBeLessThanOrEqual(1);
    });
  }
});
