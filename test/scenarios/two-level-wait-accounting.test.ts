import { describe, expect, it } from "vitest";
import type { TwoLevelSpec } from "../../src/architectures/two-level/index.js";
import type { ArchitectureBlock } from "../../src/experiment/config.js";
import type { RunSummary } from "../../src/metrics/summary.js";
import { decisionTimes, twoLevel } from "../helpers/architectures.js";
import { job, monolithicConfig } from "../helpers/configs.js";
import { runJobs } from "../helpers/run.js";

/**
 * Two-level waits under cellsim's accounting (the default) and under the Omega authors'
 * simulator's (docs/design.md, "Two-level waits"), hand-worked on one tiny timeline:
 * - `attemptStamp`: a job's first attempt starts when its own think time starts ("decision") or
 *   when the offer it is decided in arrived ("offer": the reference stamps every job of an offer
 *   at its arrival, MesosSimulation.scala:195, although it thinks about them one after another);
 * - `offersPerFramework`: one offer at a time ("one") or overlapping offers ("many": the
 *   reference's framework stays a requester while it holds an offer and handles a second offer
 *   at once, MesosSimulation.scala:181–320, 346, 389, 449).
 *
 * Cell: 50 machines × 4 CPUs = 200 CPUs. Prefill: 100 one-CPU tasks ending at t=3 (prefill ends
 * trigger no round). Service jobs of 1 one-CPU task (1,000 s): S1 at 0, S2 at 0.5, S3 at 4.
 * Service decisions take 10 s (no per-task part); offer rounds 1 s after their trigger, offers
 * delivered 1 ms after the round, none below 100 free CPUs.
 *
 * Common to all four:
 *   t=0      S1 → round at 1.     t=0.5  S2 queued (the round is pending).
 *   t=1      round: 100 CPUs free (≥ 100) → bulk offer to service, delivered at 1.001 with S1, S2
 *            queued. S1 thinks over [1.001, 11.001), S2 over [11.001, 21.001); reply at 21.001.
 *   t=3      prefill ends: 100 CPUs free that the offer does not hold (no round: prefill).
 * One offer at a time:
 *   t=4      S3 queued; service holds an offer, so it is no requester: no round.
 *   t=21.001 reply (S1, S2 start) → round at 22.001: bulk offer (198 free), delivered at 22.002;
 *            S3 thinks over [22.002, 32.002) → placed at 32.002.
 * Overlapping offers:
 *   t=4      S3 queued → round at 5: the 100 CPUs freed at 3 are unheld (≥ 100) → a second
 *            offer to service, of them, delivered at 5.001; S3 thinks over [5.001, 15.001) →
 *            placed at 15.001 (before S1 and S2, still at 21.001).
 *
 * First-attempt waits (S1, S2, S3):
 *   decision / one:  1.001, 11.001 − 0.5 = 10.501, 22.002 − 4 = 18.002 → mean 29.504 / 3
 *   offer / one:     1.001,  1.001 − 0.5 =  0.501, 18.002             → mean 19.504 / 3
 *   decision / many: 1.001, 10.501,  5.001 − 4 = 1.001                 → mean 12.503 / 3
 *   offer / many:    1.001,  0.501,  1.001                             → mean  2.503 / 3
 * The stamp moves S2 by 10 s (the think time of S1 ahead of it in the same offer); overlapping
 * offers move S3 by 17.001 s (it no longer waits for the reply to the offer it was not part of).
 * Full waits do not depend on the stamp: (21.001 + 20.501 + 28.002) / 3 with one offer,
 * (21.001 + 20.501 + 11.001) / 3 with overlapping offers. Busy time is 30 s in every case.
 * Locked CPU·s (of 200 CPUs × 100 s): the first offer's 100 CPUs over [1, 21.001), then 198
 * over [22.001, 32.002) with one offer, or the second offer's 100 over [5, 15.001) with overlap.
 */

const sec = (s: number) => s * 1e6;
type Options = Pick<TwoLevelSpec, "attemptStamp" | "offersPerFramework">;

/** The timeline above under `architecture`. */
function run(architecture: ArchitectureBlock): RunSummary {
  const config = monolithicConfig({
    horizonUs: sec(100),
    cluster: { machines: 50, cpus: 4, memGb: 16 },
    architecture,
  });
  const service = { kind: "service" as const, durationUs: sec(1000) };
  const jobs = [job(0, 0, 1, service), job(1, 0.5, 1, service), job(2, 4, 1, service)];
  const prefill = [job(100, 0, 100, { durationUs: sec(3), prefill: true })];
  return runJobs(config, jobs, prefill);
}

/** Batch 0.1 s, service 10 s per job, nothing per task; the given options. */
const withOptions = (options: Options): ArchitectureBlock =>
  twoLevel({
    decisionTime: decisionTimes({ perJobUs: sec(0.1), perTaskUs: 0 }, { perJobUs: sec(10), perTaskUs: 0 }),
    ...options,
  });

describe("two-level wait accounting: cellsim's default vs the reference simulator's", () => {
  const fullOne = (21.001 + 20.501 + 28.002) / 3;
  const fullMany = (21.001 + 20.501 + 11.001) / 3;
  const lockedOne = (100 * 20.001 + 198 * 10.001) / (200 * 100);
  const lockedMany = (100 * 20.001 + 100 * 10.001) / (200 * 100);
  it.each([
    ["decision", "one", 29.504 / 3, fullOne, lockedOne],
    ["offer", "one", 19.504 / 3, fullOne, lockedOne],
    ["decision", "many", 12.503 / 3, fullMany, lockedMany],
    ["offer", "many", 2.503 / 3, fullMany, lockedMany],
  ] as const)(
    "attemptStamp %s, offersPerFramework %s",
    (attemptStamp, offersPerFramework, first, full, locked) => {
      const s = run(withOptions({ attemptStamp, offersPerFramework }));
      expect(s.cell.locked.cpu).toBeCloseTo(locked, 12);
      const w = s.workloads.service!;
      expect(s.cell.prefill.tasksPlaced).toBe(100);
      expect(w.fullyScheduled).toBe(3);
      expect(w.attemptsMean).toBe(1);
      expect(w.waitFirstSec.censored).toBe(0);
      expect(w.waitFirstSec.mean).toBeCloseTo(first, 9);
      expect(w.waitFullSec.mean).toBeCloseTo(full, 9);
      expect(s.schedulers[1]!.usefulSec).toBeCloseTo(30, 9);
    },
  );

  it("an architecture block without the options gets cellsim's accounting (decision, one)", () => {
    const unset = run({
      type: "two-level",
      decisionTime: { batch: { perJob: "0.1s", perTask: "0s" }, service: { perJob: "10s", perTask: "0s" } },
    });
    const explicit = run(withOptions({ attemptStamp: "decision", offersPerFramework: "one" }));
    expect(unset.workloads).toEqual(explicit.workloads);
    expect(unset.workloads.service!.waitFirstSec.mean).toBeCloseTo(29.504 / 3, 9);
  });
});
