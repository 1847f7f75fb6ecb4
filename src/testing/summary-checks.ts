import { WORKLOAD_KINDS } from "../cluster/job.js";
import type { RunSummary } from "../metrics/summary.js";
import { close, fail, type ConformanceSubject } from "./subject.js";

/** Conformance checks on one busy-cell run's summary: jobs accounted for, busy time, utilization. */

/** Every submitted job is fully scheduled, abandoned or pending, and its waits counted. */
export function accounts(subject: ConformanceSubject, s: RunSummary): void {
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

/** Busy time is exactly useful + wasted; only optimistic architectures conflict. */
export function busyTime(subject: ConformanceSubject, s: RunSummary): void {
  const t = "busy-time-adds-up";
  for (const x of s.schedulers) {
    const parts = x.usefulSec + x.wastedConflictSec + x.wastedNoFitSec + (x.wastedFailureSec ?? 0);
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

/** Utilization within the cell; resources locked only by architectures that say so. */
export function utilization(subject: ConformanceSubject, s: RunSummary): void {
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
