/**
 * The report's overview and all-runs tables for a Quasar-study experiment: one row per policy
 * (seeds averaged) with the paper's headline numbers, and one row per run.
 */
import type { QuasarResultsFile, QuasarRunRecord } from "../experiment/results-types.js";
import { policyGroups, seedMean } from "./kinds/quasar-groups.js";
import { formatParamValue, roundSig } from "./sweep.js";
import type { FigureTable, TableCell } from "./types.js";

type Column = [string, (run: QuasarRunRecord) => number | undefined];

/** Mean classification error over the axes a run classified, or undefined. */
function meanClassificationError(run: QuasarRunRecord): number | undefined {
  const axes = Object.values(run.summary.classification?.axes ?? {});
  return axes.length === 0 ? undefined : axes.reduce((t, a) => t + a.mean, 0) / axes.length;
}

const COLUMNS: Column[] = [
  ["perf/target mean", (r) => r.summary.perfVsTarget.mean],
  ["perf/target p10", (r) => r.summary.perfVsTarget.p10],
  ["CPU used", (r) => r.summary.cpu.meanUtilization],
  ["CPU allocated", (r) => r.summary.cpu.meanAllocatedFraction],
  ["CPU reserved", (r) => r.summary.cpu.meanReservedFraction],
  ["allocated − used", (r) => r.summary.cpu.meanGapFraction],
  ["reserved > capacity (run fraction)", (r) => r.summary.cpu.reservedOverCapacityFraction],
  ["admission delay mean (s)", (r) => r.summary.admissionDelaySec.mean],
  ["completion mean (s)", (r) => r.summary.completionSec.mean],
  ["makespan (s)", (r) => r.summary.makespanSec],
  ["classification error (mean over axes)", meanClassificationError],
  ["jobs completed", (r) => r.summary.jobs.completed],
];

function cell(values: (number | undefined)[]): TableCell {
  const xs = values.filter((v): v is number => v !== undefined && Number.isFinite(v));
  return xs.length === 0 ? "–" : roundSig(xs.reduce((a, b) => a + b, 0) / xs.length);
}

/** One row per policy (sweep point), seeds averaged. CPU figures are fractions of capacity. */
export function quasarOverviewTable(results: QuasarResultsFile): FigureTable {
  const groups = policyGroups(results);
  return {
    columns: ["policy", "seeds", ...COLUMNS.map(([name]) => name)],
    rows: groups.map((g) => [g.label, g.runs.length, ...COLUMNS.map(([, f]) => cell(g.runs.map(f)))]),
  };
}

/** One row per run, in runId order. */
export function quasarRunsTable(results: QuasarResultsFile): FigureTable {
  const keys = results.experiment.sweepPaths;
  return {
    columns: ["runId", "seed", "policy", ...keys, ...COLUMNS.map(([name]) => name), "events"],
    rows: results.runs.map((run) => [
      run.runId,
      run.seed,
      run.summary.policy,
      ...keys.map((k) => formatParamValue(run.params[k])),
      ...COLUMNS.map(([, f]) => cell([f(run)])),
      run.summary.eventsProcessed,
    ]),
  };
}

/** Mean perf/target of each policy, for tests and captions. */
export function perfByPolicy(results: QuasarResultsFile): Record<string, number> {
  return Object.fromEntries(
    policyGroups(results).map((g) => [g.label, seedMean(g, (r) => r.summary.perfVsTarget.mean)]),
  );
}
