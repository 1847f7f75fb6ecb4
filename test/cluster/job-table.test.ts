import { describe, expect, it } from "vitest";
import { JobPhase } from "../../src/cluster/job-state.js";
import { JobTable } from "../../src/cluster/job-table.js";
import type { SchedulingObserver } from "../../src/cluster/observer.js";
import { DEFAULT_RETRY } from "../../src/cluster/decision.js";
import { simulateWorkload } from "../../src/experiment/run-one.js";
import { RngFactory } from "../../src/engine/rng.js";
import { cellConfig, handJob } from "../../src/testing/busy-cell.js";
import { workloadFromList } from "../../src/workloads/source.js";

/** An observer that only lists the jobs settled (index, time). */
function settledLog(): { observer: SchedulingObserver; settled: [number, number][] } {
  const settled: [number, number][] = [];
  const ignore = () => {};
  const observer: SchedulingObserver = {
    jobSubmitted: ignore,
    attemptStarted: ignore,
    attemptEnded: ignore,
    jobFullyScheduled: ignore,
    jobAbandoned: ignore,
    allocationChanged: ignore,
    lockedChanged: ignore,
    jobSettled: (job, nowUs) => settled.push([job.index, nowUs]),
  };
  return { observer, settled };
}

describe("the job table holds a job while anything may name it", () => {
  it("a pending job stays; a finished one settles once, at the end of the event", () => {
    const table = new JobTable();
    const { observer, settled } = settledLog();
    const a = table.add(handJob(10, 0, 1));
    const b = table.add(handJob(11, 0, 1));
    table.hold(a); // a task group of job 0 runs
    a.phase = JobPhase.FullyScheduled;
    table.phaseChanged(a);
    table.settleFinished(observer, 5);
    expect(table.byIndex).toEqual([a, b]);
    table.release(a); // its group ended…
    table.phaseChanged(a); // …and it was listed twice in the event
    table.settleFinished(observer, 7);
    expect(settled).toEqual([[0, 7]]);
    expect(table.byIndex).toEqual([undefined, b]);
    expect([...table.held()]).toEqual([b]);
    expect(() => table.get(0)).toThrow(/job index 0 names no job held by the model/);
  });

  it("an abandoned job with no task running settles at once", () => {
    const table = new JobTable();
    const { observer, settled } = settledLog();
    const a = table.add(handJob(10, 0, 1));
    a.phase = JobPhase.Abandoned;
    table.phaseChanged(a);
    table.settleFinished(observer, 3);
    expect(settled).toEqual([[0, 3]]);
  });
});

describe("a run lets finished jobs go", () => {
  // One machine of 4 CPUs, zero think time, retries every second: job 0 (4 tasks, 10 s) runs
  // over [0, 10 s). Jobs 1 (1 task) and 2 (8 tasks) arrive at 1 s and 2 s and retry every
  // second, job 2 first from 2 s on (arrivals rank before retries): at 10 s it takes the freed
  // machine with 4 of its 8 tasks, and both are still pending at the 15 s horizon.
  const ZERO = { perJob: "0s", perTask: "0s" };
  const config = cellConfig(
    { type: "monolithic", decisionTime: { batch: ZERO, service: ZERO } },
    {
      horizonUs: 15e6,
      cluster: { machines: 1, cpus: 4, memGb: 16 },
      retry: DEFAULT_RETRY,
      metrics: { samplePeriodUs: 5e6, jobs: true },
    },
  );
  const jobs = [handJob(0, 0, 4), handJob(1, 1, 1), handJob(2, 2, 8)];

  it("job 0 is gone once its tasks ended; the summary counts it all the same", () => {
    const held: (number | undefined)[][] = [];
    const summary = simulateWorkload(config, workloadFromList([], jobs), new RngFactory(1), {
      hooks: { eventDispatched: (_e, table) => held.push(table.map((j) => j?.spec.id)) },
    });
    // The event that ends job 0's tasks (10 s) still shows it; the retries after it do not.
    expect(held.at(-1)).toEqual([undefined, 1, 2]);
    expect(summary.jobs?.outcome).toEqual(["fully-scheduled", "pending", "pending"]);
    expect(summary.workloads.batch).toMatchObject({
      submitted: 3,
      scheduled: 2,
      fullyScheduled: 1,
      pending: 2,
    });
  });
});
