/**
 * The per-run framework figures (docs/metrics.md#frameworks), drawn from runs' `summary.frameworks`:
 * the CDF of application completion time per framework, and each framework's dominant share of the
 * cell over time with Jain's index over them. A panel per sweep point (see framework-runs.ts).
 */
import type { ResultsFile } from "../../experiment/results-types.js";
import type { FigureAxes } from "../../plugins/figure-axes.js";
import { identicalPanelsSentence, panelSpec, panelsIdentical } from "../facet.js";
import { roundSig } from "../sweep.js";
import type { FigureSpec, TableCell } from "../types.js";
import { frameworkPanels, type FrameworkPanel, type FrameworkPanels } from "./framework-runs.js";
import { JAIN, shareLines, sharesSpec, type ShareBinning } from "./framework-shares.js";
import { timeUnit } from "./task-timeline.js";

/** Framework colours, in order of appearance (vega's category10-like default, fixed here). */
const PALETTE = ["#4c78a8", "#f58518", "#54a24b", "#e45756", "#72b7b2", "#b279a2", "#ff9da6", "#9d755d"];

/** A table row, led by its panel's label when there are several panels. */
function tableRow(choice: FrameworkPanels, panel: FrameworkPanel, rest: TableCell[]): TableCell[] {
  return choice.faceted ? [panel.label, ...rest] : rest;
}

/** The table's columns, led by the panel's when there are several panels. */
function tableColumns(choice: FrameworkPanels, rest: string[]): string[] {
  return choice.faceted ? ["sweep point", ...rest] : rest;
}

/** The panels' labels, or undefined for one full-size chart. */
function panelLabels(choice: FrameworkPanels): string[] | undefined {
  return choice.faceted ? choice.panels.map((p) => p.label) : undefined;
}

/** Caption words when every panel drew the same rows (they are then drawn once). */
function sameSentence(choice: FrameworkPanels, values: { facet: string }[]): string {
  const labels = panelLabels(choice);
  return labels && panelsIdentical(values, labels) ? identicalPanelsSentence("sweep point", labels) : "";
}

const NAME_CDF = "framework-completion-cdf";

/** "c" when no panel completed one of c's applications, else "c (monolithic, two-level)". */
function withoutCompleted(choice: FrameworkPanels): string {
  const parts = choice.names.flatMap((name) => {
    const where = choice.panels.filter((p) =>
      p.section.byFramework.some((f) => f.name === name && f.completionCdf.sec.length === 0),
    );
    if (where.length === 0) return [];
    const all = where.length === choice.panels.length;
    return [all ? name : `${name} (${where.map((p) => p.label).join(", ")})`];
  });
  return parts.length === 0 ? "" : `No completed application: ${parts.join(", ")}.`;
}

/** Empirical CDF of application completion time, one step line per framework (log x). */
export function buildFrameworkCompletionCdf(results: ResultsFile, axes?: FigureAxes): FigureSpec {
  const choice = frameworkPanels(results, axes, NAME_CDF);
  const rows: TableCell[][] = choice.panels.flatMap((p) =>
    p.section.byFramework.flatMap((f) =>
      f.completionCdf.sec.map((sec, i) =>
        tableRow(choice, p, [f.name, sec, f.completionCdf.fraction[i] ?? 0]),
      ),
    ),
  );
  const values = choice.panels.flatMap((p) =>
    p.section.byFramework.flatMap((f) =>
      f.completionCdf.sec.map((sec, i) => ({
        facet: p.label,
        framework: f.name,
        sec,
        fraction: f.completionCdf.fraction[i] ?? 0,
      })),
    ),
  );
  const layer = [
    {
      mark: { type: "line", interpolate: "step-after", point: { size: choice.faceted ? 10 : 24 } },
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
        color: colour(choice.names),
      },
    },
  ];
  return {
    name: NAME_CDF,
    title: "CDF of application completion time per framework",
    caption: [
      "Completion time of each completed application: its last job's end minus its submission.",
      "At most 101 points per framework (evenly spaced ranks, both ends).",
      withoutCompleted(choice),
      choice.sentence,
      sameSentence(choice, values),
    ]
      .filter((s) => s !== "")
      .join(" "),
    vegaLiteSpec: panelSpec({ values, layer, panels: panelLabels(choice) }),
    table: { columns: tableColumns(choice, ["framework", "completion time (s)", "fraction ≤"]), rows },
  };
}

/** One colour per framework (and Jain's index in grey), the same in every panel. */
function colour(names: string[], jain = false) {
  const range = names.map((_, i) => PALETTE[i % PALETTE.length] as string);
  return {
    field: jain ? "series" : "framework",
    type: "nominal",
    title: jain ? null : "framework",
    scale: { domain: jain ? [...names, JAIN] : names, range: jain ? [...range, JAIN_COLOUR] : range },
  };
}

const NAME_SHARES = "framework-shares-over-time";
/** Jain's index has its own row; grey keeps it apart from the frameworks' colours. */
const JAIN_COLOUR = "#7f7f7f";
/** Bins per line: enough to show a trend, few enough that 1-min samples are not a comb of spikes. */
const BINS_FACETED = 30;
const BINS_SINGLE = 60;

/** "mean of 4 consecutive samples (4 min), drawn as a step over that span" and the like. */
function binningWords(b: ShareBinning, unit: string, unitSec: number): string {
  const span = `${roundSig((b.samples * b.periodSec) / unitSec)} ${unit}`;
  return b.samples === 1
    ? `Each sample is drawn as a step that holds until the next (every ${span}).`
    : `Each step is the mean of ${b.samples} consecutive samples (${span}), held over that span.`;
}

/** "Time-mean Jain's index: monolithic 0.71, static partitions 0.5." (or one value). */
function jainMeans(choice: FrameworkPanels): string {
  const text = (m: number | null) => (m === null ? "none" : String(Number(m.toPrecision(3))));
  const parts = choice.panels.map((p) =>
    choice.faceted ? `${p.label} ${text(p.section.jainIndexMean)}` : text(p.section.jainIndexMean),
  );
  return `Time-mean Jain's index over all samples: ${parts.join(", ")}.`;
}

/** Dominant share per framework (a colour each) and, in a row below, Jain's index over time. */
export function buildFrameworkSharesOverTime(results: ResultsFile, axes?: FigureAxes): FigureSpec {
  const choice = frameworkPanels(results, axes, NAME_SHARES);
  const { unit, sec: unitSec } = timeUnit(Math.max(...choice.panels.map((p) => p.run.summary.simulatedSec)));
  const { lines, binning } = shareLines(choice.panels, choice.faceted ? BINS_FACETED : BINS_SINGLE);
  const values = lines.flatMap((l) =>
    l.points.map(([t, value]) => ({
      facet: l.panel.label,
      series: l.series,
      time: roundSig(t / unitSec),
      value,
    })),
  );
  const same = sameSentence(choice, values);
  const panels = same === "" ? panelLabels(choice) : undefined;
  const shown = same === "" ? values : values.filter((v) => v.facet === choice.panels[0]?.label);
  return {
    name: NAME_SHARES,
    title: "Dominant shares of the cell per framework, and Jain's fairness index",
    caption: [
      "Each framework's dominant share, max(CPUs held / cell CPUs, memory held / cell memory), sampled",
      "every metrics.samplePeriod (upper panels, y axis up to the highest share drawn); below, Jain's index",
      "(Σx)²/(n·Σx²) over the shares of the frameworks active at the sample (a live application or",
      "resources held), averaged over the samples that have one (those whose shares sum to more than 0).",
      binningWords(binning, unit, unitSec),
      jainMeans(choice),
      choice.sentence,
      same,
    ]
      .filter((s) => s !== "")
      .join(" "),
    vegaLiteSpec: sharesSpec({ values: shown, panels, unit, colour: colour(choice.names, true) }),
    table: {
      columns: tableColumns(choice, ["series", `time (${unit})`, "value"]),
      rows: lines.flatMap((l) =>
        l.points.map(([t, value]) => tableRow(choice, l.panel, [l.series, roundSig(t / unitSec), value])),
      ),
    },
  };
}
