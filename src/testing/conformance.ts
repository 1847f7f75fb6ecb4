import { WORKLOAD_KINDS } from "../cluster/job.js";
import { RngFactory } from "../engine/rng.js";
import { loadWorkload } from "../experiment/load-workload.js";
import { runOne } from "../experiment/run-one.js";
import type { RunSummary } from "../metrics/summary.js";
import { registryOf } from "../plugins/load.js";
import type { Registry } from "../plugins/registry.js";
import {
  BUSY_CELL_DECISION_TIMES,
  busyCellConfig,
  busyCellWithPreemptionConfig,
  busyCellWithSsdConfig,
  performanceCellConfig,
} from "./busy-cell.js";
import type { RunConfig } from "../experiment/config.js";
import {
  CONFORMANCE_TESTS,
  ConformanceError,
  fail,
  withPlacement,
  type ConformanceCheck,
  type ConformanceSubject,
} from "./subject.js";
import { accounts, busyTime, utilization } from "./summary-checks.js";
import { waitChecks } from "./wait-checks.js";
import { BUSY_CELL_FAILURES, failureChecks } from "./failure-checks.js";
import { failoverCheck } from "./failover-checks.js";
import { frameworkChecks } from "./framework-checks.js";
import { gpuCheck } from "./gpu-checks.js";

export {
  CONFORMANCE_TESTS,
  ConformanceError,
  type ConformanceCheck,
  type ConformanceSubject,
  type ConformanceTestName,
} from "./subject.js";

/**
 * The architecture conformance suite: what every architecture must do, whoever wrote it. Each
 * check is a plain async function that throws a `ConformanceError` saying what went wrong, so it
 * runs under any test runner (`describeConformance` registers them with vitest).
 */

const SEED = 1;
const OTHER_SEED = 2;

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
  const checks: (Omit<ConformanceCheck, "skipped"> & { skipped?: string })[] = [
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
    {
      test: "every-dimension",
      title:
        "respects a further resource dimension (local SSD that binds before CPU): never over-commits it, accounts for every job, reports its utilization in (0, 1]",
      run: async () => {
        const config = withPlacement(
          subject,
          busyCellWithSsdConfig(subject.architecture(BUSY_CELL_DECISION_TIMES)),
        );
        let s: RunSummary;
        try {
          s = await runOne(config, SEED, { checkInvariants: true, registry });
        } catch (e) {
          fail(subject, "every-dimension", (e as Error).message);
        }
        accounts(subject, s);
        const ssd = s.cell.resources?.find((r) => r.name === "ssdGb");
        if (ssd === undefined) fail(subject, "every-dimension", "the summary lists no ssdGb utilization");
        if (!(ssd.utilization > 0 && ssd.utilization <= 1 + 1e-9))
          fail(subject, "every-dimension", `ssdGb utilization ${ssd.utilization} is not in (0, 1]`);
      },
    },
    gpuCheck(subject, registry),
    {
      test: "preempts-safely",
      title:
        "with priorities and preemption on (service 9 over batch 0): never over-commits, accounts for every job once, evicts batch tasks and never a service task, same seed → identical summary; and so with machines failing too",
      run: async () => preemptsSafely(subject, registry),
    },
    ...waitChecks(subject, registry),
    ...failureChecks(subject, registry),
    failoverCheck(subject, registry, busyConfig(subject), runs.checked),
    ...frameworkChecks(subject, registry),
  ];
  return checks.map((c) => {
    const skip = subject.skip?.find((s) => s.test === c.test);
    if (skip) return { ...c, skipped: skip.reason };
    if ("skipped" in c && c.skipped !== undefined) return c;
    // Allocation subjects run the performance cell, whose jobs ask for CPU and memory only (an
    // allocation policy sizes those two; further dimensions are always the job's own request).
    if ((c.test === "every-dimension" || c.test === "gpus") && subject.allocation)
      return { ...c, skipped: "allocation subjects: their jobs ask for CPU and memory only" };
    if (c.test.startsWith("failures-") && subject.allocation)
      return { ...c, skipped: "allocation subjects: machine failures are not modelled for typed cells yet" };
    if (c.test.startsWith("frameworks-") && subject.allocation)
      return { ...c, skipped: "allocation subjects: their cell is the typed performance cell" };
    if (c.test === "preempts-safely" && !subject.preempts)
      return { ...c, skipped: "the subject does not declare preempts" };
    return c;
  });
}

/** The busy cell with preemption on, run twice with seed 1 (invariants checked, then not). */
async function preemptsSafely(subject: ConformanceSubject, registry: Registry): Promise<void> {
  const t = "preempts-safely";
  const config = withPlacement(
    subject,
    busyCellWithPreemptionConfig(subject.architecture(BUSY_CELL_DECISION_TIMES)),
  );
  let s: RunSummary;
  try {
    s = await runOne(config, SEED, { checkInvariants: true, registry });
  } catch (e) {
    fail(subject, t, (e as Error).message);
  }
  accounts(subject, s);
  const batch = s.workloads.batch;
  const service = s.workloads.service;
  if (!((batch?.preemptions ?? 0) > 0 && (batch?.preemptedTaskSec ?? 0) > 0))
    fail(subject, t, `no batch task was preempted (${batch?.preemptions} preemptions)`);
  if (service?.preemptions !== 0 || service.preemptedTaskSec !== 0)
    fail(
      subject,
      t,
      `${service?.preemptions} service tasks preempted; nothing runs below priority 9 but batch`,
    );
  const again = await runOne(config, SEED, { registry });
  if (JSON.stringify(again) !== JSON.stringify(s)) fail(subject, t, "two runs of seed 1 differ");
  // Evictions and machine failures both take tasks off machines: together, still no over-commit,
  // no eviction of a task a failure took already, every job accounted for.
  let failing: RunSummary;
  try {
    failing = await runOne({ ...config, failures: BUSY_CELL_FAILURES }, SEED, {
      checkInvariants: true,
      registry,
    });
  } catch (e) {
    fail(subject, t, `with machines failing too: ${(e as Error).message}`);
  }
  accounts(subject, failing);
  if (!((failing.failures?.machineFailures ?? 0) > 0 && (failing.workloads.batch?.preemptions ?? 0) > 0))
    fail(subject, t, "with machines failing too: expected both machine failures and preemptions");
}

/** The busy runs' config: the performance cell when the subject has an allocation block. */
function busyConfig(subject: ConformanceSubject): RunConfig {
  const architecture = subject.architecture(BUSY_CELL_DECISION_TIMES);
  return subject.allocation
    ? performanceCellConfig(architecture, subject.allocation)
    : busyCellConfig(architecture);
}

/** The busy-cell runs, each computed once and shared by the checks. */
function busyRuns(subject: ConformanceSubject, registry: Registry) {
  const cache = new Map<string, Promise<RunSummary>>();
  const get = (seed: number, checkInvariants: boolean): Promise<RunSummary> => {
    const key = `${seed}/${checkInvariants}`;
    let p = cache.get(key);
    if (!p) {
      const config = withPlacement(subject, busyConfig(subject));
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
  const config = busyConfig(subject);
  const c = config.cluster;
  const w = await loadWorkload(config, c.machines * c.cpus, new RngFactory(seed), registry);
  const counts = { batch: 0, service: 0 };
  for (let j = w.next(); j !== undefined; j = w.next()) counts[j.kind]++;
  return counts;
}
