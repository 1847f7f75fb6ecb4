/**
 * The lines of the shares-over-time figure. Shares are point samples (every
 * `metrics.samplePeriod`): a short task burst shows as a one-sample spike, and 1-min samples over
 * hours draw a comb in which no trend can be seen. Consecutive samples are therefore averaged in
 * bins of equal length (the same bin length in every panel, so panels compare) and each bin's
 * mean is held over its span as a step.
 */
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
