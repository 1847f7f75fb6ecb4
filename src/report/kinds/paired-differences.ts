/**
 * Paired differences between sweep points. For a seed every sweep point draws its jobs from the
 * same random streams (common random numbers: the same jobs unless the sweep changes the
 * workload), so comparing a point with a baseline seed by seed cancels the noise both share: per
 * seed, the point's value minus the baseline's, then the mean of those differences with its
 * two-sided 95 % Student-t interval (src/metrics/paired.ts). The baseline is the first sweep
 * point; every other point gets one row per metric, a dot at the mean difference and a bar over
 * its interval, with a rule at zero (no difference).
 */
import type { TopLevelSpec } from "vega-lite";
import { InputError } from "../../engine/errors.js";
import type { ResultsFile, RunRecord } from "../../experiment/results-types.js";
import { pairedDifferences, type PairedDifferences } from "../../metrics/paired.js";
import { CHART_CONFIG } from "../chart-style.js";
import { otherParamsLabel, roundSig, uniqueInOrder } from "../sweep.js";
import type { FigureCheckContext, FigureSpec, TableCell } from "../types.js";

const NAME = "paired-differences";
const ROW_HEIGHT = 28;
const PANEL_WIDTH = 260;

/** A per-run value compared across points; undefined when the run does not report it. */
interface PairedMetric {
  /** Table and panel label. */
  label: string;
  /** x-axis title, with units. */
  axisTitle: string;
  value: (run: RunRecord) => number | undefined;
}

const METRICS: readonly PairedMetric[] = [
  {
    label: "mean batch wait (s)",
    axisTitle: "Δ mean batch wait (s)",
    value: (run) => run.summary.workloads.batch?.waitFirstSec.mean,
  },
  {
    label: "batch-scheduler busyness",
    axisTitle: "Δ batch-scheduler busyness",
    value: batchBusyness,
  },
];

/** Mean whole-run busyness of the schedulers that serve batch jobs (a monolithic one included). */
function batchBusyness(run: RunRecord): number | undefined {
  const batch = run.summary.schedulers.filter((s) => s.workloads.includes("batch"));
  if (batch.length === 0) return undefined;
  return batch.reduce((sum, s) => sum + s.busyness, 0) / batch.length;
}

/** Why paired differences cannot be drawn: nothing swept, or fewer than 2 seeds. */
export function checkPairedSweep(
  sweepPaths: readonly string[],
  ctx?: FigureCheckContext,
): string | undefined {
  if (sweepPaths.length === 0) {
    return "needs a sweep (e.g. of architecture): it compares every sweep point with the first one";
  }
  if (ctx?.seeds !== undefined && ctx.seeds < 2) {
    return (
      `needs at least 2 seeds for a confidence interval of the paired differences (the experiment has ${ctx.seeds}): ` +
      'set "seeds" to two or more (and "quick.seeds" for --quick, which keeps the first seed by default)'
    );
  }
  return undefined;
}

/** One sweep point: its label and its runs' values by seed. */
interface Point {
  label: string;
  runs: Map<number, RunRecord>;
}

/** Runs grouped by their swept values, in sweep order; labels made unique if two read alike. */
function points(results: ResultsFile): Point[] {
  const byKey = new Map<string, Point>();
  for (const run of results.runs) {
    const key = JSON.stringify(results.experiment.sweepPaths.map((k) => run.params[k] ?? null));
    const point = byKey.get(key) ?? { label: otherParamsLabel(results, run), runs: new Map() };
    point.runs.set(run.seed, run);
    byKey.set(key, point);
  }
  const list = [...byKey.values()];
  const seen = new Map<string, number>();
  for (const p of list) {
    const nth = (seen.get(p.label) ?? 0) + 1;
    seen.set(p.label, nth);
    if (nth > 1) p.label = `${p.label} (#${nth})`;
  }
  return list;
}

/** A table row: a point's paired difference for one metric. */
interface DiffRow {
  point: string;
  metric: PairedMetric;
  diff: PairedDifferences;
}

function values(point: Point, metric: PairedMetric): Map<number, number> {
  const out = new Map<number, number>();
  for (const [seed, run] of point.runs) {
    const v = metric.value(run);
    if (v !== undefined && Number.isFinite(v)) out.set(seed, v);
  }
  return out;
}

function diffRows(baseline: Point, others: Point[]): DiffRow[] {
  const rows: DiffRow[] = [];
  for (const metric of METRICS) {
    const base = values(baseline, metric);
    for (const point of others) {
      const own = values(point, metric);
      if (![...own.keys()].some((seed) => base.has(seed))) continue;
      rows.push({ point: point.label, metric, diff: pairedDifferences(own, base) });
    }
  }
  return rows;
}

/** Builds the figure; throws InputError without a sweep of ≥ 2 points or with fewer than 2 seeds. */
export function buildPairedDifferences(results: ResultsFile): FigureSpec {
  const seeds = uniqueInOrder(results.runs.map((r) => r.seed));
  const problem = checkPairedSweep(results.experiment.sweepPaths, {
    machinesSampled: 0,
    seeds: seeds.length,
  });
  if (problem) throw new InputError(`figure ${NAME} ${problem}`);
  const [baseline, ...others] = points(results);
  if (!baseline || others.length === 0) {
    throw new InputError(`figure ${NAME} needs at least 2 sweep points; the sweep has ${baseline ? 1 : 0}`);
  }
  const rows = diffRows(baseline, others);
  const cell = (v: number | undefined): TableCell => (v === undefined ? "" : roundSig(v));
  return {
    name: NAME,
    title: `Paired differences vs ${baseline.label}`,
    caption: caption(baseline.label, seeds, rows, others.length * METRICS.length - rows.length),
    vegaLiteSpec: pairedSpec(rows, others),
    table: {
      columns: ["point", "metric", "n seeds", "mean difference", "CI low", "CI high"],
      rows: rows.map((r) => [
        r.point,
        r.metric.label,
        r.diff.n,
        cell(r.diff.mean),
        cell(r.diff.low),
        cell(r.diff.high),
      ]),
    },
  };
}

function caption(baseline: string, seeds: number[], rows: DiffRow[], missing: number): string {
  const ns = uniqueInOrder(rows.map((r) => r.diff.n));
  const n = ns.length === 1 ? `n = ${ns[0]} seeds` : "n seeds per row in the table";
  const noInterval = rows.filter((r) => r.diff.n < 2).length;
  return [
    `Each sweep point minus the baseline ${baseline} (the first sweep point), paired by seed:`,
    "for a seed every point draws its jobs from the same random streams (common random numbers), so the difference is taken",
    `run by run (point − baseline, same seed) over seeds ${seeds.join(", ")} (${n}).`,
    "Dots: mean difference; bars: two-sided 95 % Student-t confidence interval of that mean",
    "(n − 1 degrees of freedom); a bar clear of the zero rule is a difference the seeds agree on.",
    "Left: mean batch job wait (waitFirstSec.mean); right: whole-run busyness of the batch",
    "scheduler(s) (mean over the schedulers serving batch jobs).",
    noInterval > 0 ? `${noInterval} row(s) share a single seed with the baseline and have no interval.` : "",
    subPixelNote(rows),
    missing > 0
      ? `${missing} point × metric pair(s) have no value under any seed the baseline also ran (e.g. no batch workload) and are left out.`
      : "",
  ]
    .filter((s) => s !== "")
    .join(" ");
}

/**
 * One panel per metric side by side (their units differ), a row per non-baseline point. Both
 * panels list every point in sweep order, so rows line up and only the first panel labels them.
 */
function pairedSpec(rows: DiffRow[], others: Point[]): TopLevelSpec {
  const order = others.map((p) => p.label);
  const panels = METRICS.map((metric, i) => {
    const mine = rows.filter((r) => r.metric === metric);
    const data = mine.map((r) => ({
      point: r.point,
      mean: roundSig(r.diff.mean),
      low: r.diff.low === undefined ? null : roundSig(r.diff.low),
      high: r.diff.high === undefined ? null : roundSig(r.diff.high),
    }));
    const x = { type: "quantitative", title: metric.axisTitle, scale: { domain: domainOf(mine) } };
    const axis = i === 0 ? { labelLimit: 320 } : null;
    const y = { field: "point", type: "nominal", title: null, scale: { domain: order }, axis };
    return {
      width: PANEL_WIDTH,
      height: Math.max(2, order.length) * ROW_HEIGHT,
      data: { values: data },
      layer: [
        { mark: { type: "rule", color: "#999999", strokeDash: [4, 3] }, encoding: { x: { datum: 0, ...x } } },
        {
          transform: [{ filter: "isValid(datum.low)" }],
          mark: { type: "rule", strokeWidth: 1.5, color: "#4c78a8" },
          encoding: { x: { field: "low", ...x }, x2: { field: "high" }, y },
        },
        {
          mark: { type: "point", filled: true, size: 50, color: "#4c78a8" },
          encoding: { x: { field: "mean", ...x }, y },
        },
      ],
    };
  });
  const spec = { config: CHART_CONFIG, hconcat: panels, resolve: { scale: { x: "independent" } } };
  return spec as unknown as TopLevelSpec;
}

/** Caption words for intervals too narrow to see at their panel's scale ("" when none are). */
function subPixelNote(rows: DiffRow[]): string {
  const thin = METRICS.flatMap((metric) => {
    const mine = rows.filter((r) => r.metric === metric);
    const [lo, hi] = domainOf(mine);
    return mine.filter(
      (r) => r.diff.halfWidth !== undefined && (2 * r.diff.halfWidth * PANEL_WIDTH) / (hi - lo) < 1,
    );
  });
  if (thin.length === 0) return "";
  return `${thin.length} interval(s) are under a pixel wide at their panel's scale (e.g. seeds that all agree exactly); the table gives them.`;
}

/** An x domain holding zero, every mean and every interval; widened when it would be a point. */
function domainOf(rows: DiffRow[]): [number, number] {
  const xs = [0, ...rows.flatMap((r) => [r.diff.mean, r.diff.low ?? 0, r.diff.high ?? 0])];
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  const pad = hi > lo ? (hi - lo) * 0.05 : 1;
  return [roundSig(lo - pad), roundSig(hi + pad)];
}
