/**
 * Quasar's two costs besides placement: how wrong its classification is (mean and max error
 * over jobs per axis — the paper: mean < 8%, max < 17% with 2 profiled entries per row) and how
 * long admission control queues jobs. Left: mean error per axis per classifying policy (bars)
 * with the max (ticks); right: mean admission delay per policy (bars) with p90 (ticks). Seeds
 * averaged. Reservation+least-loaded classifies nothing, so it has no error bars.
 */
import type { ResultsFile } from "../../experiment/results-types.js";
import { CHART_CONFIG } from "../chart-style.js";
import type { FigureSpec, TableCell } from "../types.js";
import { groupColours, perfOf, policyGroups, seedMean, type PolicyGroup } from "./quasar-groups.js";
import type { TopLevelSpec } from "vega-lite";

const NAME = "classification-error-and-admission";
const AXES = ["scaleUp", "scaleOut", "heterogeneity", "interference"] as const;
const AXIS_TITLES: Readonly<Record<(typeof AXES)[number], string>> = {
  scaleUp: "scale-up",
  scaleOut: "scale-out",
  heterogeneity: "heterogeneity",
  interference: "interference",
};

interface ErrorRow {
  policy: string;
  axis: string;
  meanPct: number;
  maxPct: number;
}

function errorRows(g: PolicyGroup): ErrorRow[] {
  const classified = g.runs.filter((r) => perfOf(r).classification !== null);
  if (classified.length === 0) return [];
  return AXES.flatMap((axis) => {
    const has = classified.every((r) => perfOf(r).classification?.axes[axis] !== undefined);
    if (!has) return [];
    const sub = { ...g, runs: classified };
    return [
      {
        policy: g.label,
        axis: AXIS_TITLES[axis],
        meanPct: seedMean(sub, (r) => (perfOf(r).classification?.axes[axis]?.mean ?? 0) * 100),
        maxPct: seedMean(sub, (r) => (perfOf(r).classification?.axes[axis]?.max ?? 0) * 100),
      },
    ];
  });
}

function colour(groups: PolicyGroup[]) {
  return {
    field: "policy",
    type: "nominal",
    title: "Policy",
    sort: groups.map((g) => g.label),
    scale: { domain: groups.map((g) => g.label), range: groupColours(groups) },
  };
}

/** Builds the classification-error and admission-delay figure. */
export function buildClassificationAdmission(results: ResultsFile): FigureSpec {
  const groups = policyGroups(results);
  const errors = groups.flatMap(errorRows);
  const admission = groups.map((g) => ({
    policy: g.label,
    meanSec: seedMean(g, (r) => perfOf(r).admissionDelaySec.mean),
    p90Sec: seedMean(g, (r) => perfOf(r).admissionDelaySec.p90),
  }));
  const axisOrder = AXES.map((a) => AXIS_TITLES[a]);
  const errorChart = {
    width: 380,
    height: 220,
    data: { values: errors },
    layer: [
      {
        mark: { type: "bar" },
        encoding: { y: { field: "meanPct", type: "quantitative", title: "Classification error (%)" } },
      },
      {
        mark: { type: "tick", color: "#222222", thickness: 2 },
        encoding: { y: { field: "maxPct", type: "quantitative" } },
      },
    ],
    encoding: {
      x: { field: "axis", type: "nominal", title: "Axis", sort: axisOrder, axis: { labelAngle: 0 } },
      xOffset: { field: "policy", type: "nominal", sort: groups.map((g) => g.label) },
      color: colour(groups),
    },
  };
  const admissionChart = {
    width: 200,
    height: 220,
    data: { values: admission },
    layer: [
      {
        mark: { type: "bar" },
        encoding: { y: { field: "meanSec", type: "quantitative", title: "Admission delay (s)" } },
      },
      {
        mark: { type: "tick", color: "#222222", thickness: 2 },
        encoding: { y: { field: "p90Sec", type: "quantitative" } },
      },
    ],
    encoding: {
      x: {
        field: "policy",
        type: "nominal",
        title: null,
        sort: groups.map((g) => g.label),
        axis: { labelAngle: -30, labelLimit: 220 },
      },
      color: colour(groups),
    },
  };
  const spec = { config: CHART_CONFIG, hconcat: [errorChart, admissionChart] } as unknown as TopLevelSpec;
  const byPolicy = (g: PolicyGroup): TableCell[] => {
    const rows = errors.filter((e) => e.policy === g.label);
    const err = (axis: string, f: (e: ErrorRow) => number): TableCell => {
      const e = rows.find((x) => x.axis === axis);
      return e ? f(e) : "–";
    };
    const a = admission.find((x) => x.policy === g.label);
    return [
      g.label,
      (g.runs[0] ? perfOf(g.runs[0]).classification?.entriesPerRow : undefined) ?? "–",
      ...axisOrder.flatMap((axis) => [err(axis, (e) => e.meanPct), err(axis, (e) => e.maxPct)]),
      a?.meanSec ?? "–",
      a?.p90Sec ?? "–",
    ];
  };
  return {
    name: NAME,
    title: "Classification error per axis and admission delay per policy",
    caption:
      "Left: error of the classifier's predicted rows against the hidden truth, mean over classified jobs (bars) " +
      "and worst job (ticks), per axis, for the policies that classify (reservation+least-loaded does not). " +
      "Right: time jobs wait in the admission queue, mean (bars) and p90 (ticks). Seeds averaged. " +
      "Paper: with 2 profiled entries per row, mean error < 8% and max < 17%.",
    vegaLiteSpec: spec,
    table: {
      columns: [
        "policy",
        "entries per row",
        ...axisOrder.flatMap((a) => [`${a} mean error (%)`, `${a} max error (%)`]),
        "admission delay mean (s)",
        "admission delay p90 (s)",
      ],
      rows: groups.map(byPolicy),
    },
  };
}
