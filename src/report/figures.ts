/**
 * The figure kinds an experiment can ask for (`"figures": [...]`), each registered by name in
 * this one place. A figure is a pure function of results.json: same results → same spec, same
 * table, and (see render.ts) the same SVG bytes. This file imports no vega runtime, so the
 * experiment schema can validate names against it cheaply.
 */
import { InputError } from "../engine/errors.js";
import type { ResultsFile } from "../experiment/results-types.js";
import { dataProblem } from "../plugins/figure-model.js";
import { buildAbandonedVsDecisionTime } from "./kinds/abandoned-vs-decision-time.js";
import { buildUnscheduledFractionVsDecisionTime } from "./kinds/unscheduled-fraction-vs-decision-time.js";
import { buildBusynessGrid, GRID_X, GRID_Y } from "./kinds/busyness-grid.js";
import {
  buildBatchBusynessVsArrivalRate,
  buildBatchConflictFractionVsArrivalRate,
} from "./kinds/batch-vs-arrival-rate.js";
import { buildBusynessVsArrivalRate } from "./kinds/busyness-vs-arrival-rate.js";
import { buildBusynessVsDecisionTime } from "./kinds/busyness-vs-decision-time.js";
import { buildConflictFractionVsDecisionTime } from "./kinds/conflict-fraction-vs-decision-time.js";
import { DECISION_TIME_X } from "./kinds/decision-axis.js";
import { buildMachineGpuHeatmap, buildMachineHeatmap } from "./kinds/machine-utilization-heatmap.js";
import { buildClassificationAdmission } from "./kinds/classification-admission.js";
import { buildCpuUsedAllocatedReserved } from "./kinds/cpu-used-allocated-reserved.js";
import { buildPairedDifferences, checkPairedSweep } from "./kinds/paired-differences.js";
import { buildPerfVsTargetSorted } from "./kinds/perf-vs-target-sorted.js";
import { buildQuasarHeatmap } from "./kinds/quasar-heatmap.js";
import { RATE_X } from "./kinds/rate-axis.js";
import { COUNT_X } from "./kinds/scheduler-count-axis.js";
import { buildUtilizationOverTime } from "./kinds/utilization-over-time.js";
import { RUN_CHOICE_X } from "./kinds/run-choice.js";
import { buildWaitVsArrivalRate } from "./kinds/wait-vs-arrival-rate.js";
import { buildWaitVsDecisionTime } from "./kinds/wait-vs-decision-time.js";
import { buildSchedulerSeries } from "./kinds/scheduler-series.js";
import { buildTaskTimeline, checkTimeline } from "./kinds/task-timeline.js";
import {
  buildBusynessVsSchedulerCount,
  buildConflictFractionVsSchedulerCount,
} from "./kinds/vs-scheduler-count.js";
import { buildCapacityAroundFailures } from "./kinds/capacity-around-failures.js";
import { FAILURE_RATE_X } from "./kinds/failure-rate-axis.js";
import { buildAvailabilityVsFailureRate, buildLostWorkVsFailureRate } from "./kinds/failure-rate-figures.js";
import { buildFrameworkCompletionCdf, buildFrameworkSharesOverTime } from "./kinds/framework-figures.js";
import { buildLocalityVsDelay, DELAY_X } from "./kinds/locality-vs-delay.js";
import type { FigureKind, FigureSpec } from "./types.js";
import { entryKind, type FigureAxes, type FigureEntryInput } from "../plugins/figure-axes.js";
import { reportAxes } from "./figure-axes.js";

/** Registered figure kinds, by the name used in experiment files. */
export const FIGURE_KINDS = {
  "wait-vs-decision-time": {
    description:
      "Mean job wait (first attempt) vs swept decision time; log–log, 30 s SLO rule, solid batch / dashed service (Omega fig 5)",
    build: buildWaitVsDecisionTime,
    axes: { x: DECISION_TIME_X },
  },
  "busyness-vs-decision-time": {
    description:
      "Scheduler busyness, daily median ± MAD, vs swept decision time; one line per scheduler (Omega fig 6)",
    build: buildBusynessVsDecisionTime,
    axes: { x: DECISION_TIME_X },
  },
  "conflict-fraction-vs-decision-time": {
    description:
      "Conflict fraction per scheduler (daily median; whole-run value in the table) vs swept decision time; solid batch / dashed service schedulers (Omega figs 9, 14)",
    build: buildConflictFractionVsDecisionTime,
    axes: { x: DECISION_TIME_X },
  },
  "abandoned-vs-decision-time": {
    description:
      "Jobs abandoned at the attempt limit per workload kind vs swept decision time; solid batch / dashed service (Omega fig 7c)",
    build: buildAbandonedVsDecisionTime,
    axes: { x: DECISION_TIME_X },
  },
  "unscheduled-fraction-vs-decision-time": {
    description:
      "Fraction of submitted jobs not fully scheduled by the horizon (abandoned or waiting) per workload kind vs swept decision time; solid batch / dashed service (Omega fig 7c)",
    build: buildUnscheduledFractionVsDecisionTime,
    axes: { x: DECISION_TIME_X },
  },
  "wait-vs-arrival-rate": {
    description:
      "Mean job wait vs swept batch arrival-rate multiplier (linear x, log y, 30 s SLO); colour per cluster, solid batch / dashed service; saturation rules (Omega fig 8)",
    build: buildWaitVsArrivalRate,
    axes: { x: RATE_X },
  },
  "busyness-vs-arrival-rate": {
    description:
      "Scheduler busyness (daily median ± MAD) vs swept batch arrival-rate multiplier (linear x); saturation rules at busyness ≥ 0.95 or a growing queue (Omega fig 8)",
    build: buildBusynessVsArrivalRate,
    axes: { x: RATE_X },
  },
  "batch-conflict-fraction-vs-arrival-rate": {
    description:
      "Batch schedulers' conflict fraction (daily median, mean per batch scheduler; pooled value in the table) vs swept batch arrival-rate multiplier (linear x); one line per other swept value, e.g. the number of batch schedulers (Omega fig 9a)",
    build: buildBatchConflictFractionVsArrivalRate,
    axes: { x: RATE_X },
  },
  "batch-busyness-vs-arrival-rate": {
    description:
      "Per-scheduler busyness of the batch schedulers (daily median ± MAD, mean per batch scheduler) vs swept batch arrival-rate multiplier (linear x); one line per other swept value, e.g. the number of batch schedulers; 0.95 reference and saturation rules (Omega fig 9b)",
    build: buildBatchBusynessVsArrivalRate,
    axes: { x: RATE_X },
  },
  "conflict-fraction-vs-scheduler-count": {
    description:
      "Conflict fraction (mean per scheduler of a role) vs swept architecture.schedulers.batch (log2 x); colour per relative batch rate, solid batch / dashed service (Omega fig 9a, by scheduler count)",
    build: buildConflictFractionVsSchedulerCount,
    axes: { x: COUNT_X },
  },
  "busyness-vs-scheduler-count": {
    description:
      "Per-scheduler busyness (daily median ± MAD, mean over a role's schedulers) vs swept architecture.schedulers.batch (log2 x); colour per relative batch rate, solid batch / dashed service (Omega fig 9b, by scheduler count)",
    build: buildBusynessVsSchedulerCount,
    axes: { x: COUNT_X },
  },
  "busyness-grid": {
    description:
      "Service-scheduler busyness heatmap over swept t_job(service) × t_task(service), a panel per architecture; unscheduled cells outlined red (Omega fig 10)",
    build: buildBusynessGrid,
    axes: { x: GRID_X, y: GRID_Y },
  },
  "utilization-over-time": {
    description:
      "Cell CPU and memory utilization (solid) and capacity locked in offers (dashed) over simulated time, for the first, middle and last run of each sweep group (first seed)",
    build: buildUtilizationOverTime,
    axes: { x: RUN_CHOICE_X },
  },
  "machine-utilization-heatmap": {
    description:
      "Per-machine CPU utilization over time (machines × time heatmap; cell runs need metrics.machines > 0), first seed's runs; all machines per policy (Quasar fig 11b/c) for performance-model runs",
    build: (results: ResultsFile, axes: FigureAxes) =>
      results.runs.some((r) => r.summary.performance !== undefined)
        ? buildQuasarHeatmap(results, axes)
        : buildMachineHeatmap(results, axes),
    axes: { x: RUN_CHOICE_X, run: true },
    check: (_paths, ctx) =>
      ctx.performance === true || ctx.machinesSampled > 0
        ? undefined
        : "needs per-machine samples: set metrics.machines > 0",
  },
  "machine-gpu-heatmap": {
    description:
      "Per-machine GPU utilization over time (machines × time heatmap of the cell's gpus resource; needs metrics.machines > 0 and a cell with gpus), first seed's runs",
    build: buildMachineGpuHeatmap,
    axes: { x: RUN_CHOICE_X, run: true },
    check: (_paths, ctx) =>
      ctx.machinesSampled > 0 ? undefined : "needs per-machine samples: set metrics.machines > 0",
  },
  "task-timeline": {
    description:
      "Gantt chart of the first run: a row per machine, a bar per task from start to end, colour by job or workload kind (needs metrics.timeline; cells of ≤ 64 machines)",
    build: buildTaskTimeline,
    check: checkTimeline,
    axes: { run: true },
  },
  "scheduler-series": {
    description:
      "Per-scheduler queue length (mean and max per window) and busyness (useful / wasted on conflicts / wasted on no fit) over time, a row per scheduler, first run with series (needs metrics.schedulerSeries; the caption says when none was recorded)",
    build: buildSchedulerSeries,
  },
  "paired-differences": {
    description:
      "Mean paired difference (same seed, common random numbers) of mean batch wait and batch-scheduler busyness for each sweep point vs the first, with 95 % Student-t intervals over seeds (needs a sweep and ≥ 2 seeds)",
    build: buildPairedDifferences,
    check: checkPairedSweep,
  },
  "perf-vs-target-sorted": {
    description:
      "Per-workload performance normalized to its target, sorted, one line per policy, target line at 1.0; seeds averaged by rank (Quasar fig 11a; runs whose jobs carry a performance model)",
    needs: "performance",
    build: buildPerfVsTargetSorted,
  },
  "cpu-used-allocated-reserved": {
    description:
      "Cluster CPU cores used vs allocated vs reserved over time, a panel per policy, capacity line (Quasar fig 11d; performance-model runs, first seed)",
    needs: "performance",
    build: buildCpuUsedAllocatedReserved,
  },
  "classification-error-and-admission": {
    description:
      "Classification error per axis (mean and max over jobs) and admission-queue delay per policy, seeds averaged (performance-model runs)",
    needs: "performance",
    build: buildClassificationAdmission,
  },
  "service-availability-vs-failure-rate": {
    description:
      "Service downtime per instance-day, (1 − availability) × 86,400 s, vs machine failures per machine per day (log–log; from a swept failures block), one line per architecture",
    build: buildAvailabilityVsFailureRate,
    axes: { x: FAILURE_RATE_X, panels: false },
  },
  "lost-work-vs-failure-rate": {
    description:
      "Work thrown away by machine failures (lostTaskSec, task-hours) per workload kind vs machine failures per machine per day (log–log; from a swept failures block), one line per architecture",
    build: buildLostWorkVsFailureRate,
    axes: { x: FAILURE_RATE_X, panels: false },
  },
  "capacity-around-failures": {
    description:
      "One run with failures over time: installed CPU capacity up, CPU occupied and machines down (stacked panels, shared time axis); by default the first-seed run with the most rack failures",
    build: buildCapacityAroundFailures,
    axes: { run: true },
  },
  "framework-completion-cdf": {
    description:
      "Empirical CDF of application completion time, one line per framework (log x); a panel per sweep point (its first seed), or the run the entry names",
    build: buildFrameworkCompletionCdf,
    axes: { run: true },
  },
  "framework-shares-over-time": {
    description:
      "Each framework's dominant share of the cell over time (solid, steps of binned means) and Jain's fairness index over the active frameworks (dashed grey); a panel per sweep point (its first seed), or the run the entry names",
    build: buildFrameworkSharesOverTime,
    axes: { run: true },
  },
  "locality-vs-delay": {
    description:
      "Fraction of data-local tasks vs a swept delay-scheduling delay (a path ending in delay), seeds averaged; a bar per run when no delay is swept",
    build: buildLocalityVsDelay,
    axes: { x: DELAY_X, panels: false },
  },
} as const satisfies Record<string, FigureKind>;

/** A registered figure kind name. */
export type FigureKindName = keyof typeof FIGURE_KINDS;

/** Names of all figure kinds, in registry order (for `cellsim list` and error messages). */
export function figureKindNames(): string[] {
  return Object.keys(FIGURE_KINDS);
}

/** Looks a figure kind up by name; unknown names fail with the list of valid ones. */
export function figureKind(name: string): FigureKind {
  if (!Object.hasOwn(FIGURE_KINDS, name)) {
    throw new InputError(`unknown figure kind "${name}": expected one of ${figureKindNames().join("|")}`);
  }
  return FIGURE_KINDS[name as FigureKindName];
}

/** Builds one kind's figures; a kind that needs performance data refuses results without it. */
function buildKind(kind: FigureKind, results: ResultsFile, axes: FigureAxes): FigureSpec[] | FigureSpec {
  const performance = results.runs.some((r) => r.summary.performance !== undefined);
  const problem = dataProblem(kind, { machinesSampled: 0, performance });
  if (problem) throw new InputError(`figure ${axes.kind} ${problem}`);
  return kind.build(results, axes);
}

/**
 * Builds the requested figures in order (a kind may yield several figures): by default those the
 * experiment asked for, on the axes results.json records (see figure-axes.ts). An entry is a kind
 * name or an object naming its axes, as in an experiment file. `lookup` finds a kind by name
 * (default: the built-ins; an experiment's registry adds its plug-ins' kinds). A kind drawn twice
 * (say on two x axes) gets `-2`, `-3` … after its later figures' names, so files do not collide.
 */
export function buildFigures(
  results: ResultsFile,
  entries?: readonly FigureEntryInput[],
  lookup: (name: string) => FigureKind = figureKind,
): FigureSpec[] {
  const names = entries?.map(entryKind) ?? results.experiment.figures;
  names.forEach((name) => lookup(name)); // check every name before building any
  const axes = reportAxes(results, entries, lookup);
  const seen = new Map<string, number>();
  return axes.flatMap((a) => {
    const built = buildKind(lookup(a.kind), results, a);
    return (Array.isArray(built) ? built : [built]).map((figure) => {
      const nth = (seen.get(figure.name) ?? 0) + 1;
      seen.set(figure.name, nth);
      return nth === 1 ? figure : { ...figure, name: `${figure.name}-${nth}` };
    });
  });
}
