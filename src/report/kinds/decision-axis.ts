/**
 * The x axis shared by the "…-vs-decision-time" figures: the swept decision time (Omega's t_job,
 * or t_task when only that is swept), in seconds on a log scale.
 */
import { InputError } from "../../engine/errors.js";
import type { ResultsFile } from "../../experiment/results-types.js";
import { powersOfTen } from "../chart-style.js";
import type { FigureAxes, SweptAxisRule } from "../../plugins/figure-axes.js";
import { sweptAxis, type SweepAxis } from "../sweep.js";

// The kind segment is optional: `decisionTime.perJob` is the single-path form (every kind).
const PER_JOB_RE = /decisionTime(?:\.([^.]+))?\.perJob$/;
const PER_TASK_RE = /decisionTime(?:\.([^.]+))?\.perTask$/;

/** The x axis of the decision-time figures: a swept perJob path, else a perTask one. */
export const DECISION_TIME_X: SweptAxisRule = {
  needs: "a swept architecture.decisionTime[.<kind>].perJob (or perTask) path",
  accepts: [PER_JOB_RE, PER_TASK_RE],
};

/** A decision-time sweep axis with its words, e.g. `decision time t_job(service)`. */
export interface DecisionAxis extends SweepAxis {
  /** For legends: `t_job(service)`. */
  symbol: string;
  /** For figure titles: `decision time t_job(service)`. */
  label: string;
  /** For the x axis and table column: `Decision time t_job(service) (s)`. */
  title: string;
}

/** `t_job(service)` for a decision-time path (`t_job` for the single-path form), else undefined. */
export function decisionSymbol(path: string): string | undefined {
  for (const [re, symbol] of [
    [PER_JOB_RE, "t_job"],
    [PER_TASK_RE, "t_task"],
  ] as const) {
    const match = re.exec(path);
    if (!match) continue;
    const segment = match[1] ?? "*";
    return segment === "*" ? symbol : `${symbol}(${segment})`;
  }
  return undefined;
}

/** The figure's decision-time x axis (resolved by the plan); names the figure if it has none. */
export function decisionTimeAxis(results: ResultsFile, axes: FigureAxes): DecisionAxis {
  const axis = axes.x === null ? undefined : sweptAxis(results, axes.x);
  const symbol = axis && decisionSymbol(axis.path);
  if (!axis || symbol === undefined) {
    throw new InputError(
      `figure ${axes.kind} needs ${DECISION_TIME_X.needs}; its x axis is ${axes.x ?? "not set"}`,
    );
  }
  return { ...axis, symbol, label: `decision time ${symbol}`, title: `Decision time ${symbol} (s)` };
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
