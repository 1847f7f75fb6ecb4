import { WORKLOAD_KINDS } from "../cluster/job.js";
import { RngFactory } from "../engine/rng.js";
import type { ArchitectureBlock, RunConfig } from "../experiment/config.js";
import { loadWorkload } from "../experiment/load-workload.js";
import { runOne, simulateWorkload } from "../experiment/run-one.js";
import type { RunSummary } from "../metrics/summary.js";
import type { Plugin } from "../plugins/define.js";
import { registryOf } from "../plugins/load.js";
import type { Registry } from "../plugins/registry.js";
import { workloadFromList } from "../workloads/source.js";
import {
  BUSY_CELL_DECISION_TIMES,
  busyCellConfig,
  cellConfig,
  handJob,
  type DecisionTimesInput,
} from "./busy-cell.js";

/**
 * The architecture conformance suite: what every architecture must do, whoever wrote it. Each
 * check is a plain async function that throws a `ConformanceError` saying what went wrong, so it
 * runs under any test runner (`describeConformance` registers them with vitest).
 */

/** The suite's checks, by name (use these names to skip one, with a reason). */
export const CONFORMANCE_TESTS = [
  "never-overcommits",
  "accounts-for-every-job",
  "deterministic",
  "common-random-numbers",
  "busy-time-adds-up",
  "utilization-in-bounds",
  "wait-one-job",
  "wait-service-job",
  "wait-censored",
] as const;

/** The name of one conformance check. */
export type ConformanceTestName = (typeof CONFORMANCE_TESTS)[number];

/** An architecture under test. */
export interface ConformanceSubject {
  /** Label in test names and messages. */
  name: string;
  /**
   * The `architecture` block as an experiment file writes it. The suite passes the decision
   * times its scenarios assume (ignore them if your architecture has none, and skip the wait
   * checks that depend on them).
   */
  architecture(decisionTime: DecisionTimesInput): ArchitectureBlock;
  /** Plug-ins the architecture (or its placement) comes from; none for built-ins. */
  plugins?: readonly Plugin[];
  /**
   * The runs' placement policy (default `random-first-fit`): name a plug-in's policy to run the
   * suite on a built-in architecture with it.
   */
  placement?: string;
  /** Scheduler names the summary must list, in order (not checked if omitted). */
  schedulers?: readonly string[];
  /** Offers lock resources, as in two-level (then locked CPU must be > 0 on the busy cell). */
  locksResources?: boolean;
  /** Commits may conflict (optimistic concurrency); otherwise no transaction may conflict. */
  mayConflict?: boolean;
  /** Time from a job's arrival on an idle cell to its first attempt, s (two-level: 1.001). */
  firstAttemptDelaySec?: number;
  /** Checks not to run, each with the reason (required). */
  skip?: readonly { test: ConformanceTestName; reason: string }[];
}

/** A conformance check failed: the message says which architecture, which check and why. */
export class ConformanceError extends Error {
  override readonly name = "ConformanceError";
}

/** One check of the suite. */
export interface ConformanceCheck {
  test: ConformanceTestName;
  title: string;
  /** Why it is skipped (from `subject.skip`), or undefined. */
  skipped?: string;
  /** Runs the check; throws a `ConformanceError` if it fails. */
  run(): Promise<void>;
}

const SEED = 1;
const OTHER_SEED = 2;
const sec = (s: number): number => s * 1e6;

function fail(subject: ConformanceSubject, test: ConformanceTestName, message: string): never {
  throw new ConformanceError(`${subject.name}: ${test}: ${message}`);
}

function close(a: number, b: number, tolerance = 1e-6): boolean {
  return Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(a), Math.abs(b));
}

/** The suite's checks for `subject`, in order (skips validated: a name must exist, a reason must be given). */
export function conformanceChecks(subject: ConformanceSubject): ConformanceCheck[] {
  for (const s of subject.skip ?? []) {
    if (!(CONFORMANCE_TESTS as readonly string[]).includes(s.test)) {
      throw new ConformanceError(
        `${subject.name}: skip: unknown check "${s.test}"; checks: ${CONFORMANCE_TESTS.join(", ")}`,
      );
    }
    if (s.reason.trim() === "")
      throw new ConformanceError(`${subject.name}: skip ${s.test}: a reason is required`);
  }
  const registry = registryOf(subject.plugins ?? []);
  const runs = busyRuns(subject, registry);
  const checks: Omit<ConformanceCheck, "skipped">[] = [
    {
      test: "never-overcommits",
      title: "never over-commits a machine (checked after every event) and is busy enough to retry",
      run: async () => {
        let s: RunSummary;
        try {
          s = await runs.checked();
        } catch (e) {
          fail(subject, "never-overcommits", (e as Error).message);
        }
        const names = s.schedulers.map((x) => x.name);
        if (subject.schedulers && names.join(",") !== subject.schedulers.join(",")) {
          fail(
            subject,
            "never-overcommits",
            `schedulers ${names.join(", ")}; expected ${subject.schedulers.join(", ")}`,
          );
        }
        // The busy cell is meant to make placements fail and jobs retry in every architecture.
        if (!((s.workloads.batch?.attemptsMean ?? 0) > 1)) {
          fail(
            subject,
            "never-overcommits",
            "no batch job needed a second attempt: the busy cell was not exercised",
          );
        }
        if (!(s.schedulers.reduce((t, x) => t + x.wastedNoFitSec, 0) > 0)) {
          fail(
            subject,
            "never-overcommits",
            "no attempt ever found no room: the busy cell was not exercised",
          );
        }
      },
    },
    {
      test: "accounts-for-every-job",
      title: "accounts for every submitted job",
      run: async () => accounts(subject, await runs.checked()),
    },
    {
      test: "deterministic",
      title: "is deterministic: same seed → identical summary; another seed differs",
      run: async () => {
        const [a, b, c] = await Promise.all([runs.checked(), runs.unchecked(), runs.otherSeed()]);
        if (JSON.stringify(a) !== JSON.stringify(b))
          fail(subject, "deterministic", "two runs of seed 1 differ");
        if (JSON.stringify(a) === JSON.stringify(c))
          fail(subject, "deterministic", "seeds 1 and 2 give identical summaries");
      },
    },
    {
      test: "common-random-numbers",
      title: "sees the same jobs as every other architecture for a seed (common random numbers)",
      run: async () => {
        for (const [seed, run] of [
          [SEED, runs.checked],
          [OTHER_SEED, runs.otherSeed],
        ] as const) {
          const s = await run();
          const expected = await workloadCounts(subject, registry, seed);
          for (const kind of WORKLOAD_KINDS) {
            const got = s.workloads[kind]?.submitted ?? 0;
            if (got !== expected[kind]) {
              fail(
                subject,
                "common-random-numbers",
                `seed ${seed}: ${got} ${kind} jobs submitted, the workload has ${expected[kind]}`,
              );
            }
          }
        }
      },
    },
    {
      test: "busy-time-adds-up",
      title: "splits busy time exactly into useful + wasted (conflict, no fit)",
      run: async () => busyTime(subject, await runs.checked()),
    },
    {
      test: "utilization-in-bounds",
      title: "reports utilization in [0, 1]; locks resources only if it says so",
      run: async () => utilization(subject, await runs.checked()),
    },
    ...waitChecks(subject, registry),
  ];
  return checks.map((c) => {
    const skip = subject.skip?.find((s) => s.test === c.test);
    return skip ? { ...c, skipped: skip.reason } : c;
  });
}

/** The config with the subject's placement policy, if it names one. */
function withPlacement(subject: ConformanceSubject, config: RunConfig): RunConfig {
  return subject.placement === undefined ? config : { ...config, placement: subject.placement };
}

/** The busy-cell runs, each computed once and shared by the checks. */
function busyRuns(subject: ConformanceSubject, registry: Registry) {
  const cache = new Map<string, Promise<RunSummary>>();
  const get = (seed: number, checkInvariants: boolean): Promise<RunSummary> => {
    const key = `${seed}/${checkInvariants}`;
    let p = cache.get(key);
    if (!p) {
      const config = withPlacement(subject, busyCellConfig(subject.architecture(BUSY_CELL_DECISION_TIMES)));
      p = runOne(config, seed, { checkInvariants, registry });
      cache.set(key, p);
    }
    return p;
  };
  return {
    checked: () => get(SEED, true),
    unchecked: () => get(SEED, false),
    otherSeed: () => get(OTHER_SEED, false),
  };
}

/** Submitted jobs per kind, straight from the workload generator (no architecture involved). */
async function workloadCounts(subject: ConformanceSubject, registry: Registry, seed: number) {
  const config = busyCellConfig(subject.architecture(BUSY_CELL_DECISION_TIMES));
  const c = config.cluster;
  const w = await loadWorkload(config, c.machines * c.cpus, new RngFactory(seed), registry);
  const counts = { batch: 0, service: 0 };
  for (let j = w.next(); j !== undefined; j = w.next()) counts[j.kind]++;
  return counts;
}

function accounts(subject: ConformanceSubject, s: RunSummary): void {
  const t = "accounts-for-every-job";
  for (const kind of WORKLOAD_KINDS) {
    const w = s.workloads[kind];
    if (!w || w.submitted === 0) fail(subject, t, `no ${kind} job was submitted`);
    if (w.fullyScheduled + w.abandoned + w.pending !== w.submitted) {
      fail(
        subject,
        t,
        `${kind}: ${w.fullyScheduled} fully scheduled + ${w.abandoned} abandoned + ${w.pending} pending ≠ ${w.submitted} submitted`,
      );
    }
    if (w.fullyScheduled > w.scheduled || w.scheduled > w.submitted)
      fail(subject, t, `${kind}: scheduled counts out of order`);
    // Waits are over all submitted jobs: those not yet there are censored, never dropped.
    if (w.waitFullSec.censored !== w.submitted - w.fullyScheduled) {
      fail(
        subject,
        t,
        `${kind}: ${w.waitFullSec.censored} full waits censored, expected ${w.submitted - w.fullyScheduled}`,
      );
    }
    if (w.waitFirstSec.censored > w.pending)
      fail(subject, t, `${kind}: more first waits censored than jobs pending`);
  }
}

function busyTime(subject: ConformanceSubject, s: RunSummary): void {
  const t = "busy-time-adds-up";
  for (const x of s.schedulers) {
    const parts = x.usefulSec + x.wastedConflictSec + x.wastedNoFitSec;
    if (!close(x.busyness * s.simulatedSec, parts)) {
      fail(subject, t, `${x.name}: busy ${x.busyness * s.simulatedSec} s ≠ useful + wasted ${parts} s`);
    }
    // One scheduler decides one job at a time, so it is busy at most all the time.
    if (!(x.busyness > 0 && x.busyness <= 1))
      fail(subject, t, `${x.name}: busyness ${x.busyness} outside (0, 1]`);
    // A run shorter than a day has one (partial) day: its median is the run's busyness.
    if (!close(x.busynessDailyMedian, x.busyness, 1e-12)) {
      fail(
        subject,
        t,
        `${x.name}: daily median busyness ${x.busynessDailyMedian} ≠ busyness ${x.busyness} in a one-day run`,
      );
    }
    if (x.transactions.committed + x.transactions.conflicted > x.attempts) {
      fail(subject, t, `${x.name}: more transactions than attempts`);
    }
    if (!subject.mayConflict && x.transactions.conflicted > 0) {
      fail(
        subject,
        t,
        `${x.name}: ${x.transactions.conflicted} conflicts, but the architecture does not declare mayConflict`,
      );
    }
  }
}

function utilization(subject: ConformanceSubject, s: RunSummary): void {
  const t = "utilization-in-bounds";
  const { utilization: u, locked, series } = s.cell;
  for (const [what, v] of [
    ["cpu", u.cpu],
    ["mem", u.mem],
  ] as const) {
    if (!(v > 0 && v <= 1)) fail(subject, t, `${what} utilization ${v} outside (0, 1]`);
  }
  if (u.cpu + locked.cpu > 1 + 1e-9) fail(subject, t, "used + locked CPU exceeds the cell");
  series.cpuUtilization.forEach((x, i) => {
    if (x < 0 || x + (series.lockedCpu[i] ?? 0) > 1 + 1e-9)
      fail(subject, t, `sample ${i}: CPU ${x} out of bounds`);
  });
  if (subject.locksResources && !(locked.cpu > 0))
    fail(subject, t, "declares locksResources but never locked any CPU");
  if (!subject.locksResources && (locked.cpu !== 0 || locked.mem !== 0)) {
    fail(subject, t, `locked ${locked.cpu} CPU / ${locked.mem} memory without declaring locksResources`);
  }
}

/** Hand-worked timelines: waits measured the same way as every other architecture. */
function waitChecks(subject: ConformanceSubject, registry: Registry): Omit<ConformanceCheck, "skipped">[] {
  const delay = subject.firstAttemptDelaySec ?? 0;
  const run = (config: RunConfig, jobs: ReturnType<typeof handJob>[]) =>
    simulateWorkload(withPlacement(subject, config), workloadFromList([], jobs), new RngFactory(1), {
      checkInvariants: true,
      registry,
    });
  const expectNear = (t: ConformanceTestName, what: string, got: number | undefined, want: number) => {
    if (got === undefined || !close(got, want, 1e-9))
      fail(subject, t, `${what} ${got} s, expected ${want} s`);
  };
  return [
    {
      test: "wait-one-job",
      title: `one job on an empty cell waits ${delay} s for its first attempt, is placed after one think time`,
      run: async () => {
        const config = cellConfig(subject.architecture(BUSY_CELL_DECISION_TIMES), { horizonUs: sec(100) });
        const b = run(config, [handJob(0, 0, 5)]).workloads.batch;
        expectNear("wait-one-job", "first-attempt wait", b?.waitFirstSec.mean, delay);
        // Fully placed at the end of one think time: 0.1 s + 5 tasks × 5 ms.
        expectNear("wait-one-job", "full wait", b?.waitFullSec.mean, delay + 0.125);
        if (b?.attemptsMean !== 1) fail(subject, "wait-one-job", `${b?.attemptsMean} attempts, expected 1`);
      },
    },
    {
      test: "wait-service-job",
      title: "a service job alone waits the same way",
      run: async () => {
        const config = cellConfig(subject.architecture(BUSY_CELL_DECISION_TIMES), { horizonUs: sec(100) });
        const w = run(config, [handJob(0, 3, 2, { kind: "service" })]).workloads.service;
        expectNear("wait-service-job", "first-attempt wait", w?.waitFirstSec.mean, delay);
        if (w?.waitFirstSec.censored !== 0) fail(subject, "wait-service-job", "the job's wait was censored");
      },
    },
    {
      test: "wait-censored",
      title: "a job never attempted by the horizon is censored at the horizon",
      run: async () => {
        // Service jobs at 0, 10, 20 s; 60 s per decision; horizon 100 s. Attempts take
        // [d, 60 + d), then the second starts at 60 + 2d (an offer round after the reply, for
        // two-level); the third would start after the horizon.
        const slow = { perJob: "60s", perTask: "0s" };
        const config = cellConfig(subject.architecture({ batch: slow, service: slow }), {
          horizonUs: sec(100),
        });
        const jobs = [0, 10, 20].map((t, i) => handJob(i, t, 1, { kind: "service" }));
        const w = run(config, jobs).workloads.service;
        if (w?.waitFirstSec.censored !== 1 || w.pending !== 2) {
          fail(
            subject,
            "wait-censored",
            `${w?.waitFirstSec.censored} censored / ${w?.pending} pending, expected 1 / 2`,
          );
        }
        const waits = [delay, 60 + 2 * delay - 10, 100 - 20];
        expectNear(
          "wait-censored",
          "mean first wait",
          w.waitFirstSec.mean,
          (waits[0]! + waits[1]! + waits[2]!) / 3,
        );
      },
    },
  ];
}
