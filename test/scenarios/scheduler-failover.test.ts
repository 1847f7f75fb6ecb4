import { describe, expect, it } from "vitest";
import { EventKind } from "../../src/cluster/events.js";
import type { JobSpec } from "../../src/cluster/job.js";
import { RngFactory } from "../../src/engine/rng.js";
import type { RunConfig } from "../../src/experiment/config.js";
import type { SchedulerFailureSpec } from "../../src/experiment/failover-schema.js";
import { simulateWorkload } from "../../src/experiment/run-one.js";
import type { RunSummary } from "../../src/metrics/summary.js";
import { workloadFromList } from "../../src/workloads/source.js";
import { decisionTimes, monolithic, twoLevel } from "../helpers/architectures.js";
import { job, monolithicConfig } from "../helpers/configs.js";

/**
 * Scheduler and master failover, worked out by hand (docs/failover.md). Equal-time order: task
 * ends, scheduler recoveries, scheduler failures, arrivals, retries, decisions, offer rounds,
 * offer deliveries. First-fit placement, so machines are known by hand.
 */

const sec = (s: number) => Math.round(s * 1e6);
/** Seconds compared at µs resolution. */
const µs = (s: number | null | undefined) => (s === null || s === undefined ? null : Math.round(s * 1e6));

/** A failure entry: `scheduler` fails at `atSec` for a fixed `downSec`. */
function failing(scheduler: string, atSec: number[], downSec: number): SchedulerFailureSpec {
  return {
    scheduler,
    atUs: atSec.map(sec),
    downtime: { dist: { type: "constant", value: sec(downSec) }, ceil: false },
  };
}

interface Traced {
  s: RunSummary;
  /** Times (s) of the events of each kind the model dispatched. */
  times: (kind: number) => number[];
}

/** Runs the hand-made jobs with invariant checks, recording every dispatched event. */
function run(config: RunConfig, jobs: JobSpec[]): Traced {
  const events: { kind: number; t: number }[] = [];
  const s = simulateWorkload(config, workloadFromList([], jobs), new RngFactory(1), {
    checkInvariants: true,
    hooks: { eventDispatched: (e) => events.push({ kind: e.kind, t: e.time }) },
  });
  return { s, times: (kind) => events.filter((e) => e.kind === kind).map((e) => e.t / 1e6) };
}

/** Per job id: [first attempt, fully scheduled, attempts] (µs-rounded seconds). */
function attemptsOf(s: RunSummary): Record<number, [number | null, number | null, number]> {
  const j = s.jobs!;
  const out: Record<number, [number | null, number | null, number]> = {};
  j.jobId.forEach((id, i) => {
    out[id] = [µs(j.firstAttemptSec[i]), µs(j.fullyScheduledSec[i]), j.attempts[i]!];
  });
  return out;
}

/** The task timeline: [job id, machine, start, end] per task (µs). */
const tasksOf = (s: RunSummary) =>
  s.timeline!.tasks.map((t) => [t.jobId, t.machine, µs(t.startSec), µs(t.endSec)]);

describe("monolithic: the scheduler fails in the middle of a decision", () => {
  // One machine, 4 CPUs; think time 2 s per job; tasks of 1 CPU run 10 s. The scheduler fails at
  // 1.5 s for 3 s.
  // t=0    J0 arrives; the idle scheduler starts thinking about it (until 2).
  // t=1    J1 arrives and queues.
  // t=1.5  failure: J0's decision is lost after 1.5 s of thinking (wastedFailure 1.5 s); J0 goes
  //        back to the queue head: [J0, J1].
  // t=2    the lost decision's think end is stale: nothing happens.
  // t=4.5  recovery: J0's second attempt, thinking until 6.5.
  // t=6.5  J0 placed on m0, runs [6.5, 16.5); J1's attempt, until 8.5.
  // t=8.5  J1 placed on m0, runs [8.5, 18.5).
  // Useful 2 + 2 = 4 s, wasted by the failure 1.5 s: busy 5.5 s of 30 s. Down 3 s. Attempts 3.
  const config = monolithicConfig({
    horizonUs: sec(30),
    cluster: { machines: 1, cpus: 4, memGb: 16 },
    placement: "first-fit",
    architecture: monolithic(decisionTimes({ perJobUs: sec(2), perTaskUs: 0 })),
    metrics: { samplePeriodUs: sec(1), jobs: true, timeline: true, schedulerSeriesUs: sec(10) },
    failures: { schedulers: [failing("monolithic", [1.5], 3)] },
  });
  const { s, times } = run(config, [job(0, 0, 1), job(1, 1, 1)]);

  it("retries the lost job first after recovery: J0 at 6.5 (not 2), J1 at 8.5", () => {
    expect(attemptsOf(s)).toEqual({ 0: [0, sec(6.5), 2], 1: [sec(6.5), sec(8.5), 1] });
    expect(tasksOf(s)).toEqual([
      [0, 0, sec(6.5), sec(16.5)],
      [1, 0, sec(8.5), sec(18.5)],
    ]);
  });

  it("counts the lost think time as wastedFailure, so busy time still adds up", () => {
    const m = s.schedulers[0]!;
    expect(m.usefulSec).toBe(4);
    expect(m.wastedFailureSec).toBe(1.5);
    expect(m.wastedNoFitSec).toBe(0);
    expect(m.busyness).toBe(5.5 / 30);
    expect(m.attempts).toBe(3);
    expect(m.downSec).toBe(3);
    expect(s.failures).toEqual({ schedulerDownSec: 3 });
  });

  it("splits the lost think time into the series' windows too (10 s windows)", () => {
    // Window 0 = [0, 10): lost [0, 1.5) → 0.15; useful [4.5, 8.5) → 0.4; three attempts end in it.
    const w = s.schedulerSeries!.schedulers[0]!;
    expect(w.busynessWastedFailure).toEqual([0.15, 0, 0]);
    expect(w.busynessUseful).toEqual([0.4, 0, 0]);
    expect(w.attempts).toEqual([3, 0, 0]);
  });

  it("fails and recovers once, at 1.5 and 4.5", () => {
    expect(times(EventKind.SchedulerDown)).toEqual([1.5]);
    expect(times(EventKind.SchedulerUp)).toEqual([4.5]);
  });

  it("a failure at the very end of a think time loses the decision (failures run before decisions)", () => {
    // Fails at 2 (J0's think would end at 2) for 3 s: J0 retried 5 → 7, J1 7 → 9; wasted 2 s.
    const at2 = run({ ...config, failures: { schedulers: [failing("monolithic", [2], 3)] } }, [
      job(0, 0, 1),
      job(1, 1, 1),
    ]).s;
    expect(attemptsOf(at2)).toEqual({ 0: [0, sec(7), 2], 1: [sec(7), sec(9), 1] });
    expect(at2.schedulers[0]!.wastedFailureSec).toBe(2);
  });
});

describe("two-level: master failover", () => {
  // 4 machines × 4 CPUs; offer rounds 1 s after a trigger, delivered 1 ms later; batch thinks
  // 0.1 s per job; minOfferCpus 1. B0 (2 tasks, 30 s) at 0, B1 (1 task) at 10.
  const cell = { machines: 4, cpus: 4, memGb: 16 };
  const base = (failures: SchedulerFailureSpec[]) =>
    monolithicConfig({
      horizonUs: sec(60),
      cluster: cell,
      placement: "first-fit",
      architecture: twoLevel({
        decisionTime: decisionTimes({ perJobUs: sec(0.1), perTaskUs: 0 }),
        minOfferCpus: 1,
      }),
      metrics: { samplePeriodUs: sec(1), jobs: true, timeline: true },
      failures: { schedulers: failures },
    });
  const jobs = [job(0, 0, 2, { durationUs: sec(30) }), job(1, 10, 1, { durationUs: sec(30) })];

  // The master is down over [5, 15).
  // t=0      B0 queued → round at 1 → bulk offer to batch, delivered 1.001; B0 thinks until 1.101.
  // t=1.101  B0 on m0, m0: runs [1.101, 31.101). The reply triggers a round at 2.101: nobody
  //          requests, no offer.
  // t=5      the master fails. B0's tasks keep running.
  // t=10     B1 queued → round at 11: the master is down, no offer.
  // t=15     the master is back; batch requests → round at 16, delivered 16.001, B1 thinks
  //          until 16.101 and runs on m0 [16.101, 46.101).
  const { s, times } = run(base([failing("master", [5], 10)]), jobs);

  it("makes no offer while the master is down; running tasks keep running", () => {
    expect(times(EventKind.OfferDelivered)).toEqual([1.001, 16.001]);
    // Rounds before the first task ends (each task end triggers one more).
    expect(times(EventKind.OfferRound).filter((t) => t < 30)).toEqual([1, 2.101, 11, 16, 17.101]);
    expect(tasksOf(s)).toEqual([
      [0, 0, sec(1.101), sec(31.101)],
      [0, 0, sec(1.101), sec(31.101)],
      [1, 0, sec(16.101), sec(46.101)],
    ]);
    expect(attemptsOf(s)).toEqual({ 0: [sec(1.001), sec(1.101), 1], 1: [sec(16.001), sec(16.101), 1] });
  });

  it("reports the master's down time in summary.failures only (it is not a scheduler)", () => {
    expect(s.failures).toEqual({ schedulerDownSec: 10 });
    expect(s.schedulers.map((x) => [x.name, x.downSec, x.wastedFailureSec])).toEqual([
      ["mesos-batch-0", 0, 0],
      ["mesos-service-0", 0, 0],
    ]);
  });

  it("a master failure rescinds an outstanding offer: the framework's decision is lost", () => {
    // The master fails at 1.05, in the middle of B0's think (1.001 → 1.101), for 4 s: the offer
    // is rescinded, 0.049 s of thinking wasted, B0 back at the queue head. The stale think end at
    // 1.101 does nothing. Back at 5.05 → round at 6.05, delivered 6.051, B0 thinks until 6.151
    // and runs [6.151, 36.151). B1 (queued at 10) → round 11, delivered 11.001, placed 11.101.
    const r = run(base([failing("master", [1.05], 4)]), jobs);
    expect(r.times(EventKind.OfferDelivered)).toEqual([1.001, 6.051, 11.001]);
    expect(attemptsOf(r.s)).toEqual({ 0: [sec(1.001), sec(6.151), 2], 1: [sec(11.001), sec(11.101), 1] });
    expect(µs(r.s.schedulers[0]!.wastedFailureSec)).toBe(sec(0.049));
    expect(µs(r.s.schedulers[0]!.usefulSec)).toBe(sec(0.2));
    expect(r.s.failures).toEqual({ schedulerDownSec: 4 });
    // Locked resources: the offer held all 16 CPUs over [1, 1.05) and [6.05, 6.151), [11, 11.101).
    expect(r.s.cell.locked.cpu * 60 * 16).toBeCloseTo(16 * (0.05 + 0.101) + 14 * 0.101, 6);
  });

  it("a failed framework's offer goes back to the allocator; it gets none until it is back", () => {
    // mesos-batch-0 fails at 1.05 (thinking about B0 in its offer) for 4 s: same lost decision,
    // but the master is up: the returned offer triggers a round at 2.05 where nobody requests.
    // Back at 5.05 → round at 6.05, as above.
    const r = run(base([failing("mesos-batch-0", [1.05], 4)]), jobs);
    expect(r.times(EventKind.OfferRound).filter((t) => t < 30)).toEqual([1, 2.05, 6.05, 7.151, 11, 12.101]);
    expect(attemptsOf(r.s)).toEqual({ 0: [sec(1.001), sec(6.151), 2], 1: [sec(11.001), sec(11.101), 1] });
    expect(r.s.schedulers[0]!.downSec).toBe(4);
    expect(µs(r.s.schedulers[0]!.wastedFailureSec)).toBe(sec(0.049));
  });
});

describe("two-level with overlapping offers: a framework fails while deciding in its offer", () => {
  // offersPerFramework "many": an offer decides on every job queued at its arrival. B0 and B1
  // (1 task each) at 0 → round at 1, delivered 1.001: B0 thinks 1.001 → 1.101, B1 1.101 → 1.201,
  // reply due at 1.201. mesos-batch-0 fails at 1.15 for 2 s: B0's finished think (0.1 s) and
  // B1's think so far (0.049 s) are lost, both back at the queue head in submission order. The
  // returned offer triggers a round at 2.15 (nobody requests: batch is down). Back at 3.15 →
  // round at 4.15, delivered 4.151: B0 4.151 → 4.251, B1 → 4.351, both placed at the reply.
  const config = monolithicConfig({
    horizonUs: sec(30),
    cluster: { machines: 4, cpus: 4, memGb: 16 },
    placement: "first-fit",
    architecture: twoLevel({
      decisionTime: decisionTimes({ perJobUs: sec(0.1), perTaskUs: 0 }),
      minOfferCpus: 1,
      offersPerFramework: "many",
    }),
    metrics: { samplePeriodUs: sec(1), jobs: true },
    failures: { schedulers: [failing("mesos-batch-0", [1.15], 2)] },
  });
  const { s, times } = run(config, [job(0, 0, 1), job(1, 0, 1)]);

  it("loses every decision of the torn-down offer and decides them again after recovery", () => {
    expect(times(EventKind.OfferDelivered)).toEqual([1.001, 4.151]);
    expect(attemptsOf(s)).toEqual({ 0: [sec(1.001), sec(4.351), 2], 1: [sec(1.101), sec(4.351), 2] });
    const b = s.schedulers[0]!;
    expect(µs(b.wastedFailureSec)).toBe(sec(0.149));
    expect(µs(b.usefulSec)).toBe(sec(0.2));
    expect(b.downSec).toBe(2);
  });
});

describe("failure schedules: listed times, the time-to-failure chain, down time at the horizon", () => {
  /** Down and up times (s) and the summary of a monolithic run without jobs, horizon 35 s. */
  function schedule(entry: SchedulerFailureSpec) {
    const config = monolithicConfig({ horizonUs: sec(35), failures: { schedulers: [entry] } });
    const { s, times } = run(config, []);
    return { down: times(EventKind.SchedulerDown), up: times(EventKind.SchedulerUp), s };
  }
  const constant = (value: number) => ({
    dist: { type: "constant" as const, value: sec(value) },
    ceil: false,
  });

  it("a listed failure while down is ignored; the chain runs from each recovery; an open outage counts to the horizon", () => {
    // Chain every 10 s after recovery, 2 s down; listed at 11. Down 10 → up 12 (11 ignored: its
    // event comes, finds the scheduler down); chain 22 → 24; 34 → still down at the horizon 35.
    // Down 2 + 2 + 1 = 5 s.
    const r = schedule({
      scheduler: "monolithic",
      atUs: [sec(11)],
      timeToFailure: constant(10),
      downtime: constant(2),
    });
    expect(r.down).toEqual([10, 11, 22, 34]);
    expect(r.up).toEqual([12, 24]);
    expect(r.s.schedulers[0]!.downSec).toBe(5);
    expect(r.s.failures).toEqual({ schedulerDownSec: 5 });
  });

  it("a chain failure that finds the scheduler down draws its successor at the recovery", () => {
    // Listed at 9 → up 11; the chain's failure at 10 is absorbed; next 11 + 10 = 21 → 23; 33 → 35
    // (events at the horizon run). Down 2 + 2 + 2 = 6 s.
    const r = schedule({
      scheduler: "monolithic",
      atUs: [sec(9)],
      timeToFailure: constant(10),
      downtime: constant(2),
    });
    expect(r.down).toEqual([9, 10, 21, 33]);
    expect(r.up).toEqual([11, 23, 35]);
    expect(r.s.schedulers[0]!.downSec).toBe(6);
  });

  it("times to failure and downtimes draw from streams of their own", () => {
    // Same seed, two downtime distributions: the gaps from each recovery to the next failure are
    // the same draws.
    const ttf = { dist: { type: "exponential" as const, mean: sec(5) }, ceil: false };
    const gaps = (downSec: number) => {
      const r = schedule({
        scheduler: "monolithic",
        atUs: [],
        timeToFailure: ttf,
        downtime: constant(downSec),
      });
      return [r.down[0]!, ...r.up.map((u, i) => r.down[i + 1]! - u).filter((g) => !Number.isNaN(g))].map(
        (g) => Math.round(g * 1e6),
      );
    };
    const short = gaps(0.5);
    const long = gaps(1);
    expect(short.length).toBeGreaterThan(3);
    expect(long.slice(0, 3)).toEqual(short.slice(0, 3));
  });
});
