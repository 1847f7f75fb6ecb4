/**
 * The per-run framework figures (docs/metrics.md#frameworks), drawn from one run's
 * `summary.frameworks`: the CDF of application completion time per framework, and each
 * framework's dominant share of the cell over time with Jain's index over them. One run is
 * drawn, the first with framework jobs unless the figure entry names one: frameworks' lines of
 * several runs in one chart could not be told apart.
 */
import type { TopLevelSpec } from "vega-lite";
import { InputError } from "../../engine/errors.js";
import type { ResultsFile, RunRecord } from "../../experiment/results-types.js";
import type { FrameworksSummary } from "../../metrics/summary.js";
import type { FigureAxes } from "../../plugins/figure-axes.js";
import { CHART_CONFIG, CHART_HEIGHT, CHART_WIDTH } from "../chart-style.js";
import { roundSig } from "../sweep.js";
import type { FigureSpec, TableCell } from "../types.js";
import { timeUnit } from "./task-timeline.js";

/** The label of Jain's index among the framework names of the shares figure. */
const JAIN = "Jain's index";

/** The entry's run (`run`), else the first run with framework jobs; an InputError when none. */
function frameworkRun(results: ResultsFile, axes: FigureAxes | undefined, name: string) {
  const chosen = axes?.run ?? null;
  const run =
    chosen === null
      ? results.runs.find((r) => r.summary.frameworks !== undefined)
      : results.runs.find((r) => r.runId === chosen);
  if (chosen !== null && !run) throw new InputError(`figure ${name}: results.json has no run "${chosen}"`);
  const section = run?.summary.frameworks;
  if (!run || !section) {
    throw new InputError(`figure ${name} needs framework jobs: a run of a "frameworks" workload`);
  }
  return { run, section, chosen: chosen !== null };
}

/** "run 003-s1 (the first with framework jobs)" or "run 003-s1 (chosen by the figure entry)". */
function runWords(run: RunRecord, chosen: boolean): string {
  return `Run ${run.runId} (${chosen ? "chosen by the figure entry" : "the first with framework jobs"}).`;
}

const NAME_CDF = "framework-completion-cdf";

/** Empirical CDF of application completion time, one step line per framework (log x). */
export function buildFrameworkCompletionCdf(results: ResultsFile, axes?: FigureAxes): FigureSpec {
  const { run, section, chosen } = frameworkRun(results, axes, NAME_CDF);
  const rows: TableCell[][] = section.byFramework.flatMap((f) =>
    f.completionCdf.sec.map((sec, i) => [f.name, sec, f.completionCdf.fraction[i] as number]),
  );
  const without = section.byFramework.filter((f) => f.completionCdf.sec.length === 0).map((f) => f.name);
  const values = rows.map(([framework, sec, fraction]) => ({ framework, sec, fraction }));
  const spec = {
    config: CHART_CONFIG,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    data: { values },
    mark: { type: "line", interpolate: "step-after", point: true },
    encoding: {
      x: {
        field: "sec",
        type: "quantitative",
        title: "Application completion time (s, log scale)",
        scale: { type: "log" },
      },
      y: {
        field: "fraction",
        type: "quantitative",
        title: "Fraction of completed applications",
        scale: { domain: [0, 1] },
      },
      color: {
        field: "framework",
        type: "nominal",
        title: "framework",
        sort: section.byFramework.map((f) => f.name),
      },
    },
  };
  return {
    name: NAME_CDF,
    title: "CDF of application completion time per framework",
    caption: [
      "Completion time of each completed application: its last job's end minus its submission.",
      "At most 101 points per framework (evenly spaced ranks, both ends).",
      without.length > 0 ? `No completed application: ${without.join(", ")}.` : "",
      runWords(run, chosen),
    ]
      .filter((s) => s !== "")
      .join(" "),
    vegaLiteSpec: spec as unknown as TopLevelSpec,
    table: { columns: ["framework", "completion time (s)", "fraction ≤"], rows },
  };
}

const NAME_SHARES = "framework-shares-over-time";

/** Rows of the shares figure: one per (series, sample); samples without a Jain's index left out. */
function shareRows(section: FrameworksSummary, unitSec: number): TableCell[][] {
  const time = section.sampleSec.map((s) => roundSig(s / unitSec));
  const shares = section.byFramework.flatMap((f) =>
    f.dominantShare.map((x, i): TableCell[] => [f.name, time[i] as number, x]),
  );
  const jain = section.jainIndex.flatMap((j, i): TableCell[][] =>
    j === null ? [] : [[JAIN, time[i] as number, roundSig(j)]],
  );
  return [...shares, ...jain];
}

/** Dominant share per framework (solid, a colour each) and Jain's index (dashed black) over time. */
export function buildFrameworkSharesOverTime(results: ResultsFile, axes?: FigureAxes): FigureSpec {
  const { run, section, chosen } = frameworkRun(results, axes, NAME_SHARES);
  const { unit, sec } = timeUnit(run.summary.simulatedSec);
  const rows = shareRows(section, sec);
  const names = section.byFramework.map((f) => f.name);
  const values = rows.map(([series, time, value]) => ({
    series,
    time,
    value,
    measure: series === JAIN ? JAIN : "dominant share",
  }));
  const palette = ["#4c78a8", "#f58518", "#54a24b", "#e45756", "#72b7b2", "#b279a2", "#ff9da6", "#9d755d"];
  const spec = {
    config: CHART_CONFIG,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    data: { values },
    mark: { type: "line", strokeWidth: 1.5 },
    encoding: {
      x: { field: "time", type: "quantitative", title: `Simulated time (${unit})` },
      y: {
        field: "value",
        type: "quantitative",
        title: "Dominant share / Jain's index",
        scale: { domain: [0, 1] },
      },
      color: {
        field: "series",
        type: "nominal",
        title: null,
        scale: {
          domain: [...names, JAIN],
          range: [...names.map((_, i) => palette[i % palette.length]), "#000000"],
        },
      },
      strokeDash: {
        field: "measure",
        type: "nominal",
        legend: null,
        scale: {
          domain: ["dominant share", JAIN],
          range: [
            [1, 0],
            [6, 4],
          ],
        },
      },
    },
  };
  const mean = section.jainIndexMean;
  return {
    name: NAME_SHARES,
    title: "Dominant shares of the cell per framework, and Jain's fairness index",
    caption: [
      "Each framework's dominant share, max(CPUs held / cell CPUs, memory held / cell memory), sampled",
      "every metrics.samplePeriod (solid); Jain's index (Σx)²/(n·Σx²) over the shares of the frameworks",
      "active at the sample (a live application or resources held), dashed black, left out where",
      `those shares sum to 0. Time-mean Jain's index: ${mean === null ? "none" : roundSig(mean)}.`,
      runWords(run, chosen),
    ].join(" "),
    vegaLiteSpec: spec as unknown as TopLevelSpec,
    table: { columns: ["series", `time (${unit})`, "value"], rows },
  };
}
