import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { monolithicSchema } from "../../src/architectures/monolithic/index.js";

/** Shared fixtures of the experiment tests. */

/** A small valid experiment (explicit cluster, preset workload, a 3-value sweep). */
export function smallExperiment(): Record<string, unknown> {
  return {
    name: "small",
    description: "test",
    horizon: "1h",
    seeds: [1, 2],
    cluster: { machines: 20, cpus: 4, memGb: 16 },
    workload: { preset: "google-c" },
    architecture: { type: "monolithic", decisionTime: { perJob: "0.1s", perTask: "5ms" } },
    sweep: { "architecture.decisionTime.*.perJob": ["0.01s", "0.1s", "1s"] },
  };
}

/** A small Quasar-study experiment: the three policies on a quarter of the batch scenario. */
export function quasarExperiment(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: "q",
    seeds: [1, 2],
    cluster: { preset: "quasar-batch", scale: 0.25 },
    architecture: { type: "quasar" },
    sweep: {
      architecture: [
        { type: "reservation", assignment: "least-loaded" },
        { type: "reservation", assignment: "paragon" },
        { type: "quasar", entriesPerRow: 2 },
      ],
    },
    ...over,
  };
}

/** A fresh temporary folder. */
export function tempDir(prefix = "cellsim-test-"): Promise<string> {
  return mkdtemp(path.join(tmpdir(), prefix));
}

/** The decision times a monolithic run config resolves to (its block parsed as the run does). */
export function monolithicDecisionTimes(config: { architecture: Record<string, unknown> }) {
  const { type: _type, ...block } = config.architecture;
  return monolithicSchema.parse(block).decisionTime;
}
