import type { PerformanceSummary } from "../quasar/summary.js";
import type { RunRecord } from "./results-types.js";

/**
 * results.csv: one row per run × workload kind and per run × scheduler, for spreadsheets and
 * pandas. Columns: run identity, one column per sweep key, run-level figures, then the flattened
 * metrics of the row (`waitFirstSec.p90`, `transactions.conflicted`, …); cells that do not apply
 * to a row are empty. Column order is fixed by first appearance over the sorted runs, so the
 * file is deterministic. A run whose jobs carry a performance model adds one `performance` row
 * (perf/target, CPU used / allocated / reserved, admission delay, completion, makespan,
 * classification error per axis) and one `performance-kind` row per job class (count,
 * perf/target, execution time); per-bin series and the heatmap stay in results.json.
 */

type Row = Map<string, string | number>;

/** Flattens nested objects to dotted keys; arrays of strings join with `+` (scheduler kinds). */
function flatten(value: unknown, prefix: string, into: Row): void {
  if (Array.isArray(value)) into.set(prefix, value.map(String).join("+"));
  else if (typeof value === "object" && value !== null) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix === "" ? k : `${prefix}.${k}`, into);
  } else if (typeof value === "number" || typeof value === "string") into.set(prefix, value);
  else if (typeof value === "boolean") into.set(prefix, String(value));
}

function paramText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

function runColumns(run: RunRecord, sweepPaths: readonly string[]): Row {
  const row: Row = new Map<string, string | number>([
    ["runId", run.runId],
    ["seed", run.seed],
  ]);
  for (const key of sweepPaths) row.set(key, paramText(run.params[key]));
  const s = run.summary;
  row.set("events", s.events);
  row.set("simulatedSec", s.simulatedSec);
  flatten({ utilization: s.cell.utilization, locked: s.cell.locked }, "cell", row);
  // Only runs with failures configured have the columns (`failures.schedulerDownSec`, …).
  if (s.failures) flatten(s.failures, "failures", row);
  return row;
}

function performanceRows(run: RunRecord, s: PerformanceSummary, sweepPaths: readonly string[]): Row[] {
  const base = (): Row => {
    const row = runColumns(run, sweepPaths);
    row.set("policy", s.policy);
    row.set("allocation", s.allocation);
    row.set("scenario", s.scenario);
    row.set("makespanSec", s.makespanSec);
    return row;
  };
  const { binSec: _b, usedCores: _u, allocatedCores: _a, reservedCores: _r, ...cpu } = s.cpu;
  const { sorted: _sorted, ...perf } = s.perfVsTarget;
  const runRow = base();
  runRow.set("row", "performance");
  runRow.set("name", "all");
  flatten(
    {
      capacityCores: s.capacityCores,
      jobs: { submitted: s.jobs.submitted, completed: s.jobs.completed },
      perfVsTarget: perf,
      cpu,
      admissionDelaySec: s.admissionDelaySec,
      completionSec: s.completionSec,
      classification: s.classification ?? {},
    },
    "",
    runRow,
  );
  const kindRows = Object.entries(s.jobs.byKind).map(([kind, k]) => {
    const row = base();
    row.set("row", "performance-kind");
    row.set("name", kind);
    flatten({ jobs: { submitted: k.count }, perfVsTarget: { mean: k.perfVsTargetMean } }, "", row);
    flatten({ executionSec: s.executionSec[kind as keyof typeof s.executionSec] }, "", row);
    return row;
  });
  return [runRow, ...kindRows];
}

function rowsOf(run: RunRecord, sweepPaths: readonly string[]): Row[] {
  const rows: Row[] = [];
  for (const [kind, w] of Object.entries(run.summary.workloads)) {
    const row = runColumns(run, sweepPaths);
    row.set("row", "workload");
    row.set("name", kind);
    flatten(w, "", row);
    rows.push(row);
  }
  for (const sched of run.summary.schedulers) {
    const row = runColumns(run, sweepPaths);
    row.set("row", "scheduler");
    flatten(sched, "", row);
    rows.push(row);
  }
  const performance = run.summary.performance;
  if (performance) rows.push(...performanceRows(run, performance, sweepPaths));
  return rows;
}

/** One CSV cell: empty for undefined, quoted when it holds a quote, comma or line break. */
export function csvCell(value: string | number | undefined): string {
  if (value === undefined) return "";
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The CSV text for `runs` (already sorted by runId). */
export function resultsCsv(runs: readonly RunRecord[], sweepPaths: readonly string[]): string {
  const rows = runs.flatMap((r) => rowsOf(r, sweepPaths));
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    for (const key of row.keys()) {
      if (!seen.has(key)) {
        seen.add(key);
        columns.push(key);
      }
    }
  }
  const lines = [columns.map(csvCell).join(",")];
  for (const row of rows) lines.push(columns.map((c) => csvCell(row.get(c))).join(","));
  return `${lines.join("\n")}\n`;
}
