import type { RunConfig } from "../experiment/config.js";
import type { SchedulerFailureSpec } from "../experiment/failover-schema.js";
import { runOne } from "../experiment/run-one.js";
import type { RunSummary } from "../metrics/summary.js";
import type { Registry } from "../plugins/registry.js";
import { close, fail, withPlacement, type ConformanceCheck, type ConformanceSubject } from "./subject.js";
import { accounts, busyTime } from "./summary-checks.js";

const T = "scheduler-failover";

/**
 * Every failover target of the architecture (its schedulers, and a two-level master) fails at
 * 60 s and 600 s and at random (exponential time to failure, mean 1 min: often enough that some
 * failure lands in a two-level framework's brief offers), down 4–8 s each time (the Mesos
 * paper's measured master failover time).
 */
export function failEverything(names: readonly string[]): SchedulerFailureSpec[] {
  return names.map((scheduler) => ({
    scheduler,
    atUs: [60e6, 600e6],
    timeToFailure: { dist: { type: "exponential", mean: 60e6 }, ceil: false },
    downtime: { dist: { type: "uniform", min: 4e6, max: 8e6 }, ceil: false },
  }));
}

/**
 * The conformance check with scheduler failures on: the busy cell with every failover target
 * failing (`failEverything`) never over-commits a machine (checked after every event), accounts
 * for every job exactly once, splits busy time exactly (wasted-failure included), reports each
 * scheduler down, submits the same jobs as without failures (failures draw from streams of
 * their own), and gives the identical summary for the same seed. Architectures that declare no
 * failover targets (plug-ins without `failoverTargets`) skip it.
 */
export function failoverCheck(
  subject: ConformanceSubject,
  registry: Registry,
  config: RunConfig,
  withoutFailures: () => Promise<RunSummary>,
): Omit<ConformanceCheck, "skipped"> & { skipped?: string } {
  const { type, ...block } = config.architecture;
  const targets = registry.architectures.require(type).failoverTargets(block);
  const title =
    "with every scheduler (and master) failing: no over-commit, every job accounted for once, busy time adds up, same seed → same summary";
  if (targets === undefined)
    return { test: T, title, skipped: "the architecture declares no failover targets", run: async () => {} };
  return {
    test: T,
    title,
    run: async () => {
      if ("refused" in targets) fail(subject, T, `failover refused: ${targets.refused}`);
      const failing: RunConfig = withPlacement(subject, {
        ...config,
        failures: { schedulers: failEverything(targets.names) },
      });
      let s: RunSummary;
      try {
        s = await runOne(failing, 1, { checkInvariants: true, registry });
      } catch (e) {
        fail(subject, T, (e as Error).message);
      }
      accounts(subject, s);
      busyTime(subject, s);
      const base = await withoutFailures();
      for (const [kind, w] of Object.entries(base.workloads)) {
        const got = s.workloads[kind]?.submitted;
        if (got !== w.submitted)
          fail(subject, T, `${got} ${kind} jobs submitted, ${w.submitted} without failures`);
      }
      let sumDown = 0;
      for (const x of s.schedulers) {
        if (x.downSec === undefined || !(x.downSec >= 8))
          fail(subject, T, `${x.name}: downSec ${x.downSec}, expected ≥ 8 s`);
        sumDown += x.downSec;
      }
      const total = s.failures?.schedulerDownSec;
      const master = targets.names.length > s.schedulers.length;
      if (total === undefined || (master ? !(total > sumDown) : !close(total, sumDown)))
        fail(
          subject,
          T,
          `summary.failures.schedulerDownSec ${total}, the schedulers' downSec sum to ${sumDown}`,
        );
      if (!(s.schedulers.reduce((t, x) => t + (x.wastedFailureSec ?? 0), 0) > 0))
        fail(subject, T, "no decision was ever lost to a failure: the failures were not exercised");
      const again = await runOne(failing, 1, { registry });
      if (JSON.stringify(again) !== JSON.stringify(s)) fail(subject, T, "two runs of seed 1 differ");
    },
  };
}
