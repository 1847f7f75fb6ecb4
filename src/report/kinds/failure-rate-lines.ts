/**
 * Lines against the failure rate (failure-rate-axis.ts): one line per architecture (the other
 * swept values), mean over seeds, on log–log axes. The baseline without failures and scenarios
 * with correlated (domain) failures have no place on a per-machine rate axis; the caption names
 * them and the table keeps them.
 */
import type { TopLevelSpec } from "vega-lite";
import type { ResultsFile, RunRecord } from "../../experiment/results-types.js";
import type { FigureAxes } from "../../plugins/figure-axes.js";
import { layeredSpec, powersOfTen, workloadDash } from "../chart-style.js";
import { mean, otherParamsLabel, otherParamsTitle, roundSig, sweepPoints, uniqueInOrder } from "../sweep.js";
import type { FigureSpec, TableCell } from "../types.js";
import { failureRateAxis, mtbfLabel, runFailureRate } from "./failure-rate-axis.js";
import { seedsSentence } from "./series.js";

/** What one such figure draws and says. */
export interface FailureRateFigure {
  name: string;
  title: string;
  /** The series of one run: (series name, value) pairs, e.g. per workload kind. */
  values(run: RunRecord): [string, number | undefined][];
  /** Table column of the value, and the y axis title. */
  valueColumn: string;
  yTitle: string;
  /** Dash lines by series (workload kinds); one series needs no dash legend. */
  dashBySeries: boolean;
  /** The caption's own first sentences (how to read the value). */
  caption: string[];
}

interface Row {
  label: string;
  rate: number;
  domains: boolean;
  group: string;
  series: string;
  seeds: number;
  value: number;
}

/** Builds the figure; throws InputError when no failures block is swept. */
export function buildFailureRateLines(
  results: ResultsFile,
  axes: FigureAxes,
  f: FailureRateFigure,
): FigureSpec {
  const axis = failureRateAxis(results, axes);
  const rows: Row[] = [];
  for (const point of sweepPoints(results, axis, undefined, () => 0, [axis.key])) {
    const first = point.runs[0] as RunRecord;
    const rate = runFailureRate(first, axis);
    const byName = new Map<string, number[]>();
    for (const run of point.runs)
      for (const [name, v] of f.values(run))
        if (typeof v === "number" && Number.isFinite(v)) byName.set(name, [...(byName.get(name) ?? []), v]);
    for (const [series, vs] of byName)
      rows.push({
        label: rate.domains
          ? "domain failures"
          : rate.perMachineDay === 0
            ? "none"
            : mtbfLabel(rate.perMachineDay),
        rate: roundSig(rate.perMachineDay),
        domains: rate.domains,
        group: otherParamsLabel(results, first, [axis.key]),
        series,
        seeds: vs.length,
        value: roundSig(mean(vs)),
      });
  }
  const onAxis = rows.filter((r) => r.rate > 0 && !r.domains);
  const drawn = onAxis.filter((r) => r.value > 0);
  const groupTitle = otherParamsTitle(results, [axis.key]) ?? "run";
  return {
    name: f.name,
    title: f.title,
    caption: [
      ...f.caption,
      "x: independent machine failures per machine per day (log scale; the mean time between failures of a machine is 1/x days, so x = 0.0015 is Google's published ~657 days and x = 0.33 is 3 days).",
      `One colour per ${groupTitle}.`,
      f.dashBySeries ? "Solid lines: batch; dashed: service." : "",
      seedsSentence(results),
      leftOutSentence(rows, onAxis, drawn),
    ]
      .filter((s) => s !== "")
      .join(" "),
    vegaLiteSpec: spec(drawn, f, groupTitle, uniqueInOrder(rows.map((r) => r.group))),
    table: {
      columns: ["failures", "machine failures per machine-day", groupTitle, "series", "seeds", f.valueColumn],
      rows: rows.map((r): TableCell[] => [r.label, r.rate, r.group, r.series, r.seeds, r.value]),
    },
  };
}

/** Caption words for the rows with no place on the log–log chart. */
function leftOutSentence(rows: Row[], onAxis: Row[], drawn: Row[]): string {
  const parts: string[] = [];
  if (rows.some((r) => r.rate === 0 && !r.domains)) parts.push("the runs without failures");
  if (rows.some((r) => r.domains)) parts.push("the scenario with rack (domain) failures");
  if (drawn.length < onAxis.length)
    parts.push(`${onAxis.length - drawn.length} values of exactly 0 (log scale)`);
  return parts.length === 0 ? "" : `Not drawn (see the table): ${parts.join("; ")}.`;
}

function spec(rows: Row[], f: FailureRateFigure, groupTitle: string, groups: string[]): TopLevelSpec {
  const rates = rows.map((r) => r.rate);
  const values = rows.map((r) => r.value);
  const [xMin, xMax] = rates.length > 0 ? [Math.min(...rates), Math.max(...rates)] : [0.001, 1];
  const [yMin, yMax] = values.length > 0 ? [Math.min(...values), Math.max(...values)] : [0.001, 1];
  const series = uniqueInOrder(rows.map((r) => r.series));
  const encoding = {
    x: {
      field: "rate",
      type: "quantitative",
      title: "Machine failures per machine per day (log); below each: the machine MTBF",
      scale: { type: "log", domain: [xMin / 1.5, xMax * 1.5], nice: false },
      // The swept rates themselves, each with its MTBF on a second line (1/rate days).
      axis: {
        values: uniqueInOrder(rates),
        labelExpr: "[format(datum.value, '.2~g'), format(1 / datum.value, '.3~r') + ' d']",
      },
    },
    y: {
      field: "value",
      type: "quantitative",
      title: f.yTitle,
      scale: { type: "log", domain: [yMin / 2, yMax * 2], nice: false },
      axis: { values: powersOfTen(yMin / 2, yMax * 2), format: "~g" },
    },
    color: { field: "group", type: "nominal", title: groupTitle, scale: { domain: groups } },
    ...(f.dashBySeries
      ? {
          strokeDash: {
            field: "series",
            type: "nominal",
            title: "workload",
            scale: { domain: series, range: series.map((s) => workloadDash(s, 0)) },
            legend: { symbolType: "stroke", symbolSize: 300 },
          },
        }
      : {}),
    detail: { field: "series", type: "nominal" },
  };
  return layeredSpec([
    {
      data: { values: rows.map(({ rate, group, series, value }) => ({ rate, group, series, value })) },
      mark: { type: "line", point: true },
      encoding,
    },
  ]);
}
