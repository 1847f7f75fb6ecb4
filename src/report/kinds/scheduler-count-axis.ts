/**
 * The x axis of the "…-vs-scheduler-count" figures (Omega fig 9): the swept number of batch
 * schedulers of a shared-state architecture (`architecture.schedulers.batch`, 1–32), on a log2
 * scale; plus the per-role aggregation those figures plot (the mean over all schedulers of a role,
 * since the paper reports per-scheduler values, not their sum).
 */
import { InputError } from "../../engine/errors.js";
import type { ResultsFile, RunRecord } from "../../experiment/results-types.js";
import type { SchedulerSummary } from "../../metrics/summary.js";
import type { FigureAxes, SweptAxisRule } from "../../plugins/figure-axes.js";
import { axisValue, roundSig, sweptAxis, type SweepAxis } from "../sweep.js";
import { mean } from "../sweep.js";
import type { SeriesTable } from "./series.js";

const COUNT_RE = /^architecture\.schedulers\.batch$/;
const RATE_RE = /^workload\.rateMultiplier(?:\.batch)?$/;

/** Table column and axis title of the scheduler count. */
export const COUNT_TITLE = "Batch schedulers";

/** The x axis of the scheduler-count figures: the swept number of batch schedulers. */
export const COUNT_X: SweptAxisRule = {
  needs: "a swept architecture.schedulers.batch path",
  accepts: [COUNT_RE],
};

/** The figure's scheduler-count x axis (resolved by the plan); names the figure if it has none. */
export function schedulerCountAxis(results: ResultsFile, axes: FigureAxes): SweepAxis {
  if (axes.x !== null) return sweptAxis(results, axes.x);
  throw new InputError(`figure ${axes.kind} needs ${COUNT_X.needs}`);
}

/** A run's batch scheduler count. */
export function countValue(run: RunRecord, axis: SweepAxis): number {
  const value = axisValue(run, axis);
  if (typeof value === "number") return value;
  throw new InputError(
    `results.json run ${run.runId}, ${axis.path}: expected a number, got ${String(value)}`,
  );
}

/** Log2 x over the swept counts, labelled at the counts themselves (1, 2, 4 … 32). */
export function countX(xs: number[]): Record<string, unknown> {
  const values = [...new Set(xs)].sort((a, b) => a - b);
  const min = values[0] ?? 1;
  const max = values.at(-1) ?? 32;
  return {
    field: "x",
    type: "quantitative",
    title: COUNT_TITLE,
    // Padded by a factor 1.2 each side so the end points are not clipped.
    scale: { type: "log", base: 2, domain: [min / 1.2, max * 1.2], nice: false },
    axis: { values, format: "~g" },
  };
}

/** The schedulers that serve only `role` (e.g. every batch scheduler of an Omega cell). */
export function schedulersOf(run: RunRecord, role: string): SchedulerSummary[] {
  return run.summary.schedulers.filter((s) => s.workloads.length === 1 && s.workloads[0] === role);
}

/** Mean of `pick` over the schedulers serving only `role`; undefined when there are none. */
export function roleMean(
  run: RunRecord,
  role: string,
  pick: (s: SchedulerSummary) => number,
): number | undefined {
  const list = schedulersOf(run, role);
  return list.length === 0 ? undefined : mean(list.map(pick));
}

/** When the colour groups are the swept batch rate, says so plainly instead of "batch". */
export function withRateTitle(results: ResultsFile, table: SeriesTable, axis: SweepAxis): SeriesTable {
  const others = results.experiment.sweepPaths.filter((k) => k !== axis.key && k !== table.facet?.key);
  const rateOnly = others.length === 1 && RATE_RE.test(others[0] as string);
  return rateOnly ? { ...table, groupTitle: "batch rate (×)" } : table;
}

/** Legend title of the colour groups when they are the swept batch-scheduler count. */
export const COUNT_LEGEND = "batch schedulers";

/** When the colour groups are the swept batch-scheduler count, the legend says "batch schedulers". */
export function withCountTitle(results: ResultsFile, table: SeriesTable, axis: SweepAxis): SeriesTable {
  const others = results.experiment.sweepPaths.filter((k) => k !== axis.key && k !== table.facet?.key);
  const countOnly = others.length === 1 && COUNT_RE.test(others[0] as string);
  return countOnly ? { ...table, groupTitle: COUNT_LEGEND } : table;
}

/** Conflicted ÷ committed transactions summed over a role's schedulers (the whole-run value). */
export function pooledConflicts(run: RunRecord, role: string): number | undefined {
  const list = schedulersOf(run, role);
  if (list.length === 0) return undefined;
  const committed = list.reduce((a, s) => a + s.transactions.committed, 0);
  const conflicted = list.reduce((a, s) => a + s.transactions.conflicted, 0);
  return roundSig(conflicted / Math.max(1, committed));
}
