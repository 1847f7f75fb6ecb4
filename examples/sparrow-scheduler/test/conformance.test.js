// @ts-check
import { describeConformance } from "cellsim/testing";
import plugin from "../sparrow.js";

/**
 * The architecture conformance suite on Sparrow: no machine is ever over-committed (checked
 * after every event), every job is accounted for, waits and busy time are measured as for every
 * architecture, and the same seed gives the same results. A job's first round starts at once on
 * an idle scheduler, and its tasks launch on probed machines as the probes arrive at the end of
 * the round, so the hand-worked timelines hold unchanged.
 */
describeConformance({
  name: "sparrow, 1 scheduler",
  plugins: [plugin],
  architecture: (decisionTime) => ({ type: "sparrow", decisionTime }),
  schedulers: ["sparrow-0"],
  skip: [
    {
      test: "gpus",
      reason:
        "Sparrow binds tasks one at a time as probes answer (late binding), so it cannot start a gang whole; " +
        "further-dimension over-commit is checked by every-dimension",
    },
  ],
});

describeConformance({
  name: "sparrow, 3 schedulers, d = 3",
  plugins: [plugin],
  architecture: (decisionTime) => ({ type: "sparrow", decisionTime, schedulers: 3, probeRatio: 3 }),
  schedulers: ["sparrow-0", "sparrow-1", "sparrow-2"],
  skip: [
    {
      test: "gpus",
      reason:
        "Sparrow binds tasks one at a time as probes answer (late binding), so it cannot start a gang whole; " +
        "further-dimension over-commit is checked by every-dimension",
    },
    {
      test: "wait-censored",
      reason:
        "its timeline has the three jobs queue behind one scheduler; here they go to three schedulers round-robin " +
        "and none waits (the one-scheduler subject runs it)",
    },
  ],
});
