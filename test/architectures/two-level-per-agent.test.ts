import { describe, expect, it } from "vitest";
import type { JobSpec } from "../../src/cluster/job.js";
import type { ArchitectureBlock } from "../../src/experiment/config.js";
import type { RunSummary } from "../../src/metrics/summary.js";
import { decisionTimes, twoLevel } from "../helpers/architectures.js";
import { job, monolithicConfig } from "../helpers/configs.js";
import { runJobs } from "../helpers/run.js";
import { OfferFilters } from "../../src/architectures/two-level/filters.js";

/**
 * The per-agent allocator (`allocator: "per-agent"`) on tiny cells of 4 CPU / 16 GB machines,
 * timelines worked out by hand. Settings: offer rounds 1 s after a trigger, offers delivered
 * 1 ms after their round, first-fit placement over an offer's agents (largest CPU room first,
 * ties by machine index), retries 1 s after an attempt that left tasks unplaced. Framework
 * indices: mesos-batch-0 = 0, mesos-service-0 = 1; roles default to "batch-0", "service-0".
 */

const sec = (s: number) => s * 1e6;
const µs = (s: number | null | undefined) => (s == null ? null : Math.round(s * 1e6));
const FAST = { perJobUs: sec(0.1), perTaskUs: 0 };

function run(
  machines: number,
  jobs: JobSpec[],
  perAgent: Record<string, unknown>,
  over: Parameters<typeof twoLevel>[0] = {},
  horizonSec = 20,
): RunSummary {
  const architecture = { ...twoLevel({ minOfferCpus: 1, ...over }), allocator: "per-agent", ...perAgent };
  const config = monolithicConfig({
    horizonUs: sec(horizonSec),
    cluster: { machines, cpus: 4, memGb: 16 },
    placement: "first-fit",
    metrics: { samplePeriodUs: sec(1), jobs: true, timeline: true },
    architecture,
  });
  return runJobs(config, jobs);
}

/** Job id → [first attempt, fully scheduled, attempts] in µs. */
function attempts(s: RunSummary): Record<number, [number | null, number | null, number]> {
  const j = s.jobs!;
  const out: Record<number, [number | null, number | null, number]> = {};
  j.jobId.forEach(
    (id, i) => (out[id] = [µs(j.firstAttemptSec[i]), µs(j.fullyScheduledSec[i]), j.attempts[i]!]),
  );
  return out;
}

/** Job id → the machines its tasks run on (sorted), and their start times (µs). */
function placements(s: RunSummary): Record<number, { machines: number[]; starts: number[] }> {
  const out: Record<number, { machines: number[]; starts: number[] }> = {};
  for (const t of s.timeline!.tasks) {
    const p = (out[t.jobId] ??= { machines: [], starts: [] });
    p.machines.push(t.machine);
    if (!p.starts.includes(µs(t.startSec)!)) p.starts.push(µs(t.startSec)!);
  }
  for (const p of Object.values(out)) p.machines.sort((a, b) => a - b);
  return out;
}

describe("per-agent offers: unused agents are refused for refuseSeconds", () => {
  // Two machines. B0: 1 task (1 CPU, 8 GB, 100 s) at 0; B1: 2 tasks (1 CPU, 12 GB, 50 s) at 3.
  // t=1      round: m0 and m1 (4, 16) both go to batch (the only requester); delivered 1.001.
  // t=1.101  B0 on m0 (first of the offer's agents). Queue empty → the unused m0 (3, 8) and
  //          m1 (4, 16) are refused until 6.101.
  // t=3      B1 submitted: new demand revives offers (filters cleared) → round at 4.
  // t=4      round: m0 (3, 8), m1 (4, 16) → batch; delivered 4.001 (B1's first attempt).
  // t=4.101  B1: m1 (largest room first) takes one 12 GB task; m0 has 8 GB → none. Reply: queue
  //          empty (B1 waits for its retry) → m1 (3, 4) and m0 (3, 8) refused until 9.101.
  // t=5.101  B1 retried (no revive: it has seen these agents) and the round its reply
  //          triggered: both agents' room is within what was refused → filtered, no offer.
  // t=9.101  the filters expire: a round offers both; delivered 9.102 (2nd attempt), nothing
  //          fits (8 and 4 GB < 12), refused again until 14.202 → 3rd attempt 14.203, 4th 19.304.
  // With refuseSeconds 0 every retry gets an offer: attempts 4.001 + 1.101 k (the retry 1 s
  // after the 0.1 s think joins the round the reply triggered, 1 ms delivery) → 4.001 …
  // 19.415: 15 attempts by 20 s.
  const jobs = [
    job(0, 0, 1, { cpusPerTask: 1, memGbPerTask: 8, durationUs: sec(100) }),
    job(1, 3, 2, { cpusPerTask: 1, memGbPerTask: 12, durationUs: sec(50) }),
  ];
  const dt = { decisionTime: decisionTimes(FAST) };

  it("a declined agent is not re-offered for 5 s (Mesos' default refuse_seconds)", () => {
    const s = run(2, jobs, {}, dt);
    expect(attempts(s)).toEqual({ 0: [µs(1.001), µs(1.101), 1], 1: [µs(4.001), null, 4] });
    expect(placements(s)).toEqual({
      0: { machines: [0], starts: [µs(1.101)] },
      1: { machines: [1], starts: [µs(4.101)] },
    });
  });

  it("without filters every retry is offered the agents again", () => {
    const s = run(2, jobs, { refuseSeconds: 0 }, dt);
    expect(attempts(s)[1]).toEqual([µs(4.001), null, 15]);
  });
});

describe("a filter holds only while the agent's room stays within what was refused", () => {
  // As above, but B0 runs 6 s: [1.101, 7.101). B1's first attempt at 4.001 places one task on
  // m1; m0 (3, 8) and m1 (3, 4) are refused until 9.101 (the retry's round at 5.101 and the
  // older filters' expiry round at 6.101 offer nothing).
  // t=7.101  B0 ends: m0 has (4, 16), more than was refused → the round its end triggers (8.101)
  //          offers m0 (m1 stays filtered); delivered 8.102, B1's last task on m0 at 8.202.
  const jobs = [
    job(0, 0, 1, { cpusPerTask: 1, memGbPerTask: 8, durationUs: sec(6) }),
    job(1, 3, 2, { cpusPerTask: 1, memGbPerTask: 12, durationUs: sec(50) }),
  ];

  it("a task ending on a filtered agent makes it offerable at once", () => {
    const s = run(2, jobs, {}, { decisionTime: decisionTimes(FAST) });
    expect(attempts(s)[1]).toEqual([µs(4.001), µs(8.202), 2]);
    expect(placements(s)[1]).toEqual({ machines: [0, 1], starts: [µs(4.101), µs(8.202)] });
  });
});

describe("weighted DRF picks the next framework agent by agent", () => {
  // Six machines, two batch frameworks (jobs dealt round-robin: J0 → batch-0, J1 → batch-1),
  // weights batch-0 1, batch-1 2. Each job: 6 tasks × (4 CPU, 1 GB), submitted at 0.
  // Round at 1, agent by agent; scores are share / weight, shares count what is offered in the
  // round (a machine is 1/6 of the cell):
  //   m0: batch-0 0 vs batch-1 0 → tie → batch-0 (share 1/6)
  //   m1: 1/6 vs 0 → batch-1 (share 1/6, score 1/12)
  //   m2: 1/6 vs 1/12 → batch-1 (share 2/6, score 1/6)
  //   m3: 1/6 vs 1/6 → tie → batch-0 (share 2/6)
  //   m4: 2/6 vs 1/6 → batch-1 (share 3/6, score 1/4)
  //   m5: 2/6 vs 1/4 → batch-1 (share 4/6)
  // So batch-0 gets {m0, m3}, batch-1 {m1, m2, m4, m5} (1 : 2); both decide by 1.101. Unweighted
  // the agents alternate: batch-0 {m0, m2, m4}, batch-1 {m1, m3, m5}.
  const jobs = [0, 1].map((id) => job(id, 0, 6, { cpusPerTask: 4, memGbPerTask: 1, durationUs: sec(100) }));
  const over = { decisionTime: decisionTimes(FAST), frameworks: { batch: 2, service: 0 } };

  it("weight 2 for batch-1's role gives it twice the agents", () => {
    const p = placements(run(6, jobs, { weights: { "batch-1": 2 } }, over));
    expect(p[0]).toEqual({ machines: [0, 3], starts: [µs(1.101)] });
    expect(p[1]).toEqual({ machines: [1, 2, 4, 5], starts: [µs(1.101)] });
  });

  it("equal weights alternate", () => {
    const p = placements(run(6, jobs, {}, over));
    expect(p[0]?.machines).toEqual([0, 2, 4]);
    expect(p[1]?.machines).toEqual([1, 3, 5]);
  });
});

describe("an offer not answered within offerTimeout is rescinded", () => {
  // Four machines; service decides in 5 s per job, batch in 0.1 s; offerTimeout 3 s.
  // t=0    S0 (1 task (1 CPU, 1 GB), 60 s) → round at 1: every agent to service; delivered 1.001,
  //        its think would end at 6.001.
  // t=2    B0 (1 task (1, 1), 60 s) → round at 3: every agent is held by service's offer → none.
  // t=4    timeout (offer made at 1): rescinded. S0's think [1.001, 4) is lost (WastedFailure
  //        2.999 s), S0 back to the queue → round at 5.
  // t=5    round: both request, shares 0 = 0: m0 → batch (tie, index 0), m1 → service, m2 →
  //        batch (1/4 each: tie), m3 → service. Delivered 5.001: B0 on m0 at 5.101; S0 thinks
  //        until 10.001 but is rescinded at 8 (lost 2.999 s) → round 9 → 9.001, rescinded 12 →
  //        13.001, rescinded 16 → 17.001, rescinded 20 (the horizon): 5 attempts, none placed.
  const jobs = [
    job(0, 0, 1, { kind: "service", cpusPerTask: 1, memGbPerTask: 1, durationUs: sec(60) }),
    job(1, 2, 1, { cpusPerTask: 1, memGbPerTask: 1, durationUs: sec(60) }),
  ];
  const s = run(
    4,
    jobs,
    { offerTimeout: "3s" },
    { decisionTime: decisionTimes(FAST, { perJobUs: sec(5), perTaskUs: 0 }) },
  );

  it("the rescinded offer's resources go to the other framework; the decision is lost", () => {
    expect(attempts(s)).toEqual({ 0: [µs(1.001), null, 5], 1: [µs(5.001), µs(5.101), 1] });
    expect(placements(s)[1]).toEqual({ machines: [0], starts: [µs(5.101)] });
    const service = s.schedulers.find((x) => x.name === "mesos-service-0")!;
    // Five lost thinks of 2.999 s (the rescind at 20 s, the horizon, still runs). Reported
    // without failover configured, since rescinds waste think time too.
    expect(service.wastedFailureSec).toBeCloseTo(5 * 2.999, 9);
  });
});

describe("static reservations are offered to their role only", () => {
  // Four machines; m2 and m3 reserved for role "web" (service-0's role). B0: 4 tasks (4 CPU,
  // 1 GB, 100 s) at 0; S0: 1 task (4, 1, 100 s) at 5.
  // t=1      round: batch requests; m0, m1 → batch; m2, m3 are web's: not offered. B0 places 2
  //          tasks on m0, m1 at 1.101 and retries every ~2.1 s, never offered m2 or m3.
  // t=5      S0 → round at 6: m2, m3 → service (web); delivered 6.001, placed on m2 at 6.101.
  const jobs = [
    job(0, 0, 4, { cpusPerTask: 4, memGbPerTask: 1, durationUs: sec(100) }),
    job(1, 5, 1, { kind: "service", cpusPerTask: 4, memGbPerTask: 1, durationUs: sec(100) }),
  ];
  const s = run(
    4,
    jobs,
    { roles: { "service-0": "web" }, reservations: { web: { machines: [2, 3] } } },
    { decisionTime: decisionTimes(FAST) },
  );

  it("batch never runs on web's machines; service gets them", () => {
    const p = placements(s);
    expect(p[0]).toEqual({ machines: [0, 1], starts: [µs(1.101)] });
    expect(p[1]).toEqual({ machines: [2], starts: [µs(6.101)] });
  });

  it("a fraction reserves the first machines in order", () => {
    const t = run(
      4,
      jobs,
      { roles: { "service-0": "web" }, reservations: { web: { fraction: 0.5 } } },
      {
        decisionTime: decisionTimes(FAST),
      },
    );
    const p = placements(t);
    expect(p[0]).toEqual({ machines: [2, 3], starts: [µs(1.101)] });
    expect(p[1]).toEqual({ machines: [0], starts: [µs(6.101)] });
  });
});

describe("per-agent fields are checked", () => {
  const one = [job(0, 0, 1, { cpusPerTask: 1, memGbPerTask: 1, durationUs: sec(1) })];
  const block = (extra: Record<string, unknown>): ArchitectureBlock => ({
    ...twoLevel({ minOfferCpus: 1 }),
    ...extra,
  });
  const runBlock = (architecture: ArchitectureBlock) =>
    runJobs(
      monolithicConfig({ horizonUs: sec(5), cluster: { machines: 2, cpus: 4, memGb: 16 }, architecture }),
      one,
    );

  it("refuses per-agent fields with the whole-cell allocator", () => {
    expect(() => runBlock(block({ refuseSeconds: 1 }))).toThrow(/per-agent allocator only/);
  });
  it("refuses overlapping offers, unknown roles and machines outside the cell", () => {
    expect(() => runBlock(block({ allocator: "per-agent", offersPerFramework: "many" }))).toThrow(
      /one batch/,
    );
    expect(() => runBlock(block({ allocator: "per-agent", weights: { nobody: 2 } }))).toThrow(
      /no framework has role/,
    );
    expect(() =>
      runBlock(block({ allocator: "per-agent", reservations: { "batch-0": { machines: [5] } } })),
    ).toThrow(/outside the cell/);
  });
});

describe("OfferFilters", () => {
  // Framework 0 refuses (3 CPU, 8 GB) of agent 1 until 10 s.
  const make = () => {
    const f = new OfferFilters(2);
    f.refuse(0, 1, 3, 8, sec(10));
    return f;
  };
  it("filters offers within the refused room until the expiry, for that framework and agent only", () => {
    const f = make();
    expect(f.filtered(0, 1, 3, 8, sec(9.999999))).toBe(true);
    expect(f.filtered(0, 1, 2, 8, sec(5))).toBe(true);
    expect(f.filtered(0, 1, 4, 8, sec(5))).toBe(false); // the room grew
    expect(f.filtered(1, 1, 3, 8, sec(5))).toBe(false); // another framework
    expect(f.filtered(0, 0, 3, 8, sec(5))).toBe(false); // another agent
    expect(f.filtered(0, 1, 3, 8, sec(10))).toBe(false); // expired at 10 s exactly
  });
  it("revive forgets one framework's filters; clear (master failover) forgets all", () => {
    const f = make();
    f.refuse(1, 1, 3, 8, sec(10));
    f.revive(0);
    expect([f.filtered(0, 1, 3, 8, 0), f.filtered(1, 1, 3, 8, 0)]).toEqual([false, true]);
    f.clear();
    expect(f.filtered(1, 1, 3, 8, 0)).toBe(false);
  });
});
