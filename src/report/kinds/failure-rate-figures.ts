/**
 * What services and batch jobs lose as machines fail more often, one line per architecture
 * (failure-rate-lines.ts): services' downtime per instance-day, and the batch work thrown away.
 */
import type { ResultsFile } from "../../experiment/results-types.js";
import type { FigureAxes } from "../../plugins/figure-axes.js";
import type { FigureSpec } from "../types.js";
import { buildFailureRateLines } from "./failure-rate-lines.js";

const SEC_PER_DAY = 86_400;

/**
 * Service availability as downtime: (1 − availability) × 86,400 s is how long an average desired
 * service instance was missing per day. Availability itself is 0.99999… at every rate, which a
 * linear axis cannot show apart; the downtime on a log axis can.
 */
export function buildAvailabilityVsFailureRate(results: ResultsFile, axes: FigureAxes): FigureSpec {
  return buildFailureRateLines(results, axes, {
    name: "service-availability-vs-failure-rate",
    title: "Service downtime vs machine failure rate",
    values: (run) => {
      const a = run.summary.workloads.service?.availability;
      return [["service", a === undefined ? undefined : (1 - a) * SEC_PER_DAY]];
    },
    valueColumn: "downtimeSecPerInstanceDay",
    yTitle: "Service downtime per instance-day (s, log)",
    dashBySeries: false,
    caption: [
      "How long service instances were missing because machines failed: (1 − availability) × 86,400 s, the downtime of an average desired instance per day (availability is the time-weighted fraction of desired instances running).",
      "Lower is better; each factor of 10 down is one more nine of availability (0.0864 s/day is 99.9999 %).",
    ],
  });
}

/** Batch (and service) work thrown away by failures, task-hours; services lose none by definition. */
export function buildLostWorkVsFailureRate(results: ResultsFile, axes: FigureAxes): FigureSpec {
  return buildFailureRateLines(results, axes, {
    name: "lost-work-vs-failure-rate",
    title: "Lost work vs machine failure rate",
    values: (run) =>
      Object.entries(run.summary.workloads).map(([kind, w]) => [
        kind,
        w.lostTaskSec === undefined ? undefined : w.lostTaskSec / 3600,
      ]),
    valueColumn: "lostTaskHours",
    yTitle: "Lost work (task-hours, log)",
    dashBySeries: true,
    caption: [
      "Run time of lost tasks thrown away (lostTaskSec, in task-hours): work done since the task's last checkpoint when its machine failed, redone by its re-run.",
      "Lower is better. A lost service instance throws no work away (its loss shows as downtime instead), so services are 0 and only drawn if a plug-in's model says otherwise.",
    ],
  });
}
