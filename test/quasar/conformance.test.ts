import { describe, expect, it } from "vitest";
import { checkInvariants } from "../../src/quasar/invariants.js";
import type { QuasarModel } from "../../src/quasar/model.js";
import { DEFAULT_QUASAR_SPEC, reservationSpec, type QuasarPolicySpec } from "../../src/quasar/policies.js";
import { runQuasar } from "../../src/quasar/run.js";
import { QUASAR_BATCH, QUASAR_LARGE, scaledScenario } from "../../src/quasar/scenario.js";

/**
 * The conformance suite of the Quasar-study policies (the architecture suite's two rules that
 * apply here): no machine is ever over-committed, checked after every event; and the same seed
 * gives identical results. Every policy, on a quarter of quasar-large and on quasar-batch (whose
 * large reservations need most of its 40 machines, so it is not reduced).
 */
const POLICIES: [string, QuasarPolicySpec][] = [
  ["reservation+least-loaded", reservationSpec("least-loaded")],
  ["reservation+paragon", reservationSpec("paragon")],
  ["quasar", DEFAULT_QUASAR_SPEC],
];
const SCENARIOS = [scaledScenario(QUASAR_LARGE, 0.25), QUASAR_BATCH];

describe.each(POLICIES)("%s conforms", (name, spec) => {
  it.each(SCENARIOS.map((s) => [s.name, s] as const))(
    "%s: no over-commit after any event, every job done, same seed → identical results",
    (_, scenario) => {
      const checked = runQuasar(scenario, spec, 3, { checkInvariants: true });
      expect(checked.policy).toBe(name);
      expect(checked.jobs.completed).toBe(checked.jobs.submitted);
      const again = runQuasar(scenario, spec, 3);
      expect(JSON.stringify(again)).toBe(JSON.stringify(checked));
    },
  );
});

describe("the over-commit check can fail", () => {
  /** A one-machine model (4 cores, 8 GB) whose single running job holds `cores` cores. */
  const model = (cores: number, cellCores = cores) =>
    ({
      cell: {
        size: 1,
        coresCap: [4],
        memCapGb: [8],
        allocCores: [cellCores],
        allocMemGb: [1],
      },
      runs: [{ phase: "running", spec: { id: 7 }, alloc: { machines: [0], cores, memGbPerNode: 1 } }],
      sim: { now: 5 },
    }) as unknown as QuasarModel;

  it("passes a full machine, flags one core too many and totals that disagree", () => {
    expect(() => checkInvariants(model(4))).not.toThrow();
    expect(() => checkInvariants(model(5))).toThrow(/machine 0 over-committed at 5 µs/);
    expect(() => checkInvariants(model(3, 4))).toThrow(/cell totals disagree/);
  });
});
