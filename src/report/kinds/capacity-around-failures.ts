/**
 * One run's cell around machine failures: installed CPU capacity that is up, CPU occupied by
 * running tasks, and machines down, over simulated time, stacked on a shared time axis. Each
 * panel gets its own y scale: a rack of 60 machines is half a percent of a 12,583-machine cell,
 * a step that a 0–100 % axis would flatten out. Drawn from the down series a run with failures
 * records (summary.cell.series.downMachines / downCpu).
 */
import { InputError } from "../../engine/errors.js";
import type { ResultsFile, RunRecord } from "../../experiment/results-types.js";
import type { FigureAxes } from "../../plugins/figure-axes.js";
import { CHART_CONFIG, CHART_WIDTH } from "../chart-style.js";
import { otherParamsLabel, roundSig } from "../sweep.js";
import type { FigureSpec, TableCell } from "../types.js";
import type { TopLevelSpec } from "vega-lite";
import { downsample } from "./utilization-over-time.js";

const NAME = "capacity-around-failures";

/** The runs that recorded the down series (runs with failures). */
function withDownSeries(results: ResultsFile): RunRecord[] {
  return results.runs.filter((r) => r.summary.cell.series.downMachines !== undefined);
}

/**
 * The figure entry's run, else the first-seed run with the most domain (rack) failures, else the
 * one with the most machine-seconds down: the run where failures show most.
 */
function chooseRun(results: ResultsFile, axes: FigureAxes): RunRecord {
  const named = axes.run;
  if (named !== null) {
    const run = results.runs.find((r) => r.runId === named);
    if (!run) throw new InputError(`figure ${NAME}: results.json has no run "${named}"`);
    if (run.summary.cell.series.downMachines === undefined)
      throw new InputError(`figure ${NAME}: run ${named} has no failures block, so no machine was ever down`);
    return run;
  }
  const seed = results.runs[0]?.seed;
  const candidates = withDownSeries(results).filter((r) => r.seed === seed);
  if (candidates.length === 0)
    throw new InputError(`figure ${NAME}: no run has a failures block, so no machine was ever down`);
  const score = (r: RunRecord): [number, number] => [
    r.summary.failures?.domainFailures ?? 0,
    r.summary.failures?.machineDownSec ?? 0,
  ];
  return candidates.reduce((best, r) => {
    const [d, s] = score(r);
    const [bd, bs] = score(best);
    return d > bd || (d === bd && s > bs) ? r : best;
  });
}

type Panel = "CPU capacity up" | "CPU occupied" | "Machines down";
const PANELS: { panel: Panel; title: string; format: string }[] = [
  { panel: "CPU capacity up", title: "CPU up", format: ".1%" },
  { panel: "CPU occupied", title: "CPU occupied", format: ".0%" },
  { panel: "Machines down", title: "Machines down", format: "d" },
];

/** Builds the figure of the chosen run; an InputError when no run had failures. */
export function buildCapacityAroundFailures(results: ResultsFile, axes: FigureAxes): FigureSpec {
  const run = chooseRun(results, axes);
  const s = run.summary.cell.series;
  const up = downsample(
    (s.downCpu ?? []).map((x) => 1 - x),
    s.periodSec,
  );
  const occupied = downsample(s.cpuUtilization, s.periodSec);
  const down = downsample(s.downMachines ?? [], s.periodSec);
  const f = run.summary.failures;
  const label = otherParamsLabel(results, run);
  const binMin = roundSig(((up.hours[1] ?? 0) - (up.hours[0] ?? 0)) * 60);
  const horizonH = roundSig(results.experiment.horizonSec / 3600);
  const values = [
    ...series("CPU capacity up", up),
    ...series("CPU occupied", occupied),
    ...series("Machines down", down),
  ];
  return {
    name: NAME,
    title: `Cell capacity, occupied CPU and machines down over time (run ${run.runId})`,
    caption: [
      `Run ${run.runId}${label === "" ? "" : ` (${label})`}, chosen ${axes.run !== null ? "by the figure entry" : 'as the first-seed run with the most rack (domain) failures, then the most machine time down; name another with {"kind": "capacity-around-failures", "run": "<runId>"}'}:`,
      `${f?.machineFailures ?? 0} machine failures and ${f?.domainFailures ?? 0} domain failures, ${roundSig((f?.machineDownSec ?? 0) / 3600)} machine-hours down.`,
      "Top: the cell's installed CPUs on machines that are up; middle: CPUs occupied by running tasks (both as fractions of the installed CPUs); bottom: machines down. All three as time-weighted means per",
      `${binMin}-minute interval, on one time axis. A rack failure reads as a step down in capacity and a step up in machines down, at the same time; the occupied CPUs drop by the tasks lost there and climb back as schedulers place them again elsewhere.`,
      "Each panel has its own y scale, zoomed to its values (a rack is a fraction of a percent of a large cell).",
    ].join(" "),
    vegaLiteSpec: timelineSpec(values, horizonH),
    table: {
      columns: ["hours", "capacityUp", "cpuOccupied", "machinesDown"],
      rows: up.hours.map((h, i): TableCell[] => [
        h,
        up.values[i] ?? "",
        occupied.values[i] ?? "",
        down.values[i] ?? "",
      ]),
    },
  };
}

function series(panel: Panel, s: { hours: number[]; values: number[] }): Record<string, number | string>[] {
  return s.hours.map((hours, i) => ({ panel, hours, value: s.values[i] ?? 0 }));
}

function timelineSpec(values: Record<string, number | string>[], horizonH: number): TopLevelSpec {
  const spec = {
    config: CHART_CONFIG,
    data: { values },
    // Rotated y titles longer than a panel is high would otherwise push the panels apart.
    bounds: "flush",
    spacing: 12,
    vconcat: PANELS.map(({ panel, title, format }, i) => ({
      width: CHART_WIDTH,
      height: 110,
      transform: [{ filter: { field: "panel", equal: panel } }],
      mark: {
        type: "line",
        strokeWidth: 1.5,
        interpolate: panel === "Machines down" ? "step-after" : "linear",
      },
      encoding: {
        x: {
          field: "hours",
          type: "quantitative",
          scale: { domain: [0, horizonH], nice: false },
          // Only the bottom panel labels the shared time axis.
          title: i === PANELS.length - 1 ? "Simulated time (hours)" : null,
          axis: i === PANELS.length - 1 ? {} : { labels: false, ticks: false },
        },
        y: {
          field: "value",
          type: "quantitative",
          title,
          scale: { zero: panel === "Machines down", nice: true },
          axis: { format, tickCount: 4 },
        },
        color: { value: ["#4c78a8", "#f58518", "#e45756"][i] },
      },
    })),
  };
  return spec as unknown as TopLevelSpec;
}
