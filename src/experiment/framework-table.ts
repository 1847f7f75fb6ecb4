import type { FrameworkSpread, FrameworkSummary } from "../metrics/summary.js";
import type { RunRecord } from "./results-types.js";
import { idCells, paramColumns, tableText, type Cell } from "./tidy-tables.js";

/**
 * frameworks.csv (docs/metrics.md#frameworks): one row per run × framework, for the runs with
 * framework jobs; null when no run has any. Run identity and swept parameters as in the other
 * tidy tables, then the framework's counts, its completion-time, slowdown and pipeline-makespan
 * spreads, its data locality, its time-mean dominant share and the run's time-mean Jain's index.
 * A value that does not exist (no completed application, no locality) is an empty cell.
 */

const SPREADS = ["completionSec", "slowdown", "pipelineMakespanSec"] as const;
const SPREAD_FIELDS = ["count", "mean", "p50", "p90"] as const;
const COUNTS = [
  "appsSubmitted",
  "appsCompleted",
  "appsFailed",
  "appsUnfinished",
  "jobsSkipped",
  "jobsCancelled",
] as const;
const SHARES = ["localTasks", "remoteTasks", "locality", "dominantShareMean"] as const;

function spreadCells(spread: FrameworkSpread | null): Cell[] {
  return SPREAD_FIELDS.map((k) => spread?.[k]);
}

function frameworkCells(f: FrameworkSummary): Cell[] {
  return [
    f.name,
    ...COUNTS.map((k) => f[k]),
    ...SPREADS.flatMap((k) => spreadCells(f[k])),
    ...SHARES.map((k) => f[k] ?? undefined),
  ];
}

/** frameworks.csv's text, or null when no run has framework jobs. */
export function frameworksCsv(runs: readonly RunRecord[], sweepPaths: readonly string[]): string | null {
  const withFrameworks = runs.filter((r) => r.summary.frameworks !== undefined);
  if (withFrameworks.length === 0) return null;
  const params = paramColumns(withFrameworks, sweepPaths);
  const columns = [
    ...["runId", "seed", ...params.map((p) => p.column), "framework"],
    ...COUNTS,
    ...SPREADS.flatMap((k) => SPREAD_FIELDS.map((d) => `${k}_${d}`)),
    ...SHARES,
    "jainIndexMean",
  ];
  const rows = withFrameworks.flatMap((r) => {
    const section = r.summary.frameworks;
    const jain = section?.jainIndexMean ?? undefined;
    return (section?.byFramework ?? []).map((f) => [...idCells(r, params), ...frameworkCells(f), jain]);
  });
  return tableText({ columns, rows });
}
