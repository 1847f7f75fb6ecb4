import type { MachineEvent } from "../cluster/machine-event.js";
import type { FailureSpec, RunConfig } from "../experiment/config.js";
import { runOne } from "../experiment/run-one.js";
import type { RunSummary } from "../metrics/summary.js";
import type { Registry } from "../plugins/registry.js";
import { BUSY_CELL_DECISION_TIMES, busyCellConfig, exponential } from "./busy-cell.js";
import { fail, withPlacement, type ConformanceCheck, type ConformanceSubject } from "./subject.js";
import { accounts } from "./summary-checks.js";

/**
 * Conformance checks with machine failures on the busy cell (docs/failures.md). Two runs: one
 * with a scripted failure schedule (machine events at known times), whose every task start and
 * loss can be checked against it, and one with random machine and rack failures.
 */

const SEED = 1;

/** Random failures on the busy cell: ≈50 machine failures and a few rack failures in its hour. */
export const BUSY_CELL_FAILURES: FailureSpec = {
  machines: { timeToFailure: exponential(2 * 3600e6), timeToRepair: exponential(600e6) },
  domains: { size: 20, timeToFailure: exponential(3 * 3600e6), timeToRepair: exponential(900e6) },
  lostWork: { batch: { checkpointIntervalUs: 60e6 }, service: { restartDelayUs: 10e6 } },
};

/** Scripted lost-work rules: no random process, only the events below. */
const SCRIPTED_FAILURES: FailureSpec = {
  lostWork: { batch: {}, service: { restartDelayUs: 5e6 } },
};

/**
 * The scripted schedule: 20 machines down for 10 minutes each, staggered through the hour; a
 * "rack" of 10 machines down together; machine 0 down twice; a repeated down ignored.
 */
export function scriptedMachineEvents(): MachineEvent[] {
  const s = 1e6;
  const events: MachineEvent[] = [];
  for (let i = 1; i <= 20; i++) {
    const machine = (i * 7) % 100;
    const downUs = (300 + 97 * i) * s;
    events.push({ timeUs: downUs, machine, kind: "down" }, { timeUs: downUs + 600 * s, machine, kind: "up" });
  }
  for (let m = 40; m < 50; m++)
    events.push({ timeUs: 1500 * s, machine: m, kind: "down" }, { timeUs: 2100 * s, machine: m, kind: "up" });
  events.push(
    { timeUs: 200 * s, machine: 0, kind: "down" },
    { timeUs: 250 * s, machine: 0, kind: "down" },
    { timeUs: 400 * s, machine: 0, kind: "up" },
    { timeUs: 900 * s, machine: 0, kind: "down" },
    { timeUs: 1000 * s, machine: 0, kind: "up" },
  );
  return events;
}

/** Down windows [downUs, upUs) per machine of an event list (a repeated down is ignored). */
function downWindows(events: readonly MachineEvent[]): Map<number, [number, number][]> {
  const windows = new Map<number, [number, number][]>();
  const since = new Map<number, number>();
  for (const e of [...events].sort((a, b) => a.timeUs - b.timeUs)) {
    if (e.kind === "down" && !since.has(e.machine)) since.set(e.machine, e.timeUs);
    if (e.kind === "up" && since.has(e.machine)) {
      const list = windows.get(e.machine) ?? [];
      list.push([since.get(e.machine) as number, e.timeUs]);
      windows.set(e.machine, list);
      since.delete(e.machine);
    }
  }
  for (const [m, t] of since) windows.set(m, [...(windows.get(m) ?? []), [t, Infinity]]);
  return windows;
}

/** A task that started: where, and the run it was planned for. */
interface Started {
  machine: number;
  startUs: number;
  endUs: number;
}

/** The failure checks of the suite for `subject`. */
export function failureChecks(
  subject: ConformanceSubject,
  registry: Registry,
): Omit<ConformanceCheck, "skipped">[] {
  const base = (): RunConfig =>
    withPlacement(subject, busyCellConfig(subject.architecture(BUSY_CELL_DECISION_TIMES)));
  const events = scriptedMachineEvents();
  let scripted: Promise<{ summary: RunSummary; started: Started[] }> | undefined;
  const runScripted = () =>
    (scripted ??= (async () => {
      const started: Started[] = [];
      const hooks = {
        tasksStarted: (_s: unknown, machines: readonly number[], startUs: number, endUs: number) => {
          for (const machine of machines) started.push({ machine, startUs, endUs });
        },
      };
      const config = { ...base(), failures: SCRIPTED_FAILURES };
      const summary = await runOne(config, SEED, { checkInvariants: true, registry, hooks }, events);
      return { summary, started };
    })());
  const random = new Map<boolean, Promise<RunSummary>>();
  const runRandom = (checkInvariants: boolean) => {
    let p = random.get(checkInvariants);
    if (!p) {
      p = runOne({ ...base(), failures: BUSY_CELL_FAILURES }, SEED, { checkInvariants, registry });
      random.set(checkInvariants, p);
    }
    return p;
  };
  const guarded = async <T>(test: Parameters<typeof fail>[1], run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (e) {
      fail(subject, test, (e as Error).message);
    }
  };
  return [
    {
      test: "failures-no-placement-on-down-machines",
      title:
        "with machines failing, never places a task on a down machine and never over-commits (checked after every event)",
      run: async () => {
        const t = "failures-no-placement-on-down-machines";
        const { started } = await guarded(t, runScripted);
        const windows = downWindows(events);
        for (const s of started)
          for (const [downUs, upUs] of windows.get(s.machine) ?? [])
            if (s.startUs >= downUs && s.startUs < upUs)
              fail(
                subject,
                t,
                `a task started at ${s.startUs} µs on machine ${s.machine}, down over [${downUs}, ${upUs}) µs`,
              );
        await guarded(t, () => runRandom(true));
      },
    },
    {
      test: "failures-tasks-lost-at-failure-time",
      title: "loses exactly the tasks running on a machine when it fails, at that instant",
      run: async () => {
        const t = "failures-tasks-lost-at-failure-time";
        const { summary, started } = await guarded(t, runScripted);
        const expected = tasksRunningAtFailures(started, downWindows(events));
        const w = summary.workloads;
        const reported =
          (w.batch?.tasksLost ?? 0) + (w.service?.tasksLost ?? 0) + (summary.failures?.prefillTasksLost ?? 0);
        if (expected === 0)
          fail(subject, t, "no task was running on a failing machine: the check was not exercised");
        if (reported !== expected)
          fail(
            subject,
            t,
            `${reported} tasks reported lost; ${expected} were running on machines when they failed`,
          );
      },
    },
    {
      test: "failures-accounts-for-every-job",
      title: "with machines failing, still accounts for every job exactly once; lost tasks come back",
      run: async () => {
        const t = "failures-accounts-for-every-job";
        const s = await guarded(t, () => runRandom(true));
        accounts(subject, s);
        const f = s.failures;
        if (!f || f.machineFailures === 0 || f.domainFailures === 0)
          fail(subject, t, "no machine or rack failed: the check was not exercised");
        for (const kind of ["batch", "service"] as const) {
          const w = s.workloads[kind];
          if (!w || w.tasksLost === undefined || w.restarts === undefined)
            fail(subject, t, `${kind}: no lost-work metrics`);
          if (w.restarts > w.tasksLost)
            fail(subject, t, `${kind}: ${w.restarts} restarts of ${w.tasksLost} lost tasks`);
        }
        if ((s.workloads.batch?.tasksLost ?? 0) === 0)
          fail(subject, t, "no batch task was lost: the check was not exercised");
      },
    },
    {
      test: "failures-deterministic",
      title: "with machines failing, the same seed gives an identical summary",
      run: async () => {
        const t = "failures-deterministic";
        const [a, b] = await guarded(t, () => Promise.all([runRandom(true), runRandom(false)]));
        if (JSON.stringify(a) !== JSON.stringify(b))
          fail(subject, t, "two runs of seed 1 with failures differ");
      },
    },
  ];
}

/**
 * How many tasks were running on a machine when it failed: started before the failure and planned
 * to end after it (a task ending at the failure instant has finished), each counted once (a lost
 * task is gone; its re-run is another start).
 */
function tasksRunningAtFailures(started: Started[], windows: Map<number, [number, number][]>): number {
  const failures = [...windows].flatMap(([m, list]) => list.map(([downUs]) => ({ m, downUs })));
  failures.sort((a, b) => a.downUs - b.downUs || a.m - b.m);
  const gone = new Set<Started>();
  let lost = 0;
  for (const { m, downUs } of failures)
    for (const s of started)
      if (s.machine === m && !gone.has(s) && s.startUs < downUs && s.endUs > downUs) {
        gone.add(s);
        lost++;
      }
  return lost;
}
