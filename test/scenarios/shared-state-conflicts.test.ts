import { describe, expect, it } from "vitest";
import type { ConflictMode, TransactionMode } from "../../src/cluster/commit.js";
import type { RunSummary } from "../../src/metrics/summary.js";
import { decisionTimes, sharedState } from "../helpers/architectures.js";
import { job, monolithicConfig } from "../helpers/configs.js";
import { runJobs } from "../helpers/run.js";

/**
 * Two Omega schedulers claim the same machine. Scheduler A (omega-batch-0) and B (omega-batch-1)
 * each get one job of 2 one-CPU tasks at t = 0 (jobs are dealt round-robin), think 1 s each
 * (perJob 1 s, perTask 0) on a snapshot of the empty machine, and decide at t = 1 — A first
 * (equal-time events run FIFO, A's decision was scheduled first). Tasks run 3 s; retry delay 1 s.
 */

const sec = (s: number) => s * 1e6;

function race(cpus: number, conflictMode: ConflictMode, transactionMode: TransactionMode): RunSummary {
  const config = monolithicConfig({
    horizonUs: sec(20),
    cluster: { machines: 1, cpus, memGb: 100 },
    metrics: { samplePeriodUs: sec(1) },
    architecture: sharedState({
      conflictMode,
      transactionMode,
      schedulers: { batch: 2, service: 0 },
      decisionTime: decisionTimes({ perJobUs: sec(1), perTaskUs: 0 }),
    }),
  });
  return runJobs(config, [job(0, 0, 2, { durationUs: sec(3) }), job(1, 0, 2, { durationUs: sec(3) })]);
}

/** What B's scheduler reports, and the cell's CPU use per second over [0, 9). */
function outcome(s: RunSummary) {
  const [a, b] = s.schedulers;
  expect(a!.transactions).toEqual({ committed: 1, conflicted: 0 }); // A always wins the race
  return {
    attempts: b!.attempts,
    transactions: b!.transactions,
    conflictFraction: b!.conflictFraction,
    busySec: [b!.usefulSec, b!.wastedConflictSec, b!.wastedNoFitSec],
    cpusInUse: s.cell.series.cpuUtilization.slice(0, 9).map((u) => Math.round(u * s.cell.totalCpus)),
    waitFullSec: s.workloads.batch!.waitFullSec.mean,
  };
}

describe("shared state: two schedulers claim a machine with room for 3 tasks, 2 each", () => {
  it("fine + incremental: B keeps the task that still fits, loses one to the conflict", () => {
    // t=1  A commits 2 (2/3 CPUs). B's claims: the first fits (3/3), the second conflicts.
    //      B: transaction conflicted, the whole 1 s wasted; 1 task left, retry at 2.
    // t=2→3 B's snapshot is full: no fit (1 s wasted), retry at 4.
    // t=4  all three tasks end (before the retry at equal time); B attempts on an empty machine,
    // t=5  commits its last task (useful). Job B fully placed at 5.
    expect(outcome(race(3, "fine", "incremental"))).toEqual({
      attempts: 3,
      transactions: { committed: 1, conflicted: 1 },
      conflictFraction: 1,
      busySec: [1, 1, 1],
      cpusInUse: [0, 3, 3, 3, 0, 1, 1, 1, 0],
      waitFullSec: (1 + 5) / 2,
    });
  });

  it("fine + all-or-nothing: B's one conflicting claim aborts both", () => {
    // t=1  A commits 2. B's second claim conflicts, so the first is rolled back: nothing starts.
    // t=2→3 B's snapshot shows 1 free CPU: it places 1 of its 2 tasks and commits it (useful).
    // t=4  A's tasks end; t=4→5 B commits its last task. Job B fully placed at 5.
    expect(outcome(race(3, "fine", "all-or-nothing"))).toEqual({
      attempts: 3,
      transactions: { committed: 2, conflicted: 1 },
      conflictFraction: 0.5,
      busySec: [2, 1, 0],
      cpusInUse: [0, 2, 2, 3, 1, 2, 1, 1, 0],
      waitFullSec: (1 + 5) / 2,
    });
  });

  it.each([["incremental"], ["all-or-nothing"]] as const)(
    "coarse + %s: A's claims bumped the sequence number, so both of B's claims conflict",
    (mode) => {
      // t=1  A commits 2 (seq 0 → 2). B saw seq 0: both claims conflict, nothing starts.
      // Then as fine + all-or-nothing: 1 task committed at 3 (seq seen 2 = current), 1 at 5.
      expect(outcome(race(3, "coarse", mode))).toEqual({
        attempts: 3,
        transactions: { committed: 2, conflicted: 1 },
        conflictFraction: 0.5,
        busySec: [2, 1, 0],
        cpusInUse: [0, 2, 2, 3, 1, 2, 1, 1, 0],
        waitFullSec: (1 + 5) / 2,
      });
    },
  );
});

describe("shared state: the same race on a machine with room for 4 (both jobs fit)", () => {
  it.each([["incremental"], ["all-or-nothing"]] as const)("fine + %s: no conflict", (mode) => {
    // t=1 A commits 2, B commits 2: the machine is full but never over-committed.
    expect(outcome(race(4, "fine", mode))).toEqual({
      attempts: 1,
      transactions: { committed: 1, conflicted: 0 },
      conflictFraction: 0,
      busySec: [1, 0, 0],
      cpusInUse: [0, 4, 4, 4, 0, 0, 0, 0, 0],
      waitFullSec: 1,
    });
  });

  it.each([["incremental"], ["all-or-nothing"]] as const)(
    "coarse + %s: a false conflict (the machine had room, but was touched)",
    (mode) => {
      // t=1 A commits 2 (seq → 2); B saw seq 0: both claims conflict although they would fit.
      // t=2→3 B retries on a fresh snapshot (seq 2) and commits both. Job B fully placed at 3.
      expect(outcome(race(4, "coarse", mode))).toEqual({
        attempts: 2,
        transactions: { committed: 1, conflicted: 1 },
        conflictFraction: 1,
        busySec: [1, 1, 0],
        cpusInUse: [0, 2, 2, 4, 2, 2, 0, 0, 0],
        waitFullSec: (1 + 3) / 2,
      });
    },
  );
});
