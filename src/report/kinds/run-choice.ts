/**
 * Which runs a per-run figure (utilization over time) draws. Drawing every run blurs the lines,
 * and the first few runs are neighbours in the sweep (nearly identical), so each group of runs
 * sharing the other swept values contributes its first, middle and last value of the innermost
 * axis (the decision time when one is swept), and groups are spread out when a panel would hold
 * more than MAX_LINES lines. Only the first seed is drawn: seeds look alike.
 */
import type { ResultsFile, RunRecord } from "../../experiment/results-types.js";
import type { FigureAxes, SweptAxisRule } from "../../plugins/figure-axes.js";
import { facetOf, type Facet } from "../facet.js";
import { formatParamValue, otherParamsLabel, otherParamsTitle, sweptAxis, uniqueInOrder } from "../sweep.js";
import { DECISION_TIME_X, decisionSymbol } from "./decision-axis.js";

/**
 * The axis runs are chosen along (first, middle and last value): the swept decision time when
 * there is one, else the innermost sweep key; any swept path may be named instead.
 */
export const RUN_CHOICE_X: SweptAxisRule = {
  needs: "a swept path",
  accepts: DECISION_TIME_X.accepts,
  orInnermost: true,
};

/** More lines than this in one panel cannot be told apart. */
export const MAX_LINES = 6;

/** A run to draw: its panel ("" unless faceted) and its colour label. */
export interface ChosenRun {
  run: RunRecord;
  panel: string;
  label: string;
}

/** The chosen runs with the words a caption needs. */
export interface RunChoice {
  chosen: ChosenRun[];
  facet: Facet | undefined;
  /** Legend title of the colour labels. */
  colourTitle: string;
  /** "Runs shown: 3 of the 11 runs with seed 1 …" */
  sentence: string;
}

/** Evenly spaced items including the first and the last (all of them when `k` ≥ their number). */
export function spread<T>(items: readonly T[], k: number): T[] {
  if (items.length <= k) return [...items];
  if (k <= 1) return items.slice(0, 1);
  return uniqueInOrder(
    Array.from({ length: k }, (_, i) => Math.round((i * (items.length - 1)) / (k - 1))),
  ).map((i) => items[i] as T);
}

/** First, middle and last of a group's runs (fewer when the group is smaller). */
function firstMiddleLast(runs: readonly RunRecord[]): RunRecord[] {
  return uniqueInOrder([0, Math.floor(runs.length / 2), runs.length - 1]).map((i) => runs[i] as RunRecord);
}

/** Runs grouped by their panel, then by every swept value except the axis and the panel's. */
function panelGroups(results: ResultsFile, runs: RunRecord[], axisKey?: string, facet?: Facet) {
  const panels = new Map<string, Map<string, RunRecord[]>>();
  for (const run of runs) {
    const panel = facet ? formatParamValue(run.params[facet.key]) : "";
    const group = otherParamsLabel(results, run, [axisKey, facet?.key]);
    const groups = panels.get(panel) ?? new Map<string, RunRecord[]>();
    groups.set(group, [...(groups.get(group) ?? []), run]);
    panels.set(panel, groups);
  }
  return [...panels.entries()].map(([panel, groups]) => ({ panel, groups: [...groups.values()] }));
}

/**
 * Chooses the runs to draw; see the file comment. Runs arrive in sweep (runId) order. The axis
 * is the figure's resolved x (the decision time when one is swept, else the innermost key).
 */
export function chooseRuns(results: ResultsFile, axes: FigureAxes): RunChoice {
  const seed = results.runs[0]?.seed;
  const sameSeed = results.runs.filter((r) => r.seed === seed);
  const axisKey = axes.x === null ? undefined : sweptAxis(results, axes.x).key;
  const facet = facetOf(results, axes.facet);
  let groupsSkipped = false;
  const chosen: ChosenRun[] = [];
  for (const { panel, groups } of panelGroups(results, sameSeed, axisKey, facet)) {
    const picked = groups.map(firstMiddleLast);
    const widest = Math.max(...picked.map((g) => g.length));
    const kept = spread(picked, Math.max(1, Math.floor(MAX_LINES / widest)));
    groupsSkipped ||= kept.length < picked.length;
    for (const run of kept.flat()) {
      const parts = [
        otherParamsLabel(results, run, [axisKey, facet?.key]),
        axisKey ? formatParamValue(run.params[axisKey]) : "",
      ];
      chosen.push({ run, panel, label: parts.filter((p) => p !== "").join(" · ") || run.runId });
    }
  }
  const shown = axisKey ? uniqueInOrder(chosen.map((c) => formatParamValue(c.run.params[axisKey]))) : [];
  return {
    chosen,
    facet,
    colourTitle: colourTitle(results, axisKey, facet, axes.x),
    sentence: choiceSentence({ seed, shown, axisKey, facet, groupsSkipped }, chosen.length, sameSeed.length),
  };
}

/** Other swept values, then the axis (`t_job(service)` for a decision time): the labels' order. */
function colourTitle(
  results: ResultsFile,
  axisKey: string | undefined,
  facet: Facet | undefined,
  axisPath: string | null,
): string {
  const axisTitle =
    axisKey === undefined
      ? undefined
      : ((axisPath === null ? undefined : decisionSymbol(axisPath)) ??
        otherParamsTitle({ ...results, experiment: { ...results.experiment, sweepPaths: [axisKey] } }));
  const parts = [otherParamsTitle(results, [axisKey, facet?.key]), axisTitle];
  return parts.filter((p) => p !== undefined).join(" · ") || "run";
}

interface ChoiceWords {
  seed: number | undefined;
  shown: string[];
  axisKey: string | undefined;
  facet: Facet | undefined;
  groupsSkipped: boolean;
}

/** "Runs shown: 24 of the 32 runs with seed 1 (…), the first, middle and last value of … in every panel." */
function choiceSentence(w: ChoiceWords, chosen: number, total: number): string {
  const head = `Runs shown: ${chosen} of the ${total} runs with seed ${w.seed} (run ids in the table),`;
  if (w.axisKey === undefined) return `${head} every run.`;
  const which = `the first, middle and last swept value of ${w.axisKey} (${w.shown.join(", ")})`;
  const scope = [
    w.facet ? ` in every ${w.facet.title} panel` : "",
    w.groupsSkipped ? ", for evenly spread combinations of the other swept values" : "",
  ].join("");
  return `${head} ${which}${scope}.`;
}
