import { describe, expect, it } from "vitest";
import type { SchedulerInfo } from "../../src/cluster/architecture.js";
import { JobPhase, JobState, type JobPhaseId } from "../../src/cluster/job-state.js";
import { AttemptOutcome } from "../../src/cluster/observer.js";
import { US_PER_DAY } from "../../src/engine/time.js";
import { jobRecords } from "../../src/metrics/job-records.js";
import { JobLedger } from "../../src/metrics/job-ledger.js";
import { RunMetrics, type CellFacts } from "../../src/metrics/run-metrics.js";
import { SchedulerSeriesRecorder } from "../../src/metrics/scheduler-series.js";
import { SchedulerStats } from "../../src/metrics/scheduler-stats.js";
import { summarizeScheduler, summarizeWaits } from "../../src/metrics/summarize.js";
import { handJob } from "../../src/testing/busy-cell.js";

/**
 * Run metrics at their edges, as mutation testing (docs/design.md, "Mutation testing") found
 * them unchecked: empty capacities and horizons, options left at their defaults, events at time 0,
 * per-job records.
 */

const sec = (s: number) => s * 1e6;
const info: SchedulerInfo = { name: "batch", workloads: ["batch"] };
const prefill = { jobs: 0, tasksPlaced: 0, tasksDropped: 0, cpuFraction: 0 };
const cell: CellFacts = { machines: 1, totalCpus: 4, totalMemGb: 8, prefill };

function job(
  index: number,
  phase: JobPhaseId,
  attempts: number,
  kind: "batch" | "service" = "batch",
): JobState {
  const j = new JobState(index, handJob(100 + index, index, 2, { kind }));
  j.phase = phase;
  j.attempts = attempts;
  return j;
}

describe("RunMetrics: defaults and empty cells", () => {
  it("without a series window it neither asks for queue lengths nor fails when given one", () => {
    const m = new RunMetrics(sec(10), sec(1));
    expect(m.recordsQueueLengths).toBe(false);
    m.registerSchedulers([info]);
    m.queueLengthChanged(0, 0, 3);
    expect(m.summarize([], cell, 0).schedulerSeries).toBeUndefined();
    expect(new RunMetrics(sec(10), sec(1), sec(5)).recordsQueueLengths).toBe(true);
  });

  it("adds per-job records only when asked", () => {
    const m = new RunMetrics(sec(10), sec(1));
    m.registerSchedulers([info]);
    const j = job(0, JobPhase.Pending, 0);
    m.jobSubmitted(j, 0);
    expect(m.summarize([j], cell, 1)).not.toHaveProperty("jobs");
    const recording = new RunMetrics(sec(10), sec(1), undefined, true);
    recording.registerSchedulers([info]);
    recording.jobSubmitted(j, 0);
    expect(recording.summarize([j], cell, 1).jobs?.jobId).toEqual([100]);
  });

  it("a settled job counts as the state it settled in, a held one as its state at the horizon", () => {
    const m = new RunMetrics(sec(10), sec(1));
    m.registerSchedulers([info]);
    const settled = job(0, JobPhase.Pending, 0);
    const held = job(1, JobPhase.Pending, 0);
    m.jobSubmitted(settled, 0);
    m.jobSubmitted(held, sec(1));
    settled.attempts = 2;
    settled.everPlaced = true;
    settled.phase = JobPhase.FullyScheduled;
    m.jobSettled(settled, sec(3));
    // Changes after settling are not seen (the model has let the job go).
    settled.attempts = 9;
    held.attempts = 4;
    held.phase = JobPhase.Abandoned;
    const batch = m.summarize([held], cell, 2).workloads.batch!;
    expect([batch.submitted, batch.scheduled, batch.fullyScheduled, batch.abandoned, batch.pending]).toEqual([
      2, 1, 1, 1, 0,
    ]);
    expect(batch.attemptsMean).toBe(3);
  });

  it("a kind whose jobs were never attempted has attemptsMean 0, not 0/0", () => {
    const m = new RunMetrics(sec(10), sec(1));
    m.registerSchedulers([info]);
    const j = job(0, JobPhase.Pending, 0, "service");
    m.jobSubmitted(j, 0);
    const s = m.summarize([j], cell, 1);
    expect(s.workloads.service?.attemptsMean).toBe(0);
    expect(s.workloads.batch?.attemptsMean).toBe(0);
  });

  it("a cell with no memory and a zero horizon give utilization 0, not NaN", () => {
    const noMem: CellFacts = { ...cell, totalMemGb: 0 };
    const m = new RunMetrics(sec(4), sec(2));
    m.registerSchedulers([info]);
    m.allocationChanged(0, 2, 0);
    const s = m.summarize([], noMem, 0);
    expect(s.cell.utilization).toEqual({ cpu: 0.5, mem: 0 });
    expect(s.cell.series.memUtilization).toEqual([0, 0]);
    expect(s.cell.series.cpuUtilization).toEqual([0.5, 0.5]);

    const zero = new RunMetrics(0, sec(2));
    zero.registerSchedulers([info]);
    zero.allocationChanged(0, 2, 1);
    const z = zero.summarize([], cell, 0);
    expect(z.cell.utilization).toEqual({ cpu: 0, mem: 0 });
    expect(z.cell.locked).toEqual({ cpu: 0, mem: 0 });
  });

  it("further resources: none listed gives no field; listed but never allocated gives 0", () => {
    const m = new RunMetrics(sec(4), sec(2));
    m.registerSchedulers([info]);
    expect(m.summarize([], { ...cell, extra: [] }, 0).cell).not.toHaveProperty("resources");
    const quiet = new RunMetrics(sec(4), sec(2));
    quiet.registerSchedulers([info]);
    expect(quiet.summarize([], { ...cell, extra: [{ name: "ssdGb", total: 10 }] }, 0).cell.resources).toEqual(
      [{ name: "ssdGb", total: 10, utilization: 0 }],
    );
  });
});

describe("summarizeWaits and summarizeScheduler edges", () => {
  it("an event at time 0 is a wait of 0, not a censored job", () => {
    const w = summarizeWaits([0], new Float64Array([0]), new Float64Array([0]), sec(10));
    expect(w).toEqual({ mean: 0, p50: 0, p90: 0, p99: 0, censored: 0 });
  });

  it("only the given rows count", () => {
    const submitUs = new Float64Array([0, sec(1), 0]);
    const eventUs = new Float64Array([sec(5), sec(3), -1]);
    expect(summarizeWaits([1], submitUs, eventUs, sec(10))).toMatchObject({ mean: 2, censored: 0 });
    expect(summarizeWaits([0, 2], submitUs, eventUs, sec(10))).toMatchObject({ mean: 7.5, censored: 1 });
  });

  it("daily conflict fraction is conflicted / committed (1 of 2 → 0.5)", () => {
    const s = new SchedulerStats(1);
    s.attemptEnded(0, sec(1), AttemptOutcome.Useful, true, false);
    s.attemptEnded(sec(2), sec(3), AttemptOutcome.Useful, true, false);
    s.attemptEnded(sec(4), sec(5), AttemptOutcome.WastedConflict, true, true);
    const summary = summarizeScheduler(info, s, US_PER_DAY);
    expect(summary.conflictFractionDailyMedian).toBe(0.5);
    expect(summary.conflictFraction).toBe(0.5);
  });

  it("a zero horizon has busyness 0, not 0/0", () => {
    expect(summarizeScheduler(info, new SchedulerStats(1), 0).busyness).toBe(0);
  });
});

describe("SchedulerSeriesRecorder: an attempt ending at the horizon", () => {
  it("counts in the last window", () => {
    // Horizon 10 s, windows of 5 s: an attempt over [9 s, 10 s) ends exactly at the horizon.
    const r = new SchedulerSeriesRecorder(sec(10), sec(5), [info]);
    r.attemptEnded(0, sec(9), sec(10), AttemptOutcome.Useful, true, false);
    const s = r.series().schedulers[0]!;
    expect(s.attempts).toEqual([0, 1]);
    expect(s.committed).toEqual([0, 1]);
  });
});

describe("jobRecords: one column per field, in submission order", () => {
  /** A recording RunMetrics that saw `jobs` submitted at `submitUs` and settled as they are. */
  function recorded(jobs: readonly JobState[], submitUs: readonly number[], first: number[], full: number[]) {
    const m = new RunMetrics(sec(10), sec(1), undefined, true);
    m.registerSchedulers([info]);
    jobs.forEach((j, i) => {
      m.jobSubmitted(j, submitUs[i]!);
      if (first[i]! >= 0) m.attemptStarted(j, 0, first[i]!);
      if (full[i]! >= 0) m.jobFullyScheduled(j, full[i]!);
    });
    return m.summarize(jobs, cell, 0).jobs!;
  }

  it("outcomes by phase, times in seconds, null for what had not happened", () => {
    const jobs = [
      job(0, JobPhase.FullyScheduled, 2),
      job(1, JobPhase.Abandoned, 5, "service"),
      job(2, JobPhase.Pending, 0),
    ];
    const records = recorded(jobs, [sec(0.5), sec(1), sec(2)], [sec(1.5), sec(3), -1], [sec(4), -1, -1]);
    expect(records).toEqual({
      jobId: [100, 101, 102],
      kind: ["batch", "service", "batch"],
      tasks: [2, 2, 2],
      submitSec: [0.5, 1, 2],
      firstAttemptSec: [1.5, 3, null],
      fullyScheduledSec: [4, null, null],
      attempts: [2, 5, 0],
      outcome: ["fully-scheduled", "abandoned", "pending"],
    });
  });

  it("an event at time 0 is 0 s, not null", () => {
    expect(recorded([job(0, JobPhase.FullyScheduled, 1)], [0], [0], [0])).toMatchObject({
      submitSec: [0],
      firstAttemptSec: [0],
      fullyScheduledSec: [0],
    });
  });

  it("an unknown phase reads as pending", () => {
    const odd = job(0, 7 as JobPhaseId, 1);
    expect(recorded([odd], [0], [0], [0]).outcome).toEqual(["pending"]);
  });

  it("needs a ledger that kept ids and task counts", () => {
    expect(() => jobRecords(new JobLedger(false))).toThrow(/without per-job records/);
  });

  it("the ledger grows past its first rows and keeps every column", () => {
    const many = Array.from({ length: 3000 }, (_, i) => job(i, JobPhase.Pending, 0));
    const records = recorded(
      many,
      many.map((_, i) => i),
      many.map(() => -1),
      many.map(() => -1),
    );
    expect(records.jobId.length).toBe(3000);
    expect([records.jobId[2999], records.submitSec[2999]]).toEqual([3099, 2999 / 1e6]);
  });
});
