/**
 * Which runs the per-run framework figures draw. Frameworks' lines of several runs in one chart
 * could not be told apart, so each sweep point gets its own small panel, titled by its swept
 * values, and a sweep (architectures, a Chronos epsilon) compares panel by panel. A point's
 * seeds look alike, so only its first seed's run is drawn. A figure entry naming a `run` draws
 * that run alone, full size.
 */
import { InputError } from "../../engine/errors.js";
import type { ResultsFile, RunRecord } from "../../experiment/results-types.js";
import type { FrameworksSummary } from "../../metrics/summary.js";
import type { FigureAxes } from "../../plugins/figure-axes.js";
import { otherParamsLabel, otherParamsTitle, uniqueInOrder } from "../sweep.js";
import { spread } from "./run-choice.js";

/** More panels than this make a page of thumbnails: the sweep points are then spread out. */
export const MAX_FRAMEWORK_PANELS = 12;

/** One run to draw and the title of its panel. */
export interface FrameworkPanel {
  run: RunRecord;
  section: FrameworksSummary;
  /** The run's swept values ("monolithic", "5s"); its run id when nothing is swept. */
  label: string;
}

/** The runs to draw with the words a caption needs. */
export interface FrameworkPanels {
  panels: FrameworkPanel[];
  /** True when there is a panel per sweep point (more than one run drawn). */
  faceted: boolean;
  /** Framework names over every panel, in order of appearance (one colour each). */
  names: string[];
  /** "One panel per sweep point, titled by its architecture …" or "Run 000-s1 …". */
  sentence: string;
}

/** The framework runs of each sweep point, in sweep order (runs are sorted by runId). */
function pointsOf(results: ResultsFile): RunRecord[][] {
  const byKey = new Map<string, RunRecord[]>();
  for (const run of results.runs) {
    if (run.summary.frameworks === undefined) continue;
    const key = JSON.stringify(results.experiment.sweepPaths.map((k) => run.params[k] ?? null));
    byKey.set(key, [...(byKey.get(key) ?? []), run]);
  }
  return [...byKey.values()];
}

function panelOf(run: RunRecord, label: string): FrameworkPanel {
  return { run, section: run.summary.frameworks as FrameworksSummary, label };
}

/** The entry's `run` alone; an InputError when results.json has no such run or it has no frameworks. */
function chosenRun(results: ResultsFile, runId: string, name: string): FrameworkPanel {
  const run = results.runs.find((r) => r.runId === runId);
  if (!run) throw new InputError(`figure ${name}: results.json has no run "${runId}"`);
  if (run.summary.frameworks === undefined)
    throw new InputError(`figure ${name}: run "${runId}" has no framework jobs`);
  return panelOf(run, run.runId);
}

/** Panel labels must differ (two variants may share a name): repeated ones get their run id. */
function uniqueLabels(results: ResultsFile, runs: RunRecord[]): string[] {
  const labels = runs.map((run) => otherParamsLabel(results, run) || run.runId);
  return labels.map((l, i) =>
    labels.indexOf(l) === labels.lastIndexOf(l) ? l : `${l} (${(runs[i] as RunRecord).runId})`,
  );
}

/** Picks the panels; see the file comment. An InputError when no run has framework jobs. */
export function frameworkPanels(
  results: ResultsFile,
  axes: FigureAxes | undefined,
  name: string,
): FrameworkPanels {
  const names = (panels: FrameworkPanel[]) =>
    uniqueInOrder(panels.flatMap((p) => p.section.byFramework.map((f) => f.name)));
  const runId = axes?.run ?? null;
  if (runId !== null) {
    const panels = [chosenRun(results, runId, name)];
    return {
      panels,
      faceted: false,
      names: names(panels),
      sentence: `Run ${runId} (chosen by the figure entry).`,
    };
  }
  const points = pointsOf(results);
  if (points.length === 0)
    throw new InputError(`figure ${name} needs framework jobs: a run of a "frameworks" workload`);
  const seeds = Math.max(...points.map((p) => p.length));
  const shown = spread(points, MAX_FRAMEWORK_PANELS).map((p) => p[0] as RunRecord);
  const labels = uniqueLabels(results, shown);
  const panels = shown.map((run, i) => panelOf(run, labels[i] as string));
  const seedWords = seeds > 1 ? `the first seed's run of each (of ${seeds} seeds per point)` : "";
  if (panels.length === 1) {
    const run = (panels[0] as FrameworkPanel).run;
    const words = seeds > 1 ? ` (seed ${run.seed}, the first of ${seeds})` : "";
    return { panels, faceted: false, names: names(panels), sentence: `Run ${run.runId}${words}.` };
  }
  const sentence = [
    `One panel per sweep point, titled by its ${otherParamsTitle(results) ?? "run"}`,
    seedWords === "" ? "" : `: ${seedWords}`,
    shown.length < points.length ? `; ${shown.length} of the ${points.length} points, evenly spread` : "",
    `; shared axes. Runs: ${shown.map((r) => r.runId).join(", ")}.`,
  ].join("");
  return { panels, faceted: true, names: names(panels), sentence };
}
