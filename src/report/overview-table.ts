/**
 * The overview at the top of a report whose experiment sweeps whole architectures: one row per
 * sweep point (variant × decision time × any other swept value), seeds averaged, with the numbers
 * a reader compares first — waits, busyness and conflicts by scheduler role, abandoned jobs,
 * utilization and capacity locked in offers.
 */
import type { ResultsFile, RunRecord } from "../experiment/results-types.js";
import type { SchedulerSummary } from "../metrics/summary.js";
import { sortKinds } from "./chart-style.js";
import { findFacet } from "./facet.js";
import { decisionSymbol } from "./kinds/decision-axis.js";
import { keyParts } from "../plugins/figure-axes.js";
import { formatParamValue, mean, roundSig, uniqueInOrder } from "./sweep.js";
import type { FigureTable, TableCell } from "./types.js";

type RunNumber = (run: RunRecord) => number | undefined;

/** The overview table, or undefined when no architecture (swept object) is swept. */
export function overviewTable(results: ResultsFile): FigureTable | undefined {
  const facet = findFacet(results);
  if (!facet) return undefined;
  const points = pointsOf(results);
  const kinds = sortKinds(results.runs.flatMap((r) => Object.keys(r.summary.workloads)));
  const metrics = metricColumns(kinds);
  const keys = results.experiment.sweepPaths;
  return {
    columns: [...keys.map((k) => keyTitle(results, k)), "seeds", ...metrics.map(([name]) => name)],
    rows: points.map((runs) => {
      const first = runs[0] as RunRecord;
      return [
        ...keys.map((k) => formatParamValue(first.params[k])),
        runs.length,
        ...metrics.map(([, value]) => value(runs)),
      ];
    }),
  };
}

/** Column heading of a swept key: the decision-time symbol, else its last path segment. */
export function keyTitle(results: ResultsFile, key: string): string {
  const symbol = keyParts(key)
    .map(decisionSymbol)
    .find((s) => s !== undefined);
  if (symbol !== undefined) return symbol;
  return key
    .split(",")
    .map((p) => p.trim().split(".").at(-1) ?? p)
    .join("/");
}

/** Runs sharing every swept value, in sweep order (runs are sorted by runId). */
export function pointsOf(results: ResultsFile): RunRecord[][] {
  const byKey = new Map<string, RunRecord[]>();
  for (const run of results.runs) {
    const key = JSON.stringify(results.experiment.sweepPaths.map((k) => run.params[k] ?? null));
    byKey.set(key, [...(byKey.get(key) ?? []), run]);
  }
  return [...byKey.values()];
}

type Metric = [string, (runs: RunRecord[]) => TableCell];

function metricColumns(kinds: string[]): Metric[] {
  const perKind = (title: string, f: (kind: string) => RunNumber): Metric[] =>
    kinds.map((k) => [`${k} ${title}`, (runs) => seedMean(runs, f(k))]);
  const perRole = (title: string, f: (s: SchedulerSummary) => number): Metric[] =>
    kinds.map((k) => [`${title} (${k} sched.)`, (runs) => roleCell(runs, k, f)]);
  return [
    ...perKind("mean wait (s)", (k) => (run) => run.summary.workloads[k]?.waitFirstSec.mean),
    ...perRole("busyness", (s) => s.busynessDailyMedian),
    ...perRole("conflict fraction", (s) => s.conflictFraction),
    ...perKind("abandoned", (k) => (run) => run.summary.workloads[k]?.abandoned),
    ["utilization cpu", (runs) => seedMean(runs, (run) => run.summary.cell.utilization.cpu)],
    ["locked cpu", (runs) => seedMean(runs, (run) => run.summary.cell.locked.cpu)],
  ];
}

function seedMean(runs: RunRecord[], f: RunNumber): TableCell {
  const values = runs.map(f).filter((v): v is number => typeof v === "number" && Number.isFinite(v));
  return values.length === 0 ? "–" : roundSig(mean(values));
}

/**
 * The schedulers serving `kind` (a monolithic one serves every kind, so it appears under each):
 * one number when a single scheduler does, else "name value" pairs, since roles can be shared.
 */
function roleCell(runs: RunRecord[], kind: string, f: (s: SchedulerSummary) => number): TableCell {
  const names = uniqueInOrder(
    runs.flatMap((r) => r.summary.schedulers.filter((s) => s.workloads.includes(kind)).map((s) => s.name)),
  );
  const value = (name: string): TableCell =>
    seedMean(runs, (run) => {
      const s = run.summary.schedulers.find((x) => x.name === name);
      return s ? f(s) : undefined;
    });
  if (names.length === 0) return "–";
  if (names.length === 1) return value(names[0] as string);
  return names.map((n) => `${n} ${String(value(n))}`).join(" · ");
}
