// @ts-check
import { describeConformance, describePlacementConformance } from "cellsim/testing";
import plugin from "../best-of-k.js";

/**
 * The architecture conformance suite, run on built-in architectures that place tasks with
 * best-of-2: no machine is ever over-committed (checked after every event), every job is
 * accounted for, waits are measured as for every policy, and the same seed gives the same
 * results. One of each placement path: a live cell (monolithic), private snapshots with
 * optimistic commits (shared state) and resource offers (two-level, whose jobs wait for the
 * batched offer round, 1 s, and the allocator, 1 ms, before their first attempt).
 */
const placement = "best-of-2";

// The placement suite on the placers themselves (random cells and partitions): never a machine
// without room, every task placed while room is left, no side effects, same stream → same choice.
describePlacementConformance({ placement: "best-of-2", plugins: [plugin] });
describePlacementConformance({ placement: "best-of-4", plugins: [plugin] });

describeConformance({
  name: "monolithic + best-of-2",
  plugins: [plugin],
  placement,
  architecture: (decisionTime) => ({ type: "monolithic", decisionTime }),
  schedulers: ["monolithic"],
});

describeConformance({
  name: "shared-state + best-of-2",
  plugins: [plugin],
  placement,
  architecture: (decisionTime) => ({ type: "shared-state", decisionTime }),
  schedulers: ["omega-batch-0", "omega-service-0"],
  mayConflict: true,
});

describeConformance({
  name: "two-level + best-of-2",
  plugins: [plugin],
  placement,
  architecture: (decisionTime) => ({ type: "two-level", decisionTime }),
  schedulers: ["mesos-batch-0", "mesos-service-0"],
  locksResources: true,
  firstAttemptDelaySec: 1.001,
});
