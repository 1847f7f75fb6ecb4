import { describe, expect, it } from "vitest";
import type { DecisionTime } from "../../src/cluster/decision.js";
import type { JobSpec } from "../../src/cluster/job.js";
import type { RunSummary } from "../../src/metrics/summary.js";
import { decisionTimes, twoLevel } from "../helpers/architectures.js";
import { job, monolithicConfig } from "../helpers/configs.js";
import { runJobs } from "../helpers/run.js";

/**
 * Two-level (Mesos-style) timelines on a tiny cell, worked out by hand: two frameworks competing
 * for 4 machines × (4 CPUs, 16 GB) = 16 CPUs, 64 GB. What they pin down:
 * - DRF: a round offers to the requesting framework (queued jobs, no open offer) with the lowest
 *   *dominant* share, max(CPU share, memory share) — ties to the lowest index;
 * - a bulk offer holds what was free when it was made, and nothing freed later: while it is
 *   open, resources freed since go to another framework in an explicit offer, largest fragment
 *   first, and the bulk holder's view does not see them;
 * - each job's first attempt, full scheduling, machines and task ends.
 *
 * Model settings: offer rounds 1 s after the trigger that schedules them (later triggers join a
 * pending round), offers delivered 1 ms after the round, `minOfferCpus` 1 (the default 100 is
 * more than the cell), think time per job only (no per-task time unless said), first-fit
 * placement (candidates in the view's order, each filled) so that machines are known by hand,
 * retries 1 s after a partial placement. Framework indices: batch = mesos-batch-0 = 0,
 * service = mesos-service-0 = 1. Equal-time order: task ends, arrivals, retries, decisions,
 * offer rounds, offer deliveries.
 */

const sec = (s: number) => s * 1e6;
const HORIZON_SEC = 100;
const CELL = { machines: 4, cpus: 4, memGb: 16 };

function run(
  batch: DecisionTime,
  service: DecisionTime,
  jobs: JobSpec[],
  prefill: JobSpec[] = [],
): RunSummary {
  const config = monolithicConfig({
    horizonUs: sec(HORIZON_SEC),
    cluster: CELL,
    placement: "first-fit",
    metrics: { samplePeriodUs: sec(1), jobs: true, timeline: true },
    architecture: twoLevel({ decisionTime: decisionTimes(batch, service), minOfferCpus: 1 }),
  });
  return runJobs(config, jobs, prefill);
}

/** Seconds compared at µs resolution (times are integer µs in the model). */
const µs = (s: number | null) => (s === null ? null : Math.round(s * 1e6));

/** Per job id: [first attempt, fully scheduled, attempts] (seconds; µs-rounded). */
function attemptsOf(s: RunSummary): Record<number, [number | null, number | null, number]> {
  const j = s.jobs!;
  const out: Record<number, [number | null, number | null, number]> = {};
  j.jobId.forEach((id, i) => {
    out[id] = [µs(j.firstAttemptSec[i]!), µs(j.fullyScheduledSec[i]!), j.attempts[i]!];
  });
  return out;
}
const expectAttempts = (s: RunSummary, want: Record<number, [number | null, number | null, number]>) => {
  const rounded: Record<number, [number | null, number | null, number]> = {};
  for (const [id, [a, b, n]] of Object.entries(want)) rounded[Number(id)] = [µs(a), µs(b), n];
  expect(attemptsOf(s)).toEqual(rounded);
};

/** The task timeline in start order: [job id, machine, start, end] per task (prefill left out). */
function tasksOf(s: RunSummary): [number, number, number, number][] {
  return s
    .timeline!.tasks.filter((t) => t.prefill !== true)
    .map((t) => [t.jobId, t.machine, µs(t.startSec)!, µs(t.endSec)!]);
}
const expectTasks = (s: RunSummary, want: [number, number, number, number][]) =>
  expect(tasksOf(s)).toEqual(want.map(([id, m, a, b]) => [id, m, µs(a), µs(b)]));

describe("two-level timelines: DRF order and an offer of freed resources beside an open bulk offer", () => {
  // Batch decides in 0.1 s per job, service in 5 s.
  const batchDt = { perJobUs: sec(0.1), perTaskUs: 0 };
  const serviceDt = { perJobUs: sec(5), perTaskUs: 0 };
  const jobs = [
    job(0, 0, 2, { cpusPerTask: 1, memGbPerTask: 8, durationUs: sec(12) }), // B0 (batch)
    job(1, 0, 3, { kind: "service", cpusPerTask: 1, memGbPerTask: 1, durationUs: sec(60) }), // S0
    job(2, 10, 3, { cpusPerTask: 1, memGbPerTask: 4, durationUs: sec(20) }), // B1 (batch)
    job(3, 10, 2, { kind: "service", cpusPerTask: 1, memGbPerTask: 1, durationUs: sec(30) }), // S1
  ];

  // t=0       B0, S0 queued → round at 1 (S0's trigger joins it).
  // t=1       round: both request, shares 0 = 0 → tie → batch (index 0). Bulk offer of all
  //           16 CPUs / 64 GB, delivered 1.001: B0's first attempt, thinks until 1.101.
  // t=1.101   B0: m0 takes min(4 CPU / 1, 16 GB / 8) = 2 tasks → [m0, m0]; reply: B0 runs
  //           [1.101, 13.101). Batch holds 2 CPU, 16 GB: shares 2/16, 16/64 → dominant 0.25.
  //           The reply schedules a round at 2.101.
  // t=2.101   round: only service requests → bulk offer of 14 CPUs, delivered 2.102 (S0 attempt).
  // t=7.102   S0: m0 has 2 CPU but 0 GB → 0; m1 takes all 3 → [m1, m1, m1]; S0 runs
  //           [7.102, 67.102). Service holds 3 CPU, 3 GB: 3/16, 3/64 → dominant 0.1875.
  //           Round at 8.102: nobody requests.
  // t=10      B1, S1 queued → round at 11.
  // t=11      round, DRF: service 0.1875 < batch 0.25 → service (reversed DRF, or CPU shares
  //           2/16 < 3/16, would pick batch). Bulk offer of what is free now: m0 (2 CPU, 0 GB),
  //           m1 (1, 13), m2 and m3 (4, 16) = 11 CPUs. Delivered 11.001 (S1 attempt, thinks
  //           until 16.001).
  // t=13.101  B0 ends: m0 frees 2 CPU, 16 GB; batch's share drops to 0 → round at 14.101.
  // t=14.101  round: batch requests; service's bulk offer is open and holds none of m0's freed
  //           room (2 CPUs ≥ minOfferCpus 1 unheld) → explicit offer to batch of m0 (2 CPU,
  //           16 GB), delivered 14.102 (B1's first attempt).
  // t=14.202  B1 (3 × 1 CPU, 4 GB) on the explicit offer: only m0, 2 CPUs → [m0, m0], the third
  //           task waits. Reply: B1's two tasks run [14.202, 34.202); retry at 15.202; round
  //           at 15.202.
  // t=15.202  B1 requeued (retries run before rounds); round: batch requests, but every CPU not
  //           in service's offer is taken (occupied 5 = occupied when the bulk offer opened) →
  //           0 < 1 → no offer. Nothing triggers another round until service replies.
  // t=16.001  S1 on the bulk offer, which sees the cell as at t=11: m0 still (2 CPU, 0 GB) —
  //           the live m0 has 2 CPU, 8 GB free, but that memory was freed after the offer — so
  //           m0 takes none, m1 one (1 CPU left), m2 one → [m1, m2]; S1 runs [16.001, 46.001).
  //           Round at 17.001.
  // t=17.001  round: batch requests → bulk offer (9 CPUs), delivered 17.002: B1's 2nd attempt.
  // t=17.102  B1's last task: m0 has 2 CPU, 8 GB → [m0]; runs [17.102, 37.102). Fully scheduled.
  const s = run(batchDt, serviceDt, jobs);

  it("attempts: DRF gives service the round at 11; batch gets m0's freed room at 14.101", () => {
    expectAttempts(s, {
      0: [1.001, 1.101, 1],
      1: [2.102, 7.102, 1],
      2: [14.102, 17.102, 2],
      3: [11.001, 16.001, 1],
    });
  });

  it("placements and task ends", () => {
    expectTasks(s, [
      [0, 0, 1.101, 13.101],
      [0, 0, 1.101, 13.101],
      [1, 1, 7.102, 67.102],
      [1, 1, 7.102, 67.102],
      [1, 1, 7.102, 67.102],
      [2, 0, 14.202, 34.202],
      [2, 0, 14.202, 34.202],
      [3, 1, 16.001, 46.001],
      [3, 2, 16.001, 46.001],
      [2, 0, 17.102, 37.102],
    ]);
  });

  it("locked CPUs: each offer's holding over its lifetime", () => {
    // Bulk 16 over [1, 1.101), bulk 14 over [2.101, 7.102), bulk 11 over [11, 16.001),
    // explicit 2 over [14.101, 14.202), bulk 9 over [17.001, 17.102).
    const cpuSec = 16 * 0.101 + 14 * 5.001 + 11 * 5.001 + 2 * 0.101 + 9 * 0.101;
    expect(s.cell.locked.cpu).toBeCloseTo(cpuSec / (16 * HORIZON_SEC), 12);
    const [batchFw, serviceFw] = s.schedulers;
    expect([batchFw!.name, batchFw!.attempts]).toEqual(["mesos-batch-0", 3]);
    expect([serviceFw!.name, serviceFw!.attempts]).toEqual(["mesos-service-0", 2]);
  });
});

describe("two-level timelines: explicit offers of freed fragments, largest first, one bulk offer", () => {
  // Batch decides in 0.1 s per job, service in 20 s. Prefill (never ends before the horizon;
  // first-fit in list order): one 4-CPU task fills m0, one 2-CPU task leaves m1 2 CPUs.
  const batchDt = { perJobUs: sec(0.1), perTaskUs: 0 };
  const serviceDt = { perJobUs: sec(20), perTaskUs: 0 };
  const prefill = [
    job(100, 0, 1, { cpusPerTask: 4, memGbPerTask: 1, durationUs: sec(1000), prefill: true }),
    job(101, 0, 1, { cpusPerTask: 2, memGbPerTask: 1, durationUs: sec(1000), prefill: true }),
  ];
  const jobs = [
    job(0, 0, 6, { cpusPerTask: 1, memGbPerTask: 1, durationUs: sec(10) }), // A (batch)
    job(1, 2, 2, { kind: "service", cpusPerTask: 1, memGbPerTask: 1, durationUs: sec(30) }), // S
    job(2, 5, 2, { cpusPerTask: 2, memGbPerTask: 1, durationUs: sec(20) }), // B (batch)
    job(3, 14, 3, { cpusPerTask: 1, memGbPerTask: 1, durationUs: sec(10) }), // C (batch)
  ];

  // Free after prefill: m0 (0 CPU, 15 GB), m1 (2, 15), m2 (4, 16), m3 (4, 16) = 10 CPUs.
  // t=0       A queued → round at 1: bulk offer to batch (10 CPUs), delivered 1.001.
  // t=1.101   A (6 × 1 CPU): m0 none, m1 two, m2 four → [m1, m1, m2, m2, m2, m2]; runs
  //           [1.101, 11.101). The reply schedules a round at 2.101.
  // t=2       S queued: it joins the round pending at 2.101.
  // t=2.101   round: only service requests → bulk offer of m3's 4 CPUs (and the free memory),
  //           delivered 2.102; S thinks until 22.102. Occupied when it opened: 12 CPUs.
  // t=5       B queued → round at 6: the 4 free CPUs are all held by service's offer
  //           (unheld = 12 − 12 = 0 < 1) → no offer.
  // t=11.101  A ends: m1 frees 2 CPU / 2 GB, m2 4 CPU / 4 GB → round at 12.101.
  // t=12.101  round: batch requests; unheld = 12 − 6 = 6 → explicit offer E1 of the freed
  //           fragments, largest first: [m2 (4 CPU, 4 GB), m1 (2, 2)]. Delivered 12.102 (B's
  //           first attempt).
  // t=12.202  B (2 × 2 CPU): m2 first, takes both → [m2, m2] (in machine-index order it would
  //           have been [m1, m2]). B runs [12.202, 32.202). E1 closes: m1's 2 CPUs go back
  //           unused. Round at 13.202: nobody requests.
  // t=14      C queued → round at 15.
  // t=15      round: unheld = 12 − (6 + 4) = 2 → explicit offer E2 of what is not held since E1:
  //           m1 (2 CPU, 2 GB, returned by E1) and m2 (0 CPU, 2 GB: B took 4 CPUs but only 2 of
  //           A's 4 GB) → [m1, m2]. Delivered 15.001 (C's first attempt).
  // t=15.101  C (3 × 1 CPU): m1 two, m2 none → [m1, m1]; the third waits. C's two run
  //           [15.101, 25.101); retry and round at 16.101.
  // t=16.101  C requeued; round: unheld = 12 − 12 = 0 → no offer.
  // t=22.102  S on its bulk offer (the cell as at t=2.101: only m3 has CPUs; m1's 2 free CPUs
  //           are not its) → [m3, m3]; runs [22.102, 52.102). Round at 23.102.
  // t=23.102  round: batch → bulk offer of m3's 2 CPUs, delivered 23.103 (C's 2nd attempt).
  // t=23.203  C's last task → [m3]; runs [23.203, 33.203). Fully scheduled.
  const s = run(batchDt, serviceDt, jobs, prefill);

  it("attempts: B and C get explicit offers while service's bulk offer is open", () => {
    expect(s.cell.prefill.tasksPlaced).toBe(2);
    expectAttempts(s, {
      0: [1.001, 1.101, 1],
      1: [2.102, 22.102, 1],
      2: [12.102, 12.202, 1],
      3: [15.001, 23.203, 2],
    });
  });

  it("placements: fragments largest first; the bulk holder sees only what was free at t=2.101", () => {
    expectTasks(s, [
      [0, 1, 1.101, 11.101],
      [0, 1, 1.101, 11.101],
      [0, 2, 1.101, 11.101],
      [0, 2, 1.101, 11.101],
      [0, 2, 1.101, 11.101],
      [0, 2, 1.101, 11.101],
      [2, 2, 12.202, 32.202],
      [2, 2, 12.202, 32.202],
      [3, 1, 15.101, 25.101],
      [3, 1, 15.101, 25.101],
      [1, 3, 22.102, 52.102],
      [1, 3, 22.102, 52.102],
      [3, 3, 23.203, 33.203],
    ]);
  });

  it("locked CPUs", () => {
    // Bulk 10 over [1, 1.101), bulk 4 over [2.101, 22.102), E1 6 over [12.101, 12.202),
    // E2 2 over [15, 15.101), bulk 2 over [23.102, 23.203).
    const cpuSec = 10 * 0.101 + 4 * 20.001 + 6 * 0.101 + 2 * 0.101 + 2 * 0.101;
    expect(s.cell.locked.cpu).toBeCloseTo(cpuSec / (16 * HORIZON_SEC), 12);
  });
});
