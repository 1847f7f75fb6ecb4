/**
 * The cells of the fig-10 grid: runs grouped by panel (architecture variant, plus any other swept
 * value) × t_job × t_task, averaged over seeds, with whether work was left unscheduled.
 */
import type { ResultsFile, RunRecord } from "../../experiment/results-types.js";
import type { SchedulerSummary } from "../../metrics/summary.js";
import { facetOf } from "../facet.js";
import { axisSeconds, formatParamValue, mean, otherParamsLabel, roundSig, type SweepAxis } from "../sweep.js";

/**
 * Pending jobs at the horizon, as a share of submitted, above which work counts as unscheduled.
 * A few jobs are always in flight when a run stops (just submitted, or waiting out a retry), so
 * "pending > 0" would mark every cell; a saturated scheduler leaves a backlog far above 1%.
 */
export const UNSCHEDULED_SHARE = 0.01;

/** One cell of the grid. */
export interface GridCell {
  panel: string;
  tJob: number;
  tTask: number;
  /** Names of the scheduler(s) whose busyness is shown. */
  scheduler: string;
  seeds: number;
  busyness: number;
  /** Means over seeds. */
  abandoned: number;
  pending: number;
  submitted: number;
  /** Work left unscheduled in at least one seed. */
  unscheduled: boolean;
}

/** The schedulers deciding service jobs: service-only ones, else any that serves service. */
export function serviceSchedulers(run: RunRecord): SchedulerSummary[] {
  const all = run.summary.schedulers;
  const only = all.filter((s) => s.workloads.length === 1 && s.workloads[0] === "service");
  return only.length > 0 ? only : all.filter((s) => s.workloads.includes("service"));
}

/** Job counts summed over workload kinds. */
function counts(run: RunRecord): { abandoned: number; pending: number; submitted: number } {
  const w = Object.values(run.summary.workloads);
  const sum = (pick: (x: (typeof w)[number]) => number): number => w.reduce((a, x) => a + pick(x), 0);
  return {
    abandoned: sum((x) => x.abandoned),
    pending: sum((x) => x.pending),
    submitted: sum((x) => x.submitted),
  };
}

/** True when this run left work unscheduled (see UNSCHEDULED_SHARE). */
export function leftUnscheduled(run: RunRecord): boolean {
  const c = counts(run);
  return c.abandoned > 0 || c.pending > UNSCHEDULED_SHARE * c.submitted;
}

function cellOf(key: { panel: string; tJob: number; tTask: number }, runs: RunRecord[]): GridCell {
  const chosen = runs.map(serviceSchedulers);
  const busy = chosen.flatMap((list) =>
    list.length > 0 ? [mean(list.map((s) => s.busynessDailyMedian))] : [],
  );
  const c = runs.map(counts);
  return {
    ...key,
    scheduler: [...new Set(chosen.flat().map((s) => s.name))].join(", ") || "–",
    seeds: runs.length,
    busyness: roundSig(busy.length > 0 ? mean(busy) : 0),
    abandoned: roundSig(mean(c.map((x) => x.abandoned))),
    pending: roundSig(mean(c.map((x) => x.pending))),
    submitted: roundSig(mean(c.map((x) => x.submitted))),
    unscheduled: runs.some(leftUnscheduled),
  };
}

/** Cells in panel order, then t_job ascending, then t_task ascending. */
export function gridCells(
  results: ResultsFile,
  axes: { job: SweepAxis; task: SweepAxis },
  facetKey: string | null,
): { cells: GridCell[]; panels: string[]; panelTitle: string } {
  const facet = facetOf(results, facetKey);
  const exclude = [axes.job.key, axes.task.key, facet?.key];
  const byKey = new Map<string, { key: { panel: string; tJob: number; tTask: number }; runs: RunRecord[] }>();
  for (const run of results.runs) {
    const parts = [
      facet ? formatParamValue(run.params[facet.key]) : "",
      otherParamsLabel(results, run, exclude),
    ];
    const key = {
      panel: parts.filter((p) => p !== "").join(" · "),
      tJob: axisSeconds(run, axes.job),
      tTask: axisSeconds(run, axes.task),
    };
    const id = JSON.stringify(key);
    const entry = byKey.get(id) ?? { key, runs: [] };
    entry.runs.push(run);
    byKey.set(id, entry);
  }
  const panels = [...new Set([...byKey.values()].map((e) => e.key.panel))];
  const cells = [...byKey.values()].map((e) => cellOf(e.key, e.runs));
  cells.sort(
    (a, b) => panels.indexOf(a.panel) - panels.indexOf(b.panel) || a.tJob - b.tJob || a.tTask - b.tTask,
  );
  return { cells, panels, panelTitle: facet?.title ?? "panel" };
}
