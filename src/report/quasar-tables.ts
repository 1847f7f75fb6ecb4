/**
 * The report's overview and all-runs tables for a Quasar-study experiment: one row per policy
 * (seeds averaged) with the paper's headline numbers, and one row per run.
 */
import type { ResultsFile, RunRecord } from "../experiment/results-types.js";
import { perfOf, policyGroups, seedMean } from "./kinds/quasar-groups.js";
import { formatParamValue, roundSig } from "./sweep.js";
import type { FigureTable, TableCell } from "./types.js";

type Column = [string, (run: RunRecord) => number | undefined];

/** Mean classification error over the axes a run classified, or undefined. */
function meanClassificationError(run: RunRecord): number | undefined {
  const axes = Object.values(perfOf(run).classification?.axes ?? {});
  return axes.length === 0 ? undefined : axes.reduce((t, a) => t + a.mean, 0) / axes.length;
}

const COLUMNS: Column[] = [
  ["perf/target mean", (r) => perfOf(r).perfVsTarget.mean],
  ["perf/target p10", (r) => perfOf(r).perfVsTarget.p10],
  ["CPU used", (r) => perfOf(r).cpu.meanUtilization],
  ["CPU allocated", (r) => perfOf(r).cpu.meanAllocatedFraction],
  ["CPU reserved", (r) => perfOf(r).cpu.meanReservedFraction],
  ["allocated − used", (r) => perfOf(r).cpu.meanGapFraction],
  ["reserved > capacity (run fraction)", (r) => perfOf(r).cpu.reservedOverCapacityFraction],
  ["admission delay mean (s)", (r) => perfOf(r).admissionDelaySec.mean],
  ["completion mean (s)", (r) => perfOf(r).completionSec.mean],
  ["makespan (s)", (r) => perfOf(r).makespanSec],
  ["classification error (mean over axes)", meanClassificationError],
  ["jobs completed", (r) => perfOf(r).jobs.completed],
];

function cell(values: (number | undefined)[]): TableCell {
  const xs = values.filter((v): v is number => v !== undefined && Number.isFinite(v));
  return xs.length === 0 ? "–" : roundSig(xs.reduce((a, b) => a + b, 0) / xs.length);
}

/** One row per policy (sweep point), seeds averaged. CPU figures are fractions of capacity. */
export function quasarOverviewTable(results: ResultsFile): FigureTable {
  const groups = policyGroups(results);
  return {
    columns: ["policy", "seeds", ...COLUMNS.map(([name]) => name)],
    rows: groups.map((g) => [g.label, g.runs.length, ...COLUMNS.map(([, f]) => cell(g.runs.map(f)))]),
  };
}

/** One row per run, in runId order. */
export function quasarRunsTable(results: ResultsFile): FigureTable {
  const keys = results.experiment.sweepPaths;
  return {
    columns: ["runId", "seed", "policy", ...keys, ...COLUMNS.map(([name]) => name), "events"],
    rows: results.runs.map((run) => [
      run.runId,
      run.seed,
      perfOf(run).policy,
      ...keys.map((k) => formatParamValue(run.params[k])),
      ...COLUMNS.map(([, f]) => cell([f(run)])),
      run.summary.events,
    ]),
  };
}

/** Mean perf/target of each policy, for tests and captions. */
export function perfByPolicy(results: ResultsFile): Record<string, number> {
  return Object.fromEntries(
    policyGroups(results).map((g) => [g.label, seedMean(g, (r) => perfOf(r).perfVsTarget.mean)]),
  );
}
