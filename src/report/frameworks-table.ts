/**
 * The Frameworks table of a report whose runs have framework jobs (docs/metrics.md#frameworks):
 * one row per sweep point × framework, seeds averaged (the page says over how many: a column of
 * seeds would push the last columns off a page that the table already fills), with what a reader compares first —
 * applications through, missed slots, completion time and slowdown, data locality and each
 * framework's mean dominant share — and Jain's index once per sweep point (on its first row).
 */
import type { ResultsFile, RunRecord } from "../experiment/results-types.js";
import type { FrameworkSummary } from "../metrics/summary.js";
import { keyTitle, pointsOf } from "./overview-table.js";
import { formatParamValue, mean, roundSig, uniqueInOrder } from "./sweep.js";
import type { FigureTable, TableCell } from "./types.js";

type FrameworkNumber = (f: FrameworkSummary) => number | null | undefined;

/** The metric columns: heading and the per-run number, averaged over seeds. */
const METRICS: [string, FrameworkNumber][] = [
  ["submitted", (f) => f.appsSubmitted],
  ["completed", (f) => f.appsCompleted],
  ["failed", (f) => f.appsFailed],
  ["missed slots", (f) => f.jobsSkipped],
  ["completion mean (s)", (f) => f.completionSec?.mean],
  ["completion p90 (s)", (f) => f.completionSec?.p90],
  ["slowdown mean", (f) => f.slowdown?.mean],
  ["locality (%)", (f) => (f.locality === null ? null : 100 * f.locality)],
  ["dominant share", (f) => f.dominantShareMean],
];

/** Mean over the runs that have a number; "–" when none has. */
function seedMean(values: (number | null | undefined)[]): TableCell {
  const xs = values.filter((v): v is number => typeof v === "number" && Number.isFinite(v));
  return xs.length === 0 ? "–" : roundSig(mean(xs));
}

/** Seeds per sweep point: one number when every point has as many, else undefined. */
export function seedsPerPoint(results: ResultsFile): number | undefined {
  const counts = new Set(pointsOf(results).map((runs) => runs.length));
  return counts.size === 1 ? [...counts][0] : undefined;
}

/** The table, or undefined when no run has framework jobs. */
export function frameworksTable(results: ResultsFile): FigureTable | undefined {
  if (!results.runs.some((r) => r.summary.frameworks !== undefined)) return undefined;
  const keys = results.experiment.sweepPaths;
  const rows = pointsOf(results).flatMap((runs) => pointRows(keys, runs));
  return {
    columns: [
      ...keys.map((k) => keyTitle(results, k)),
      "framework",
      ...METRICS.map(([name]) => name),
      "Jain's index",
    ],
    rows,
  };
}

/** One row per framework of the point (in order of appearance); none when it has no frameworks. */
function pointRows(keys: string[], runs: RunRecord[]): TableCell[][] {
  const withFw = runs.filter((r) => r.summary.frameworks !== undefined);
  const names = uniqueInOrder(
    withFw.flatMap((r) => r.summary.frameworks?.byFramework.map((f) => f.name) ?? []),
  );
  const first = runs[0] as RunRecord;
  const jain = seedMean(withFw.map((r) => r.summary.frameworks?.jainIndexMean));
  return names.map((name, i) => {
    const of = (value: FrameworkNumber) =>
      seedMean(
        withFw.map((r) => {
          const f = r.summary.frameworks?.byFramework.find((x) => x.name === name);
          return f === undefined ? undefined : value(f);
        }),
      );
    return [
      ...keys.map((k) => formatParamValue(first.params[k])),
      name,
      ...METRICS.map(([, value]) => of(value)),
      i === 0 ? jain : "",
    ];
  });
}
