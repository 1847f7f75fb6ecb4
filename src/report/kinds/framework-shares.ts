/**
 * The lines of the shares-over-time figure. Shares are point samples (every
 * `metrics.samplePeriod`): a short task burst shows as a one-sample spike, and 1-min samples over
 * hours draw a comb in which no trend can be seen. Consecutive samples are therefore averaged in
 * bins of equal length (the same bin length in every panel, so panels compare) and each bin's
 * mean is held over its span as a step.
 */
import type { TopLevelSpec } from "vega-lite";
import { CHART_CONFIG, CHART_WIDTH } from "../chart-style.js";
import { PANEL_COLUMNS, PANEL_HEADER, PANEL_HEIGHT, PANEL_WIDTH } from "../facet.js";
import { roundSig } from "../sweep.js";
import type { FrameworkPanel } from "./framework-runs.js";

/** The label of Jain's index among the framework names of the shares figure. */
export const JAIN = "Jain's index";

/** How samples were binned: `samples` consecutive samples `periodSec` apart per step. */
export interface ShareBinning {
  samples: number;
  periodSec: number;
}

/** One line of one panel: a framework's dominant share, or Jain's index; [time s, value] steps. */
export interface ShareLine {
  panel: FrameworkPanel;
  series: string;
  points: [number, number][];
}

/** Mean of the values that are numbers; null when none is. */
function meanOf(values: readonly (number | null | undefined)[]): number | null {
  const xs = values.filter((v): v is number => typeof v === "number");
  return xs.length === 0 ? null : roundSig(xs.reduce((a, b) => a + b, 0) / xs.length);
}

/** The sample period of a panel's run (0 with fewer than two samples). */
function periodOf(panel: FrameworkPanel): number {
  const [a, b] = panel.section.sampleSec;
  return a === undefined || b === undefined ? 0 : b - a;
}

/**
 * Steps of one series: a point at each bin's first sample time with the bin's mean, and a
 * closing point at the last bin's end (capped at the run's end) so the last step has a width.
 * Bins without a value (Jain's index where no framework held anything) are left out.
 */
function steps(panel: FrameworkPanel, samples: readonly (number | null)[], k: number): [number, number][] {
  const times = panel.section.sampleSec;
  const points: [number, number][] = [];
  for (let start = 0; start < times.length; start += k) {
    const value = meanOf(samples.slice(start, start + k));
    if (value !== null) points.push([times[start] as number, value]);
  }
  const last = points.at(-1);
  const lastStart = times[Math.floor((times.length - 1) / k) * k];
  if (last !== undefined && lastStart === last[0]) {
    const end = Math.min(lastStart + k * periodOf(panel), panel.run.summary.simulatedSec);
    if (end > lastStart) points.push([end, last[1]]);
  }
  return points;
}

/**
 * Every panel's framework lines, then its Jain's index line, binned so that the longest panel
 * has at most `maxBins` steps.
 */
export function shareLines(
  panels: readonly FrameworkPanel[],
  maxBins: number,
): { lines: ShareLine[]; binning: ShareBinning } {
  const longest = Math.max(...panels.map((p) => p.section.sampleSec.length));
  const k = Math.max(1, Math.ceil(longest / maxBins));
  const lines = panels.flatMap((panel): ShareLine[] => [
    ...panel.section.byFramework.map((f) => ({
      panel,
      series: f.name,
      points: steps(panel, f.dominantShare, k),
    })),
    { panel, series: JAIN, points: steps(panel, panel.section.jainIndex, k) },
  ]);
  const periodSec = Math.max(...panels.map(periodOf));
  return { lines, binning: { samples: k, periodSec } };
}

/** A plotted point of the shares figure. */
export interface ShareValue {
  facet: string;
  series: string;
  time: number;
  value: number;
}

/** What the shares chart is drawn from. */
export interface SharesLayout {
  values: ShareValue[];
  /** Panel labels in display order; undefined draws one full-size chart. */
  panels: string[] | undefined;
  /** Time unit of the x axis ("minutes"). */
  unit: string;
  /** The colour encoding (a colour per framework, grey for Jain's index). */
  colour: Record<string, unknown>;
}

/**
 * The shares' y axis ends at the highest share drawn, rounded up to a tenth (at least 0.1): shares
 * of a cell split among five frameworks stay near 0.2 and would be a flat band at the foot of a
 * [0, 1] axis.
 */
export function sharesTop(values: readonly ShareValue[]): number {
  const top = Math.max(0, ...values.filter((v) => v.series !== JAIN).map((v) => v.value));
  return Math.min(1, Math.max(0.1, Math.ceil(top * 10 - 1e-9) / 10));
}

/**
 * Shares above, Jain's index in a short row below (its own [0, 1] axis): drawn in the shares'
 * panel, an index near 0.8 crossed every framework's line and drew the eye away from them. With
 * panels, each row wraps the same way, so a sweep point's index sits under its shares' grid
 * position and carries the same title. Encodings are plain records, hence the one cast.
 */
export function sharesSpec({ values, panels, unit, colour }: SharesLayout): TopLevelSpec {
  const x = { field: "time", type: "quantitative", title: `Simulated time (${unit})` };
  const part = (jain: boolean) => ({
    transform: [{ filter: `datum.series ${jain ? "===" : "!=="} "${JAIN}"` }],
    mark: { type: "line", interpolate: "step-after", strokeWidth: jain ? 1.25 : 1.5 },
    encoding: {
      x,
      y: {
        field: "value",
        type: "quantitative",
        title: jain ? "Jain's index" : "Dominant share",
        scale: { domain: [0, jain ? 1 : sharesTop(values)] },
        ...(jain ? { axis: { tickCount: 2 } } : {}),
      },
      color: colour,
    },
  });
  const title = (text: string) => ({ text, anchor: "start", fontSize: 12 });
  const row = (jain: boolean) =>
    panels === undefined
      ? { width: CHART_WIDTH, height: jain ? 70 : 220, ...part(jain) }
      : {
          facet: { field: "facet", type: "nominal", title: null, sort: panels, header: PANEL_HEADER },
          columns: Math.min(PANEL_COLUMNS, panels.length),
          spec: { width: PANEL_WIDTH, height: jain ? 50 : PANEL_HEIGHT, ...part(jain) },
        };
  const spec = {
    config: CHART_CONFIG,
    data: { values },
    vconcat: [
      { title: title("Dominant share per framework"), ...row(false) },
      { title: title("Jain's index over the active frameworks"), ...row(true) },
    ],
  };
  return spec as unknown as TopLevelSpec;
}
