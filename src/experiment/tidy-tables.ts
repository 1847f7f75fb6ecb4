import { parseDurationUs, usToSec } from "../engine/time.js";
import { windowSpanSec } from "../metrics/scheduler-series.js";
import type { JobRecords, RunSummary, SchedulerWindowSeries, WorkloadSummary } from "../metrics/summary.js";
import { csvCell } from "./results-csv.js";
import type { RunRecord } from "./results-types.js";

/**
 * The tidy tables beside results.csv (docs/metrics.md): runs.csv (one row per run),
 * workloads.csv (run × workload kind), schedulers.csv (run × scheduler) and, when
 * `metrics.jobs` is on, jobs.csv (run × submitted job, written gzipped) and, when
 * `metrics.schedulerSeries` is on, scheduler-series.csv (run × scheduler × window); frameworks.csv
 * (run × framework) is in framework-table.ts. Every cell
 * is a number, a plain string or empty: no JSON, no units inside a cell. Cell-model runs only.
 *
 * Swept parameters get a column each. One rule for durations: a swept path any of whose values
 * is a duration string (`"0.1s"`, `"5m"`) becomes the column `<path>_sec`, in seconds (a bare
 * number there is already seconds, as in the experiment file). An object (a swept architecture
 * block) becomes its `name`, else its `type`; a list joins with `|`.
 */

/** A cell of a tidy table: a number, a plain string or empty. */
export type Cell = string | number | undefined;
/** A tidy table: its header and rows. */
export type Table = { columns: string[]; rows: Cell[][] };

/** The CSV text of a table. */
export function tableText({ columns, rows }: Table): string {
  const lines = [columns.map(csvCell).join(",")];
  for (const row of rows) lines.push(row.map(csvCell).join(","));
  return `${lines.join("\n")}\n`;
}

function isDurationString(value: unknown): boolean {
  return typeof value === "string" && typeof parseDurationUs(value) === "number";
}

/** A swept value as one plain cell (durations handled by the column, see above). */
function plainCell(value: unknown, asSeconds: boolean): Cell {
  if (asSeconds) {
    const us = parseDurationUs(value);
    return typeof us === "number" ? usToSec(us) : undefined;
  }
  if (typeof value === "number" || typeof value === "string") return value;
  if (typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return value.map((v) => String(plainCell(v, false) ?? "")).join("|");
  if (typeof value === "object" && value !== null) {
    const { name, type } = value as { name?: unknown; type?: unknown };
    if (typeof name === "string") return name;
    if (typeof type === "string") return type;
  }
  return undefined;
}

/** A swept path and its column (durations in seconds, `<path>_sec`). */
export interface ParamColumn {
  path: string;
  column: string;
  asSeconds: boolean;
}

/** The columns of the swept paths over these runs. */
export function paramColumns(runs: readonly RunRecord[], sweepPaths: readonly string[]): ParamColumn[] {
  return sweepPaths.map((path) => {
    const asSeconds = runs.some((r) => isDurationString(r.params[path]));
    return { path, column: asSeconds ? `${path}_sec` : path, asSeconds };
  });
}

/** runId, seed and the swept parameters of a run (the leading cells of every table). */
export function idCells(run: RunRecord, params: readonly ParamColumn[]): Cell[] {
  return [run.runId, run.seed, ...params.map((p) => plainCell(run.params[p.path], p.asSeconds))];
}

const RUN_METRICS = ["events", "simulatedSec", "cpuUtilization", "memUtilization", "lockedCpu", "lockedMem"];

function runMetrics(s: RunSummary): Cell[] {
  const c = s.cell;
  return [s.events, s.simulatedSec, c.utilization.cpu, c.utilization.mem, c.locked.cpu, c.locked.mem];
}

/** The keys of `summary.failures` over the runs, in order of first appearance (none: no failures). */
function failureKeys(runs: readonly RunRecord[]): string[] {
  const keys = new Set<string>();
  for (const r of runs) for (const k of Object.keys(r.summary.failures ?? {})) keys.add(k);
  return [...keys];
}

/** Some run has machines that can fail: workloads.csv gets the lost-work columns (else as before). */
function withMachineFailures(runs: readonly RunRecord[]): boolean {
  return runs.some((r) => r.summary.failures?.machineFailures !== undefined);
}

/** runs.csv: one row per run; with failures configured, a `failures.<key>` column per key. */
export function runsCsv(runs: readonly RunRecord[], sweepPaths: readonly string[]): string {
  const params = paramColumns(runs, sweepPaths);
  const failures = failureKeys(runs);
  const columns = [
    "runId",
    "seed",
    ...params.map((p) => p.column),
    ...RUN_METRICS,
    ...failures.map((k) => `failures.${k}`),
  ];
  const rows = runs.map((r) => {
    const f = (r.summary.failures ?? {}) as Record<string, number | undefined>;
    return [...idCells(r, params), ...runMetrics(r.summary), ...failures.map((k) => f[k])];
  });
  return tableText({ columns, rows });
}

const DIST = ["mean", "p50", "p90", "p99", "censored"] as const;
const WORKLOAD_COUNTS = [
  "submitted",
  "scheduled",
  "fullyScheduled",
  "abandoned",
  "pending",
  "attemptsMean",
] as const;

/** Failures on: per kind (availability and recovery for services; empty for batch). */
const LOSS_COLUMNS = [
  "tasksLost",
  "lostTaskSec",
  "restarts",
  "availability",
  "timeToRecoverSec_mean",
  "timeToRecoverSec_p90",
] as const;

function lossCells(w: WorkloadSummary): Cell[] {
  const recover = w.timeToRecoverSec;
  return [w.tasksLost, w.lostTaskSec, w.restarts, w.availability, recover?.mean, recover?.p90];
}

/** Trace replay without machine failures (docs/traces.md): its re-runs lost to failures only. */
const REPLAY_LOSS_COLUMNS = ["tasksLost", "lostTaskSec"] as const;

/** Columns of runs with preemption on (docs/preemption.md); left out when no run has them. */
const PREEMPTION_COLUMNS = ["preemptions", "preemptedTaskSec"] as const;

/** workloads.csv: one row per run × workload kind. */
export function workloadsCsv(runs: readonly RunRecord[], sweepPaths: readonly string[]): string {
  const params = paramColumns(runs, sweepPaths);
  const waits = ["waitFirstSec", "waitFullSec"] as const;
  const failures = withMachineFailures(runs);
  const preempts = runs.some((r) =>
    Object.values(r.summary.workloads).some((w) => w.preemptions !== undefined),
  );
  const extra = preempts ? PREEMPTION_COLUMNS : [];
  const replayLoss =
    !failures && runs.some((r) => Object.values(r.summary.workloads).some((w) => w.tasksLost !== undefined))
      ? REPLAY_LOSS_COLUMNS
      : [];
  const columns = [
    ...["runId", "seed", ...params.map((p) => p.column), "kind"],
    ...WORKLOAD_COUNTS,
    ...waits.flatMap((w) => DIST.map((d) => `${w}_${d}`)),
    ...(failures ? LOSS_COLUMNS : replayLoss),
    ...extra,
  ];
  const rows = runs.flatMap((r) =>
    Object.entries(r.summary.workloads).map(([kind, w]) => [
      ...idCells(r, params),
      kind,
      ...WORKLOAD_COUNTS.map((k) => w[k]),
      ...waits.flatMap((name) => DIST.map((d) => w[name][d])),
      ...(failures ? lossCells(w) : replayLoss.map((k) => w[k])),
      ...extra.map((k) => w[k]),
    ]),
  );
  return tableText({ columns, rows });
}

const SCHEDULER_COLUMNS = [
  "scheduler",
  "workloads",
  "busyness",
  "busynessDailyMedian",
  "busynessDailyMad",
  "usefulSec",
  "wastedConflictSec",
  "wastedNoFitSec",
  "attempts",
  "committed",
  "conflicted",
  "conflictFraction",
  "conflictFractionDailyMedian",
];

/** Scheduler failover's columns (only when some run has scheduler failures): empty for the others. */
const FAILOVER_COLUMNS = ["wastedFailureSec", "downSec"];

/** schedulers.csv: one row per run × scheduler. */
export function schedulersCsv(runs: readonly RunRecord[], sweepPaths: readonly string[]): string {
  const params = paramColumns(runs, sweepPaths);
  const failover = runs.some((r) => r.summary.schedulers.some((s) => s.downSec !== undefined));
  const columns = [
    "runId",
    "seed",
    ...params.map((p) => p.column),
    ...SCHEDULER_COLUMNS,
    ...(failover ? FAILOVER_COLUMNS : []),
  ];
  const rows = runs.flatMap((r) =>
    r.summary.schedulers.map((s) => [
      ...idCells(r, params),
      ...[s.name, s.workloads.join("|"), s.busyness, s.busynessDailyMedian, s.busynessDailyMad],
      ...[s.usefulSec, s.wastedConflictSec, s.wastedNoFitSec, s.attempts],
      ...[
        s.transactions.committed,
        s.transactions.conflicted,
        s.conflictFraction,
        s.conflictFractionDailyMedian,
      ],
      ...(failover ? [s.wastedFailureSec, s.downSec] : []),
    ]),
  );
  return tableText({ columns, rows });
}

const SERIES_COLUMNS = [
  "scheduler",
  "window",
  "windowStartSec",
  "windowEndSec",
  "queueLengthMean",
  "queueLengthMax",
  "busyness",
  "busynessUseful",
  "busynessWastedConflict",
  "busynessWastedNoFit",
  "attempts",
  "committed",
  "conflicted",
];

/** One row per window; `failover`: the table has the busynessWastedFailure column (last). */
function seriesRows(
  s: SchedulerWindowSeries,
  windowSec: number,
  horizonSec: number,
  failover: boolean,
): Cell[][] {
  return s.queueLengthMean.map((queueMean, i) => {
    const useful = s.busynessUseful[i] as number;
    const conflict = s.busynessWastedConflict[i] as number;
    const noFit = s.busynessWastedNoFit[i] as number;
    const failure = s.busynessWastedFailure?.[i];
    // Without failover the sum is the three parts, as before.
    const busy = failure === undefined ? useful + conflict + noFit : useful + conflict + noFit + failure;
    return [
      ...[s.name, i, ...windowSpanSec(windowSec, horizonSec, i), queueMean, s.queueLengthMax[i]],
      ...[busy, useful, conflict, noFit],
      ...[s.attempts[i], s.committed[i], s.conflicted[i]],
      ...(failover ? [failure] : []),
    ];
  });
}

/**
 * scheduler-series.csv: one row per run × scheduler × window, for the runs that recorded
 * per-scheduler series; null when none did.
 */
export function schedulerSeriesCsv(runs: readonly RunRecord[], sweepPaths: readonly string[]): string | null {
  const recorded = runs.filter((r) => r.summary.schedulerSeries !== undefined);
  if (recorded.length === 0) return null;
  const params = paramColumns(recorded, sweepPaths);
  const failover = recorded.some((r) => r.summary.schedulerSeries?.schedulers[0]?.busynessWastedFailure);
  const columns = [
    "runId",
    "seed",
    ...params.map((p) => p.column),
    ...SERIES_COLUMNS,
    ...(failover ? ["busynessWastedFailure"] : []),
  ];
  const rows = recorded.flatMap((r) => {
    const series = r.summary.schedulerSeries;
    if (!series) return [];
    const id = idCells(r, params);
    return series.schedulers.flatMap((s) =>
      seriesRows(s, series.windowSec, r.summary.simulatedSec, failover).map((row) => [...id, ...row]),
    );
  });
  return tableText({ columns, rows });
}

const JOB_COLUMNS = [
  "runId",
  "seed",
  "jobId",
  "kind",
  "tasks",
  "submitSec",
  "firstAttemptSec",
  "fullyScheduledSec",
  "attempts",
  "outcome",
];

function jobLines(run: RunRecord, j: JobRecords): string[] {
  return j.jobId.map((id, i) =>
    [
      run.runId,
      run.seed,
      id,
      j.kind[i],
      j.tasks[i],
      j.submitSec[i],
      j.firstAttemptSec[i] ?? undefined,
      j.fullyScheduledSec[i] ?? undefined,
      j.attempts[i],
      j.outcome[i],
    ]
      .map(csvCell)
      .join(","),
  );
}

/** jobs.csv (uncompressed): one row per run × submitted job; null when no run recorded jobs. */
export function jobsCsv(runs: readonly RunRecord[]): string | null {
  const recorded = runs.filter((r) => r.summary.jobs !== undefined);
  if (recorded.length === 0) return null;
  const lines = [JOB_COLUMNS.join(",")];
  for (const r of recorded) for (const line of jobLines(r, r.summary.jobs as JobRecords)) lines.push(line);
  return `${lines.join("\n")}\n`;
}
