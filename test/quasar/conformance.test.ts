import { describe, expect, it } from "vitest";
import type { Architecture } from "../../src/cluster/architecture.js";
import { CellState } from "../../src/cluster/cell-state.js";
import type { JobSpec } from "../../src/cluster/job.js";
import { ClusterModel } from "../../src/cluster/model.js";
import { runOne } from "../../src/experiment/run-one.js";
import { RunMetrics } from "../../src/metrics/run-metrics.js";
import { BUILTIN_ORIGIN, BUILTIN_PLUGIN } from "../../src/plugins/builtin.js";
import { definePlacement, definePlugin } from "../../src/plugins/define.js";
import { buildRegistry } from "../../src/plugins/registry.js";
import { leastLoaded } from "../../src/policies/placement/least-loaded.js";
import {
  BATCH,
  LARGE_QUARTER,
  performanceOf,
  plannedRuns,
  POLICIES,
  runPolicy,
  studyExperiment,
} from "./helpers.js";

/**
 * The conformance suite of the Quasar-study policies (the architecture suite's two rules that
 * apply here), now allocation × placement on the one cluster model: no machine is ever
 * over-committed, checked after every event; and the same seed gives identical results. Every
 * policy, on a quarter of quasar-large and on quasar-batch (whose large reservations need most of
 * its 40 machines, so it is not reduced).
 */
const CELLS = [
  ["quasar-large × 0.25", LARGE_QUARTER],
  ["quasar-batch", BATCH],
] as const;

describe.each(POLICIES.map(([name]) => [name] as const))("%s conforms", (name) => {
  it.each(CELLS)(
    "%s: no over-commit after any event, every job done, same seed → identical results",
    async (_, cell) => {
      const checked = await runPolicy(name, cell, 3, { checkInvariants: true });
      const p = performanceOf(checked);
      expect(p.policy).toBe(name);
      expect(p.jobs.submitted).toBeGreaterThan(0);
      expect(p.jobs.completed).toBe(p.jobs.submitted);
      const again = await runPolicy(name, cell, 3, {});
      expect(JSON.stringify(again)).toBe(JSON.stringify(checked));
    },
  );
});

/** A one-machine cell (4 cores, 8 GB) already holding `cpus` CPUs, `memGb` GB and `lockedCpus` in an offer. */
function heldCell(cpus: number, memGb: number, lockedCpus = 0): CellState {
  const cell = CellState.fromCapacities([4], [8]);
  cell.claim(0, cpus, memGb);
  if (lockedCpus > 0) cell.lock(0, lockedCpus, 0);
  return cell;
}

/** An architecture that takes jobs and does nothing with them. */
const idle: Architecture = { schedulers: [], submit() {}, tasksEnded() {}, handle() {} };

/** Runs a model on `cell` whose one job arrives at 5 µs (one event), with or without the check. */
function runModel(cell: CellState, checkInvariants: boolean): void {
  const job: JobSpec = {
    id: 7,
    submitUs: 5,
    kind: "batch",
    tasks: 1,
    cpusPerTask: 1,
    memGbPerTask: 1,
    durationUs: 10,
    prefill: false,
  };
  let fed = false;
  const feed = () => {
    if (fed) return undefined;
    fed = true;
    return job;
  };
  const model = new ClusterModel(
    cell,
    new RunMetrics(100, 10),
    { retryDelayUs: 1, maxAttempts: 1, maxAttemptsWithoutProgress: 1 },
    feed,
    checkInvariants,
  );
  model.attach(idle);
  model.run(100);
}

describe("the over-commit check can fail", () => {
  it("the cell finds a machine over its CPUs, its memory or (with offers) its room", () => {
    expect(heldCell(4, 8).findOvercommitted()).toBe(-1);
    expect(heldCell(5, 1).findOvercommitted()).toBe(0);
    expect(heldCell(1, 9).findOvercommitted()).toBe(0);
    expect(heldCell(4, 1, 1).findOvercommitted()).toBe(0);
  });

  it("the cluster model with checkInvariants passes a full machine and throws on one core too many", () => {
    expect(() => runModel(heldCell(4, 8), true)).not.toThrow();
    expect(() => runModel(heldCell(5, 1), true)).toThrow(
      /invariant violated at t=5 µs: machine 0 holds 5 \+ 0 locked of 4 CPU/,
    );
    expect(() => runModel(heldCell(1, 9), true)).toThrow(/machine 0 holds .* 9 \+ 0 locked of 8 GB/);
    // Without the check the same run goes through: the check is what throws.
    expect(() => runModel(heldCell(5, 1), false)).not.toThrow();
  });

  it("the check also catches running totals that drifted from the per-machine arrays", () => {
    // Machine 0 holds 2 CPUs by its array but the cell's total says 1: a claim that updated one
    // and not the other. No machine is over-committed, so only the totals check can see it.
    const drifted = heldCell(1, 1);
    drifted.cpuAllocated[0] = 2;
    expect(drifted.findOvercommitted()).toBe(-1);
    expect(drifted.findTotalsMismatch()).toBe("allocatedCpus 1 ≠ Σ 2");
    expect(() => runModel(drifted, true)).toThrow(
      /invariant violated at t=5 µs: the cell's running totals drifted: allocatedCpus 1 ≠ Σ 2/,
    );
    expect(() => runModel(heldCell(1, 1), true)).not.toThrow();
  });

  it("runOne({checkInvariants: true}) stops a run whose placement over-commits the live cell", async () => {
    // A placement that claims 1,000 CPUs on machine 0 behind the scheduler's back, then places least-loaded.
    const rogue = definePlacement({
      name: "rogue",
      description: "over-commits machine 0",
      create(machines, perf) {
        const place = leastLoaded.create(machines, perf);
        return (view, req, rng, out) => {
          if (view instanceof CellState && view.freeCpus(0) >= 0) view.claim(0, 1000, 0);
          place(view, req, rng, out);
        };
      },
    });
    const registry = buildRegistry([
      { plugin: BUILTIN_PLUGIN, origin: BUILTIN_ORIGIN },
      { plugin: definePlugin({ placements: [rogue] }), origin: "test" },
    ]);
    const [run] = plannedRuns(
      studyExperiment(BATCH, {
        seeds: [1],
        sweep: undefined,
        allocation: { type: "reservation", decisionMs: 10 },
        placement: "least-loaded",
      }),
    );
    const config = { ...run!.config, placement: "rogue" };
    await expect(runOne(config, 1, { checkInvariants: true, registry })).rejects.toThrow(
      /invariant violated at t=\d+ µs: machine 0 holds 1\d{3}/,
    );
    await expect(runOne(config, 1, { registry })).resolves.toBeDefined();
  });
});
