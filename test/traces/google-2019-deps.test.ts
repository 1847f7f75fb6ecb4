import { describe, expect, it } from "vitest";
import type { JobSpec } from "../../src/cluster/job.js";
import { RngFactory } from "../../src/engine/rng.js";
import { simulateWorkload } from "../../src/experiment/run-one.js";
import { cellConfig, handJob } from "../../src/testing/busy-cell.js";
import { workloadFromList } from "../../src/workloads/source.js";
import { linkDependencies, MISSING_PARENT } from "../../src/workloads/traces/google-2019-deps.js";
import { readGoogle2019 } from "../../src/workloads/traces/google-2019.js";
import type { Google2019ReadOptions } from "../../src/workloads/traces/types.js";
import { monolithic, sharedState, twoLevel } from "../helpers/architectures.js";

/**
 * start_after_collection_ids → `fw.after`: the linking rules on hand-made jobs, and the
 * fixture's chain 200 → 500 → 700 run through the simulator, where a child must not start
 * before its parent's last task has ended.
 */

const S = 1_000_000;
const DIR = "test/fixtures/traces/google-2019";

describe("linkDependencies", () => {
  it("a child submitted before its parent is submitted with it (1 µs later if its id is smaller)", () => {
    const jobs = [handJob(1, 5, 1), handJob(7, 9, 1), handJob(3, 10, 1)];
    // 1 starts after 3 (submitted later, larger id); 7 starts after 3 too (larger id).
    const after = new Map([
      [1, [3]],
      [7, [3]],
    ]);
    const out = linkDependencies(jobs, after, {});
    expect(out.map((j) => [j.id, j.submitUs, j.fw?.after])).toEqual([
      [3, 10 * S, undefined],
      [7, 10 * S, [3]],
      [1, 10 * S + 1, [3]],
    ]);
    expect(out[0]?.fw).toMatchObject({ app: 1, appJobs: 3, appSubmitUs: 10 * S });
  });

  it("unknown parents are counted; edges on or behind a cycle are dropped and counted", () => {
    const jobs = [handJob(1, 0, 1), handJob(2, 1, 1), handJob(3, 2, 1), handJob(4, 3, 1)];
    const dropped = {};
    // 1 ↔ 2 is a cycle, 3 after 2 behind it (and after 42, unknown); 4 after nothing known.
    const out = linkDependencies(
      jobs,
      new Map([
        [1, [2]],
        [2, [1]],
        [3, [2, 42]],
        [4, [99, 4]],
      ]),
      dropped,
    );
    expect(dropped).toEqual({ [MISSING_PARENT]: 3, "dependencies on or behind a cycle (ignored)": 3 });
    expect(out.map((j) => j.fw)).toEqual([undefined, undefined, undefined, undefined]);
  });
});

/** The fixture read and simulated on 20 machines of 8 CPUs (two-level offers need ≥ 100 CPUs). */
async function runFixture(arch = monolithic(), opts: Google2019ReadOptions = {}) {
  // Submits ÷ 10: 200 at 70 s runs until ~150 s, 500 arrives at 90 s and 700 at 100 s, both
  // before their parent ends.
  const read = await readGoogle2019(`${DIR}/instance_events.csv`, {
    collectionEvents: [`${DIR}/collection_events.csv`],
    rateMultiplier: { batch: 10, service: 10 },
    ...opts,
  });
  const spans = new Map<number, { startUs: number; endUs: number }>();
  const config = cellConfig(arch, { horizonUs: 4000 * S, cluster: { machines: 20, cpus: 8, memGb: 32 } });
  const summary = simulateWorkload(config, workloadFromList(read.prefill, read.jobs), new RngFactory(1), {
    checkInvariants: true,
    hooks: {
      tasksStarted: (spec: JobSpec, _m, startUs, endUs) => {
        const s = spans.get(spec.id);
        if (s === undefined) spans.set(spec.id, { startUs, endUs });
        else s.endUs = Math.max(s.endUs, endUs);
      },
    },
  });
  const span = (id: number) => spans.get(id) ?? { startUs: NaN, endUs: NaN };
  return { read, summary, span };
}

describe("dependencies in a simulation", () => {
  for (const [name, arch] of [
    ["monolithic", monolithic()],
    ["shared state", sharedState()],
    ["two-level", twoLevel()],
  ] as const)
    it(`${name}: 500 waits for 200, 700 for 500`, async () => {
      const { read, span, summary } = await runFixture(arch);
      expect(read.jobs.find((j) => j.id === 500)?.submitUs).toBe(90 * S);
      expect(span(200).endUs).toBeGreaterThanOrEqual(150 * S); // 70 s + 80 s
      expect(span(500).startUs).toBeGreaterThanOrEqual(span(200).endUs);
      expect(span(700).startUs).toBeGreaterThanOrEqual(span(500).endUs);
      expect(span(700).startUs).toBeGreaterThanOrEqual(250 * S); // 150 s + 100 s
      expect(summary.frameworks?.byFramework.map((f) => [f.name, f.appsSubmitted, f.appsCompleted])).toEqual([
        ["google-2019", 1, 1],
      ]);
    });

  it("without dependencies the same jobs start at their submits", async () => {
    const { span } = await runFixture(monolithic(), { dependencies: false });
    expect(span(500).startUs).toBeLessThan(91 * S);
    expect(span(700).startUs).toBeLessThan(101 * S);
  });
});
