/**
 * The x axis shared by the "…-vs-decision-time" figures: the swept decision time (Omega's t_job,
 * or t_task when only that is swept), in seconds on a log scale.
 */
import { InputError } from "../../engine/errors.js";
import type { ResultsFile } from "../../experiment/results-types.js";
import { powersOfTen } from "../chart-style.js";
import { findSweptPath, type SweepAxis } from "../sweep.js";

// The kind segment is optional: `decisionTime.perJob` is the single-path form (every kind).
const PER_JOB_RE = /decisionTime(?:\.([^.]+))?\.perJob$/;
const PER_TASK_RE = /decisionTime(?:\.([^.]+))?\.perTask$/;

/** Why a decision-time figure cannot be drawn for these swept paths, or undefined if it can. */
export function checkDecisionTimeSweep(sweepPaths: readonly string[]): string | undefined {
  const paths = sweepPaths.flatMap((key) => key.split(",").map((p) => p.trim()));
  if (paths.some((p) => PER_JOB_RE.test(p) || PER_TASK_RE.test(p))) return undefined;
  return (
    "needs a swept architecture.decisionTime[.<kind>].perJob (or perTask) path; " +
    `the experiment sweeps ${paths.join(", ") || "nothing"}`
  );
}

/** A decision-time sweep axis with its words, e.g. `decision time t_job(service)`. */
export interface DecisionAxis extends SweepAxis {
  /** For legends: `t_job(service)`. */
  symbol: string;
  /** For figure titles: `decision time t_job(service)`. */
  label: string;
  /** For the x axis and table column: `Decision time t_job(service) (s)`. */
  title: string;
}

/** The swept decision-time path (perJob preferred over perTask), or undefined when none is swept. */
export function findDecisionTimePath(results: ResultsFile): SweepAxis | undefined {
  return findSweptPath(results, PER_JOB_RE) ?? findSweptPath(results, PER_TASK_RE);
}

/** Finds the swept decision time (perJob preferred over perTask); names the figure if none. */
export function decisionTimeAxis(results: ResultsFile, figure: string): DecisionAxis {
  for (const [re, symbol] of [
    [PER_JOB_RE, "t_job"],
    [PER_TASK_RE, "t_task"],
  ] as const) {
    const axis = findSweptPath(results, re);
    if (!axis) continue;
    const segment = re.exec(axis.path)?.[1] ?? "*";
    const which = segment === "*" ? "" : `(${segment})`;
    const label = `decision time ${symbol}${which}`;
    return { ...axis, symbol: `${symbol}${which}`, label, title: `Decision time ${symbol}${which} (s)` };
  }
  throw new InputError(`figure ${figure} ${checkDecisionTimeSweep(results.experiment.sweepPaths)}`);
}

/** Log x encoding over the decision times actually swept, labelled at powers of ten. */
export function decisionTimeX(axis: DecisionAxis, xs: number[]): Record<string, unknown> {
  const positive = xs.filter((x) => x > 0);
  const min = positive.length > 0 ? Math.min(...positive) : 0.01;
  const max = positive.length > 0 ? Math.max(...positive) : 100;
  return {
    field: "decisionTimeSec",
    type: "quantitative",
    title: axis.title,
    // Padded by a factor 1.3 each side so the end points and their error bars are not clipped.
    scale: { type: "log", domain: [min / 1.3, max * 1.3], nice: false },
    axis: { values: powersOfTen(min, max).filter((v) => v >= min && v <= max), format: "~g" },
  };
}
